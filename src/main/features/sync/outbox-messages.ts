import { z } from 'zod';
import { storeCommandSchema } from '../../../shared/contract/store-server';
import { relayStatusRequestSchema } from '../../../shared/contract/relay';
import { customerTypes } from '../../platform/db/schema/customers';

/**
 * What the outbox holds, one schema per kind: written by the sale, void,
 * return and adjustment code, and parsed — not cast — when a lane picks an
 * item up, so a damaged or foreign payload parks that one item with words
 * for the person at the Sync screen instead of failing half-way through a
 * send. The types the writers use are these schemas' own.
 */
const tax = z.object({ taxId: z.string(), amountCents: z.number().int() });
const count = z.number().int();

export const saleReceiptMessage = z.object({
  saleId: z.string().min(1),
  saleNumber: z.string(),
  completedAt: z.string(),
  timeZone: z.string(),
  customerType: z.enum(customerTypes),
  /** The patient's registration number as stored: sealed; the adapter opens it at send time. */
  patientLicenseNumberSealed: z.string().nullable(),
  /** A caregiver sale: the caregiver's own registration, sealed the same way. */
  caregiverLicenseNumberSealed: z.string().nullable().optional(),
  lines: z.array(
    z.object({
      packageTag: z.string(),
      quantity: count,
      unit: z.enum(['each', 'mg']),
      grossCents: count,
      discountCents: count,
      /** Pre-tax after discounts: Metrc's TotalAmount. */
      netCents: count,
      taxes: z.array(tax),
    }),
  ),
});

export const receiptVoidMessage = z.object({ saleId: z.string().min(1), reason: z.string() });

export const receiptReturnMessage = z.object({
  saleId: z.string().min(1),
  returnId: z.string(),
  returnNumber: z.string(),
  disposition: z.enum(['inventory', 'quarantine', 'destruction']),
  lines: z.array(z.object({ packageTag: z.string(), quantity: count, refundCents: count, taxes: z.array(tax.extend({ name: z.string().optional() })) })),
});

export const packageAdjustMessage = z.object({
  packageTag: z.string(),
  /** Signed, in the package's unit (units, or mg for weighed goods). */
  quantity: count,
  unit: z.enum(['each', 'mg']),
  reason: z.enum(['destruction', 'count_variance']),
  /** The state's own reason, chosen by the person who approved it (from Metrc's list); absent: matched from `reason`. */
  metrcReason: z.string().optional(),
  note: z.string(),
  /** The store-local date of the adjustment. */
  date: z.string(),
});

export const inventoryAdjustMessage = z.object({
  reason: z.string(),
  saleId: z.string().min(1),
  deltas: z.array(z.object({ packageTag: z.string(), delta: count, unit: z.enum(['each', 'mg']).optional() })),
});

/** A delivery received (in full, in part, or rejected) that the state expects recorded in Metrc by the recipient. */
export const transferReceiveMessage = z.object({
  manifestNumber: z.string(),
  deliveryId: z.number().int(),
  packages: z.array(
    z.object({
      packageTag: z.string(),
      /** Metrc's unit name and the accepted quantity in it, as text (0 when rejected). */
      unitOfMeasure: z.string(),
      shippedQuantity: z.string(),
      acceptedQuantity: z.string(),
      rejected: z.boolean(),
      reason: z.string().nullable(),
    }),
  ),
  /** The state's rule, as the register held it when the manifest was completed. */
  citation: z.string(),
});

export const outboxMessages = {
  // The store server's commands (issue #20): the shared contract is the message.
  'store.command': storeCommandSchema,
  'receipt.create': saleReceiptMessage,
  'receipt.void': receiptVoidMessage,
  'receipt.return': receiptReturnMessage,
  'package.adjust': packageAdjustMessage,
  'inventory.adjust': inventoryAdjustMessage,
  'transfer.receive': transferReceiveMessage,
  // An online order's status for its platform, through the order relay (issue #21): the relay's contract is the message.
  'order.status': relayStatusRequestSchema,
  // A customer text (issue #21): the message row holds the sealed number and the body.
  'sms.send': z.object({ messageId: z.string().min(1) }),
} as const;

export type OutboxKind = keyof typeof outboxMessages;
export type OutboxMessage<K extends OutboxKind> = z.infer<(typeof outboxMessages)[K]>;

/** An outbox payload read back as its kind's message, or the words to park it with. */
export function parseOutboxMessage<K extends OutboxKind>(kind: K, payload: unknown): { ok: true; message: OutboxMessage<K> } | { ok: false; error: string } {
  const parsed = outboxMessages[kind].safeParse(payload);
  if (parsed.success) return { ok: true, message: parsed.data as OutboxMessage<K> };
  const issue = parsed.error.issues[0];
  return {
    ok: false,
    error: `This queued ${kind} message is damaged or from an unknown version (${issue === undefined ? 'unreadable' : `${issue.path.join('.') || 'payload'}: ${issue.message}`}): nothing was sent. Enter it in the destination by hand, then mark it resolved.`,
  };
}

/**
 * What the state system must receive for one sale, in our own units (cents,
 * mg, UTC instant + the store's zone). The Metrc adapter turns it into a
 * receipt at send time (local time without offset, dollars, unit names).
 */
export type SaleReceiptRecord = OutboxMessage<'receipt.create'>;

/** A package adjustment for the state: the outbox message `package.adjust`. */
export type PackageAdjustmentRecord = OutboxMessage<'package.adjust'>;
