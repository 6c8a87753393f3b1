import type { ProductCategory } from '../../../shared/contract/values';
import type { LimitItem, PriorPurchase } from '../../../shared/domain/compliance/limit-item';
import type { Allotment, PatientStatus } from '../sync/metrc/patient-status';
import type { Violation } from '../../../shared/domain/compliance/purchase-check';
import { formatMilligrams } from '../../../shared/money';

/**
 * The state's answer about a medical patient, as the sale uses it: asked
 * just now, or (offline) the last answer on file — then the sale is
 * marked "verified offline" and re-checked at reconnect.
 */
export type StateCheck =
  | { readonly source: 'online'; readonly status: PatientStatus; readonly at: Date }
  | { readonly source: 'last_known'; readonly status: PatientStatus | null; readonly at: Date | null; readonly reason: string };

type Bucket = 'flower' | 'concentrate' | 'infused';

/** Metrc's three allotment buckets, by our product categories (by cannabis net weight). */
const BUCKET_OF: Readonly<Record<ProductCategory, Bucket | null>> = {
  flower: 'flower',
  preroll: 'flower',
  infused_preroll: 'concentrate',
  concentrate: 'concentrate',
  vape: 'concentrate',
  edible: 'infused',
  beverage: 'infused',
  tincture: 'infused',
  topical: 'infused',
  immature_plant: null,
  seed: null,
  accessory: null,
};

const RULE = 'Metrc patient status (state allotment)';

/**
 * Refusals from the state's view: an inactive or expired registration, or a
 * cart over what the state says is still available, less what this store
 * sold the patient that the state's answer does not include yet (`unknownToState`).
 */
export function stateAllotmentViolations(check: StateCheck, cart: readonly LimitItem[], unknownToState: readonly PriorPurchase[], day: string): Violation[] {
  const status = check.status;
  if (status === null) return [];
  const out: Violation[] = [];
  if (!status.active) {
    out.push({
      code: 'MEDICAL_EXPIRED',
      category: 'medical',
      limit: 0,
      attempted: 0,
      unit: 'date',
      rule: RULE,
      message:
        'The state system says this patient’s registration is not active: they must renew through the state portal. They may buy as adult-use if eligible.',
    });
    return out;
  }
  if (status.expiry !== null && status.expiry < day) {
    out.push({
      code: 'MEDICAL_EXPIRED',
      category: 'medical',
      limit: 0,
      attempted: 0,
      unit: 'date',
      rule: RULE,
      message: `The state system says this registration expired on ${status.expiry}: renew through the state portal.`,
    });
  }
  for (const usage of stateAllotmentUsage(check, cart, unknownToState)) {
    if (!usage.over) continue;
    const attempted = usage.cartMg + usage.unknownToStateMg;
    out.push({
      code: 'LIMIT_EXCEEDED',
      category: usage.bucket === 'infused' ? 'infused_solid' : usage.bucket,
      limit: usage.availableMg,
      attempted,
      unit: 'mg',
      rule: RULE,
      message: `Over the patient’s ${usage.bucket} allotment in the state system: ${formatMilligrams(usage.availableMg)} left, this sale would take ${formatMilligrams(attempted)}.`,
    });
  }
  return out;
}

/** One of the state's allotment buckets as a cart uses it: what the state says is left, and what this cart and the purchases it has not seen yet take. */
export interface StateAllotmentUsage {
  readonly bucket: Bucket;
  readonly allowedMg: number;
  readonly availableMg: number;
  /** This cart's share, by cannabis net weight. */
  readonly cartMg: number;
  /** This store's sales to the patient the state's answer does not include yet. */
  readonly unknownToStateMg: number;
  /** The gate's verdict: the cart and those sales take more than is left. */
  readonly over: boolean;
}

/**
 * Per allotment bucket the state reports, how a cart stands against it: the
 * one measure both the sale gate (its refusals above) and the cart's meter use.
 */
export function stateAllotmentUsage(check: StateCheck, cart: readonly LimitItem[], unknownToState: readonly PriorPurchase[]): StateAllotmentUsage[] {
  const status = check.status;
  if (status === null || !status.active) return [];
  const out: StateAllotmentUsage[] = [];
  for (const bucket of ['flower', 'concentrate', 'infused'] as const) {
    const allotment: Allotment | null = status[bucket];
    if (allotment === null) continue;
    const cartMg = weight(cart, bucket);
    const unknownToStateMg = weight(unknownToState, bucket);
    out.push({
      bucket,
      allowedMg: allotment.allowedMg,
      availableMg: allotment.availableMg,
      cartMg,
      unknownToStateMg,
      over: cartMg + unknownToStateMg > allotment.availableMg,
    });
  }
  return out;
}

function weight(items: readonly LimitItem[], bucket: Bucket): number {
  return items.filter((i) => BUCKET_OF[i.category] === bucket).reduce((sum, i) => sum + i.netWeightMg * i.quantity, 0);
}
