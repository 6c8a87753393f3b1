import { z } from 'zod';
import { command } from './command';

/**
 * The store's thresholds a manager sets (issue #20): when an idle cart stops
 * holding stock, and which drawer or stock-count variance needs a manager's
 * approval. The same at every register of a store (they travel like the
 * discount ceilings). The bounds live here, beside the contract, so the
 * register's settings and the screen's form check the same numbers.
 */
export const idleCartMinutes = z
  .object({
    openMinutes: z
      .number()
      .int()
      .min(5, 'An open cart is kept at least 5 minutes')
      .max(24 * 60, 'An open cart is released within a day'),
    parkedMinutes: z
      .number()
      .int()
      .min(5, 'A parked cart is kept at least 5 minutes')
      .max(7 * 24 * 60, 'A parked cart is released within a week'),
  })
  .strict();

/** Over or short at a drawer's count by more than this needs an explanation and a manager's approval: up to $1,000. */
export const drawerVarianceCents = z.number().int().min(0).max(100_000, 'A drawer variance threshold is at most $1,000.00');

/** A count's variance worth more than this at shelf price needs a manager's approval: up to $10,000. */
export const adjustmentApprovalCents = z.number().int().min(0).max(1_000_000, 'A stock adjustment threshold is at most $10,000.00');

export const storeThresholds = z
  .object({
    idleCart: idleCartMinutes,
    drawerVarianceCents,
    adjustmentApprovalCents,
  })
  .strict();
export type StoreThresholds = z.infer<typeof storeThresholds>;

export const storeThresholdCommands = {
  'store-thresholds-get': command({
    access: 'settings.edit',
    summary: 'When idle carts are released, and which drawer and count variances need a manager’s approval.',
    writes: false,
    input: z.object({}).strict(),
    output: storeThresholds,
  }),
  'store-thresholds-set': command({
    access: 'settings.edit',
    summary: 'Set the store’s idle-cart times and approval thresholds (audited; the same at every register of a store).',
    writes: true,
    input: storeThresholds,
    output: storeThresholds,
  }),
};
