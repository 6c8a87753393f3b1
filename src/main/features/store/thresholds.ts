import { adjustmentApprovalCents, drawerVarianceCents, idleCartMinutes } from '../../../shared/contract/store-thresholds';
import type { Setting } from './settings';

/**
 * The store's thresholds (issue #20), read where they apply (held carts, the
 * drawer's close, a count's variances) and set by a manager on the Settings
 * screen (features/thresholds). Their keys are store-wide settings: in a
 * store with a server every register applies the same.
 */

/** Carts idle past these stop holding stock (abandoned, audited): a reload, a crash, a customer who left. */
export const idleCartSetting: Setting<{ openMinutes: number; parkedMinutes: number }, 'carts.idle_release'> = {
  key: 'carts.idle_release',
  schema: idleCartMinutes,
  defaultValue: { openMinutes: 30, parkedMinutes: 4 * 60 },
};

/** Over or short at a drawer's count by more than this (either way) needs a written explanation and a manager's approval. */
export const varianceThresholdSetting: Setting<number, 'drawer.variance_threshold_cents'> = {
  key: 'drawer.variance_threshold_cents',
  schema: drawerVarianceCents,
  defaultValue: 100,
};

/** A count's variance worth more than this at shelf price (either way) needs a manager's approval. */
export const adjustmentApprovalThresholdSetting: Setting<number, 'inventory.adjustment_approval_threshold_cents'> = {
  key: 'inventory.adjustment_approval_threshold_cents',
  schema: adjustmentApprovalCents,
  defaultValue: 5_000,
};
