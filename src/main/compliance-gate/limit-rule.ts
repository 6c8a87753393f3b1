import type { CustomerType, ProductCategory } from '../../shared/contract/values';

/**
 * A purchase limit as data: which customers, which products count and how
 * (cannabis net weight, THC content, or units), how much per period, and
 * the regulation it comes from.
 */
export interface LimitRule {
  readonly id: string;
  /** The limit bucket named to the budtender: "flower", "concentrate", "immature plants". */
  readonly bucket: string;
  readonly customerTypes: readonly CustomerType[];
  /** What each product category contributes to the bucket. */
  readonly counts: Partial<Readonly<Record<ProductCategory, 'net_weight_mg' | 'thc_mg' | 'units'>>>;
  readonly limit: number;
  readonly unit: 'mg' | 'units';
  /** Store-local calendar day (the only period the demo state uses). */
  readonly period: 'calendar_day';
  readonly citation: string;
  readonly effectiveFrom: string;
}

export interface AgeRule {
  readonly customerType: CustomerType;
  readonly minimumAge: number;
  readonly citation: string;
}

export interface StateRulePack {
  readonly state: string;
  readonly version: string;
  readonly ages: readonly AgeRule[];
  readonly limits: readonly LimitRule[];
}
