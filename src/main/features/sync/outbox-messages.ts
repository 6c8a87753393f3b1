import { z } from 'zod';
import { STORE_CUSTOMER_FIELDS, storeCommandSchema } from '../../../shared/contract/store-server';
import { relayStatusRequestSchema } from '../../../shared/contract/relay';
import { metrcMessages, parseMessage } from '../../../shared/contract/metrc-messages';

/**
 * What the outbox holds, one schema per kind: the state lane's messages
 * (shared/contract/metrc-messages.ts) and the other lanes', parsed — not
 * cast — when a lane picks an item up, so a damaged or foreign payload
 * parks that one item with words for the person at the Sync screen
 * instead of failing half-way through a send.
 */

/** The online menu's stock change per package (a sale, void or return moved it). */
export const inventoryAdjustMessage = z.object({
  reason: z.string(),
  saleId: z.string().min(1),
  deltas: z.array(z.object({ packageTag: z.string(), delta: z.number().int(), unit: z.enum(['each', 'mg']).optional() })),
});

export const outboxMessages = {
  // The store server's commands (issue #20): the shared contract is the message.
  'store.command': storeCommandSchema,
  // What a register wrote to a customer's record, loyalty points or store credit (migration 0040's triggers): the
  // store lane reads the row when it sends it (store-link/store-customers.ts). `change` makes each change its own key.
  'store.customer': z.object({ customerId: z.string().min(1), change: z.string().min(1), fields: z.array(z.enum(STORE_CUSTOMER_FIELDS)).min(1) }),
  'store.loyalty': z.object({ entryId: z.number().int() }),
  'store.credit': z.object({ creditId: z.string().min(1) }),
  ...metrcMessages,
  'inventory.adjust': inventoryAdjustMessage,
  // An online order's status for its platform, through the order relay (issue #21): the relay's contract is the message.
  'order.status': relayStatusRequestSchema,
  // A customer text (issue #21): the message row holds the sealed number and the body.
  'sms.send': z.object({ messageId: z.string().min(1) }),
  // A staff alert for the staff channel (issue #21): the alert row holds what it says.
  'staff_alert.send': z.object({ alertId: z.string().min(1) }),
} as const;

export type OutboxKind = keyof typeof outboxMessages;
export type OutboxMessage<K extends OutboxKind> = z.infer<(typeof outboxMessages)[K]>;

/** An outbox payload read back as its kind's message, or the words to park it with. */
export function parseOutboxMessage<K extends OutboxKind>(kind: K, payload: unknown): { ok: true; message: OutboxMessage<K> } | { ok: false; error: string } {
  return parseMessage(outboxMessages, kind, payload);
}

export type { PackageAdjustmentRecord, SaleReceiptRecord } from '../../../shared/contract/metrc-messages';
