import { z } from 'zod';
import { cancelReasons, platformStatuses } from '../domain/online-orders/platform-status';

/**
 * The order relay's API as a store calls it (issue #21): pull order events
 * after a cursor, and send status changes back. Every write carries the
 * store's own id for it: sent twice, it is applied once.
 */

const id = z.string().trim().min(1).max(200);

export const relayPlatformSchema = z.enum(['leafly', 'jane', 'greentill']);

/** An order as the relay normalises it from any platform. Money integer cents. */
export const relayOrderSchema = z.object({
  id,
  customerName: z.string().max(200).nullable(),
  items: z
    .array(
      z.object({
        /** The platform's product reference: the register's SKU (its catalogue's online-menu id). */
        productRef: id,
        name: z.string().max(300),
        quantity: z.number().int().positive().max(1000),
        unitPriceCents: z.number().int().nonnegative().safe(),
      }),
    )
    .max(200),
  /** When the customer means to pick up (ISO instant), if the platform says. */
  pickupAt: z.string().nullable(),
  /** The customer's number for order texts, only from a platform that lets the store text (never Leafly's). */
  customerPhone: z.string().max(40).nullable().optional(),
  /** The customer agreed at checkout to texts about this order (the platform's checkbox): the ledger's grant. */
  textConsent: z.boolean().optional(),
  /** The platform charged the customer already (a prepaid order): what, under its payment reference. Absent: pay at the counter. */
  prepaid: z
    .object({ amountCents: z.number().int().positive().safe(), reference: z.string().trim().min(1).max(200) })
    .nullable()
    .optional(),
});
export type RelayOrder = z.infer<typeof relayOrderSchema>;

export const relayEventKinds = ['submit', 'cancel', 'status', 'update'] as const;

export const relayEventSchema = z.object({
  cursor: z.number().int().nonnegative(),
  connectionId: id,
  platform: relayPlatformSchema,
  orderId: id,
  eventId: id,
  kind: z.enum(relayEventKinds),
  /** The order as received (submit, update); null for a bare cancel or status event. */
  order: relayOrderSchema.nullable(),
  /** The platform's status or cancel reason, when the event carries one. */
  status: z.string().nullable(),
  cancelReason: z.string().nullable(),
  receivedAt: z.string(),
});
export type RelayEvent = z.infer<typeof relayEventSchema>;

export const relayPullResponseSchema = z.object({ events: z.array(relayEventSchema), next: z.number().int().nonnegative() });

export const relayStatusRequestSchema = z.object({
  /** The store's id for this change (its outbox id): sent twice, applied once. */
  statusId: id,
  connectionId: id,
  orderId: id,
  status: z.enum(platformStatuses),
  cancelReason: z.enum(cancelReasons).nullable().default(null),
});
export type RelayStatusRequest = z.input<typeof relayStatusRequestSchema>;

export const relayStatusResponseSchema = z.object({
  accepted: z.literal(true),
  /** `queued` (will go out), `duplicate` (this statusId or this status was already taken), `recorded` (the platform takes no statuses). */
  outcome: z.enum(['queued', 'duplicate', 'recorded']),
});

/** A text a customer sent in, as the relay received it from the store's SMS provider (STOP, START, HELP…). */
export const relayInboundTextSchema = z.object({
  cursor: z.number().int().nonnegative(),
  connectionId: id,
  provider: z.enum(['alpine_iq', 'gateway']),
  /** The provider's id for the message: the ledger entry's proof. */
  messageId: id,
  from: z.string().max(40),
  body: z.string().max(2000),
  receivedAt: z.string(),
});
export type RelayInboundText = z.infer<typeof relayInboundTextSchema>;

export const relayTextsPullResponseSchema = z.object({ texts: z.array(relayInboundTextSchema), next: z.number().int().nonnegative() });
