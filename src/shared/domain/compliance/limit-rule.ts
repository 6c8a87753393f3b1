import type { CustomerType, ProductCategory } from '../../contract/values';

/**
 * A purchase limit as data: which customers, which products count and how
 * (cannabis net weight, THC content, or units), how much per period, and
 * the regulation it comes from.
 */
export type Measure = 'net_weight_mg' | 'thc_mg' | 'units';

/**
 * How a category counts toward a bucket: a measure, optionally scaled by an
 * equivalency ratio `num/den` (CO: 1 g of concentrate counts as 3.5 g of
 * flower → { measure: 'net_weight_mg', num: 7, den: 2 }). Integers only;
 * a scaled amount rounds up, never in the customer's favour.
 */
export type Counting = Measure | { readonly measure: Measure; readonly num: number; readonly den: number };

export type LimitPeriod = 'transaction' | 'calendar_day' | { readonly rollingDays: number };

export interface LimitRule {
  readonly id: string;
  /** The limit bucket named to the budtender and in the case format: flower, concentrate, edible, … or total. */
  readonly bucket: string;
  readonly customerTypes: readonly CustomerType[];
  /** Residents and non-residents may have different limits (IL: half). Absent: both. */
  readonly residency?: 'resident' | 'non_resident';
  /** What each product category contributes to the bucket. */
  readonly counts: Partial<Readonly<Record<ProductCategory, Counting>>>;
  readonly limit: number;
  readonly unit: 'mg' | 'units';
  /** Per transaction, per store-local calendar day, or a rolling window of days. */
  readonly period: LimitPeriod;
  readonly citation: string;
  readonly effectiveFrom: string;
  /** Exclusive end, where the rule changed (NV 2024). */
  readonly effectiveTo?: string;
  /** Secondary or conflicting sources (see docs/compliance/<state>.md): a compliance officer must confirm. */
  readonly verify?: boolean;
  /** What is uncertain about a `verify` rule, in a sentence the compliance screen can show. */
  readonly verifyNote?: string;
  /** Only for customers of these ages on the day (CO: 2 g/day of concentrate for patients 18–20). Unknown age: applies. */
  readonly ageBand?: { readonly from?: number; readonly below?: number };
}

export interface AgeRule {
  readonly customerType: CustomerType;
  readonly minimumAge: number;
  readonly citation: string;
}

export interface StateRulePack {
  readonly state: string;
  readonly version: string;
  /** Medical sales offered? (FL is medical only: no adult-use rules at all.) */
  readonly adultUse: boolean;
  readonly ages: readonly AgeRule[];
  readonly limits: readonly LimitRule[];
}
