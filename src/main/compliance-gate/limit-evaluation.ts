import { ageOn } from './age';
import { DateTime } from 'luxon';
import type { PriorPurchase, LimitItem } from '../checkout/purchase-history';
import type { CustomerType } from '../../shared/contract/values';
import type { Counting, LimitPeriod, LimitRule, StateRulePack } from './limit-rule';

export interface LimitCase {
  readonly customerType: CustomerType;
  readonly resident: boolean;
  readonly at: Date;
  readonly timeZone: string;
  readonly prior: readonly PriorPurchase[];
  readonly cart: readonly LimitItem[];
  /** For age-banded rules; absent, every band's rule applies (the stricter stands). */
  readonly dateOfBirth?: string | null;
}

export interface LimitUsage {
  readonly rule: LimitRule;
  /** Earlier purchases in the rule's period plus the cart, in the rule's unit. */
  readonly attempted: number;
}

/** The rules in force for this customer at this moment (store-local date). */
export function applicableRules(pack: StateRulePack, customerType: CustomerType, resident: boolean, day: string, age: number | null = null): LimitRule[] {
  return pack.limits.filter(
    (r) =>
      r.customerTypes.includes(customerType) &&
      (age === null || r.ageBand === undefined || ((r.ageBand.from === undefined || age >= r.ageBand.from) && (r.ageBand.below === undefined || age < r.ageBand.below))) &&
      (r.residency === undefined || r.residency === (resident ? 'resident' : 'non_resident')) &&
      r.effectiveFrom <= day &&
      (r.effectiveTo === undefined || day < r.effectiveTo),
  );
}

/**
 * Pure: sums the cart and the earlier purchases that fall in each rule's
 * period (the store-local day, a rolling window, or none for a per-
 * transaction limit), converted into the rule's bucket.
 */
export function evaluateLimits(pack: StateRulePack, input: LimitCase): LimitUsage[] {
  const local = DateTime.fromJSDate(input.at, { zone: input.timeZone });
  const day = local.toISODate() ?? '';
  const age = input.dateOfBirth == null || input.dateOfBirth >= day ? null : ageOn(input.dateOfBirth, day);
  return applicableRules(pack, input.customerType, input.resident, day, age).map((rule) => {
    const start = periodStart(rule.period, local);
    const prior = start === null ? [] : input.prior.filter((p) => p.time >= start && p.time <= input.at);
    const attempted = [...prior, ...input.cart].reduce((sum, item) => sum + counted(rule, item), 0);
    return { rule, attempted };
  });
}

/** The earliest earlier purchase that still counts, or null when only this transaction counts. */
export function periodStart(period: LimitPeriod, local: DateTime): Date | null {
  if (period === 'transaction') return null;
  if (period === 'calendar_day') return local.startOf('day').toJSDate();
  // A rolling N-day supply: this store-local day and the N − 1 before it.
  return local.startOf('day').minus({ days: period.rollingDays - 1 }).toJSDate();
}

function counted(rule: LimitRule, item: LimitItem): number {
  const counting: Counting | undefined = rule.counts[item.category];
  if (counting === undefined) return 0;
  const { measure, num, den } = typeof counting === 'string' ? { measure: counting, num: 1, den: 1 } : counting;
  const perUnit = measure === 'net_weight_mg' ? item.netWeightMg : measure === 'thc_mg' ? item.thcMg : 1;
  return Math.ceil((perUnit * item.quantity * num) / den);
}
