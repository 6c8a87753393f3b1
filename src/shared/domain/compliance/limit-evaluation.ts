import { ageOn } from './age';
import { DateTime } from 'luxon';
import { businessDay, daysBefore } from '../store-calendar';
import type { CustomerType } from '../../contract/values';
import { CLOCK_SKEW_TOLERANCE_MS, type LimitItem, type PriorPurchase } from './limit-item';
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
  /** Earlier purchases in the rule's period plus the cart, in the rule's unit, rounded up for display. */
  readonly attempted: number;
  /** Exactly: is the total over the limit (compared as a fraction, never rounded)? */
  readonly over: boolean;
  /** What is left before this cart: the limit less earlier purchases in the period, rounded down, never below 0. */
  readonly remaining: number;
  /** Exactly, in the rule's unit: earlier purchases in the period (the live limit meter shows these, not the rounded figures). */
  readonly priorExact: Fraction;
  /** Exactly, in the rule's unit: what this cart adds. */
  readonly cartExact: Fraction;
}

/** The rules in force for this customer at this moment (store-local date). */
export function applicableRules(pack: StateRulePack, customerType: CustomerType, resident: boolean, day: string, age: number | null = null): LimitRule[] {
  return pack.limits.filter(
    (r) =>
      r.customerTypes.includes(customerType) &&
      (age === null ||
        r.ageBand === undefined ||
        ((r.ageBand.from === undefined || age >= r.ageBand.from) && (r.ageBand.below === undefined || age < r.ageBand.below))) &&
      (r.residency === undefined || r.residency === (resident ? 'resident' : 'non_resident')) &&
      r.effectiveFrom <= day &&
      (r.effectiveTo === undefined || day < r.effectiveTo),
  );
}

/**
 * Pure: sums the cart and the earlier purchases that fall in each rule's
 * period (the store-local day, a rolling window of store days, or none for
 * a per-transaction limit), converted into the rule's bucket exactly — the
 * whole bucket is one fraction, compared with the limit once, so eight
 * 100 mg edibles are exactly 800 mg and never a rounding over it.
 */
export function evaluateLimits(pack: StateRulePack, input: LimitCase): LimitUsage[] {
  const day = businessDay(input.at, input.timeZone);
  const age = input.dateOfBirth == null || input.dateOfBirth >= day ? null : ageOn(input.dateOfBirth, day);
  return applicableRules(pack, input.customerType, input.resident, day, age).map((rule) => {
    const firstDay = firstDayOfPeriod(rule.period, day);
    const prior = firstDay === null ? [] : input.prior.filter((p) => counts(p, firstDay, day, input));
    const before = prior.reduce((sum, item) => add(sum, counted(rule, item)), ZERO);
    const inCart = input.cart.reduce((sum, item) => add(sum, counted(rule, item)), ZERO);
    const total = add(before, inCart);
    const limit = BigInt(rule.limit);
    const remaining = limit - ceilDiv(before.num, before.den);
    return {
      rule,
      attempted: Number(ceilDiv(total.num, total.den)),
      over: total.num > limit * total.den,
      remaining: Number(remaining < 0n ? 0n : remaining),
      priorExact: reduced(before),
      cartExact: reduced(inCart),
    };
  });
}

/**
 * Whether an earlier purchase falls in a period starting on `firstDay`:
 * anything on a store day from then to today counts, whatever its minute
 * (another register's clock may run a little ahead); a purchase stamped on
 * a later store day counts when it is within the clock-skew tolerance.
 */
function counts(p: PriorPurchase, firstDay: string, today: string, input: LimitCase): boolean {
  const day = p.day ?? DateTime.fromJSDate(p.time, { zone: input.timeZone }).toISODate() ?? '';
  if (day < firstDay) return false;
  return day <= today || p.time.getTime() <= input.at.getTime() + CLOCK_SKEW_TOLERANCE_MS;
}

/**
 * The first store day a period looks back to, or null when only this
 * transaction counts. Calendar arithmetic on the store-local day
 * (YYYY-MM-DD) alone: no zone conversion (issue #18).
 */
export function firstDayOfPeriod(period: LimitPeriod, day: string): string | null {
  if (period === 'transaction') return null;
  if (period === 'calendar_day') return day;
  // A rolling N-day supply: this store-local day and the N − 1 before it.
  return daysBefore(day, period.rollingDays - 1);
}

/** A fraction num/den in the rule's unit (BigInt: products of mg and ratios stay exact). */
export interface Fraction {
  readonly num: bigint;
  readonly den: bigint;
}
const ZERO: Fraction = { num: 0n, den: 1n };

function counted(rule: LimitRule, item: LimitItem): Fraction {
  const counting: Counting | undefined = rule.counts[item.category];
  if (counting === undefined) return ZERO;
  const { measure, num, den } = typeof counting === 'string' ? { measure: counting, num: 1, den: 1 } : counting;
  const perUnit = measure === 'net_weight_mg' ? item.netWeightMg : measure === 'thc_mg' ? item.thcMg : 1;
  return { num: BigInt(perUnit) * BigInt(item.quantity) * BigInt(num), den: BigInt(den) };
}

function add(a: Fraction, b: Fraction): Fraction {
  if (a.den === b.den) return { num: a.num + b.num, den: a.den };
  const g = gcd(a.den, b.den);
  const den = (a.den / g) * b.den;
  return { num: a.num * (den / a.den) + b.num * (den / b.den), den };
}

/** In lowest terms (den > 0), so the same amount always reads the same. */
function reduced(f: Fraction): Fraction {
  const g = gcd(f.num < 0n ? -f.num : f.num, f.den);
  return g <= 1n ? f : { num: f.num / g, den: f.den / g };
}

function gcd(a: bigint, b: bigint): bigint {
  return b === 0n ? a : gcd(b, a % b);
}

/** Rounded up (never in the customer's favour) — for what the budtender is shown. */
function ceilDiv(num: bigint, den: bigint): bigint {
  if (num <= 0n) return num / den;
  return (num + den - 1n) / den;
}
