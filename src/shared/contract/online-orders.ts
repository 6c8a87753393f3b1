import { z } from 'zod';
import { substitutionAgreements } from '../domain/online-orders/substitution';
import { command } from './command';

const orderId = z.object({ orderId: z.string().trim().min(1).max(100) }).strict();

const orderView = z.object({
  id: z.string(),
  platform: z.string(),
  platformOrderId: z.string(),
  status: z.enum(['new', 'accepted', 'picking', 'ready', 'completed', 'cancelled', 'expired']),
  customerName: z.string().nullable(),
  cartId: z.string().nullable(),
  endReason: z.string().nullable(),
  receivedAt: z.string(),
  /** The counter's timer: accept by (new), hand over by (accepted onwards). */
  acceptBy: z.string(),
  pickupBy: z.string().nullable(),
  /** Whether the store may text this order's customer (Leafly: never). */
  customerTextsAllowed: z.boolean(),
  /**
   * Paid on the platform (issue #21): what it charged, and once handed over the register's
   * total and the difference (platform − register, cents) — shown, never charged silently.
   */
  prepaid: z
    .object({
      amountCents: z.number().int(),
      reference: z.string(),
      registerTotalCents: z.number().int().nullable(),
      differenceCents: z.number().int().nullable(),
    })
    .nullable(),
  /** The customer staff linked the order to at accept, whose purchase limits it holds today (their name); null: none. */
  limitsHeldFor: z.string().nullable(),
  /** In a store with a server: the other register that took (accepted or rejected) this order; this one does not offer to. */
  takenElsewhere: z.object({ register: z.string(), action: z.enum(['accept', 'reject']), at: z.string() }).nullable(),
  lines: z.array(
    z.object({
      lineNumber: z.number().int(),
      name: z.string(),
      productRef: z.string(),
      quantity: z.number().int(),
      picked: z.number().int(),
      unitPriceCents: z.number().int(),
      /** What the customer ordered, when this line was substituted (with how they agreed). */
      substitutedFrom: z.object({ name: z.string(), agreedVia: z.enum(substitutionAgreements), note: z.string().nullable() }).nullable(),
    }),
  ),
});

const queueView = z.object({
  relay: z.object({ url: z.string(), updatedAt: z.string() }).nullable(),
  /** The store server pulls the store's orders for every register (issue #21): they arrive from it, not from this register's own pull. */
  fromStoreServer: z.boolean(),
  lastPulledAt: z.string().nullable(),
  lastError: z.string().nullable(),
  orders: z.array(orderView),
});
export type OnlineOrderQueueView = z.infer<typeof queueView>;

/** The order queue at the counter (issue #21). */
export const onlineOrderCommands = {
  'online-orders-list': command({
    access: 'sale.ring',
    passive: true,
    summary: 'The online order queue: new, accepted, picking, ready, and the last day’s ended orders, with their timers.',
    writes: false,
    input: z.object({}).strict(),
    output: queueView,
  }),
  'online-orders-pull': command({
    access: 'sale.ring',
    summary: 'Pull new orders and cancellations from the order relay now (it also happens every 15 seconds).',
    writes: true,
    input: z.object({}).strict(),
    output: queueView,
  }),
  'online-order-accept': command({
    access: 'sale.ring',
    summary:
      'Accept a new order: its stock is held in a parked cart and the platform is told "confirmed"; linked to a customer, its goods also count against their purchase limits today.',
    writes: true,
    /** customerId: the store's customer the order is for (staff link it: an order carries only a name), whose limits it holds. */
    input: orderId.extend({ customerId: z.string().trim().min(1).max(100).nullable().optional() }).strict(),
    output: queueView,
  }),
  'online-order-reject': command({
    access: 'sale.ring',
    summary: 'Turn an order down with a reason: its holds are released and the platform is told it was cancelled by the store.',
    writes: true,
    input: orderId.extend({ reason: z.string().trim().min(1).max(200) }).strict(),
    output: queueView,
  }),
  'online-order-pick': command({
    access: 'sale.ring',
    summary: 'Scan a package tag against an order being picked (a package of another product is refused and named).',
    writes: true,
    input: orderId.extend({ tag: z.string().trim().min(1).max(40) }).strict(),
    output: queueView,
  }),
  'online-order-substitute': command({
    access: 'sale.ring',
    summary: 'Swap an order line not yet picked for another product (by SKU), recording how the customer agreed; the hold moves with it.',
    writes: true,
    input: orderId
      .extend({
        lineNumber: z.number().int().min(1).max(500),
        sku: z.string().trim().min(1).max(64),
        agreedVia: z.enum(substitutionAgreements),
        note: z.string().trim().max(200).nullable(),
      })
      .strict(),
    output: queueView,
  }),
  'online-order-ready': command({
    access: 'sale.ring',
    summary: 'Everything picked: the order is ready and the platform is told.',
    writes: true,
    input: orderId,
    output: queueView,
  }),
  'online-order-handover': command({
    access: 'sale.ring',
    summary: 'The customer is here: the order’s cart opens at this till for the usual check-in, limits and payment.',
    writes: true,
    input: orderId,
    output: z.object({ cartId: z.string() }),
  }),
  'online-orders-connect': command({
    access: 'credentials.edit',
    summary: 'Set the order relay this register pulls online orders from (its address and the store credential its admin made).',
    writes: true,
    input: z.object({ url: z.string().trim().min(8).max(200), credential: z.string().trim().min(20).max(200) }).strict(),
    output: queueView,
  }),
} as const;
