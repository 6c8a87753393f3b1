import { productCategory, type CustomerType, type ProductCategory } from '../../shared/contract/values';

/**
 * One tax as data: who levies it, at what rate, on what, for whom, from
 * when to when, and where the rule is written. Rates are basis points of a
 * percent (1500 = 15 %, 1025 = 10.25 %).
 */
export interface TaxRule {
  readonly id: string;
  readonly name: string;
  readonly jurisdiction: string;
  readonly rateBp: number;
  /**
   * What the rate applies to: `net`, the line after discounts (gross
   * receipts); `gross`, the line before discounts; `markup`, the line's net
   * marked up by `markupBp` (e.g. CA's pre-2023 "average market price" = cost + 80 %).
   */
  readonly base: 'net' | 'gross' | 'markup';
  readonly markupBp?: number;
  /** `exclusive`: added on top of the price; `inclusive`: already inside the shelf price and extracted from it. */
  readonly mode: 'exclusive' | 'inclusive';
  /** Categories it applies to; every other category is untaxed by this rule. */
  readonly categories: readonly ProductCategory[];
  /** Customer types exempt (e.g. a medical ID card holder from CA sales tax). */
  readonly exemptCustomerTypes: readonly CustomerType[];
  /** Inclusive start, exclusive end, as store-local calendar dates. */
  readonly effectiveFrom: string;
  readonly effectiveTo: string | null;
  readonly citation: string;
  /** True where the source is secondary or disputed: a compliance officer must confirm. */
  readonly verify: boolean;
}

/** Every product category, and those that are cannabis (everything but accessories). */
export const ALL_CATEGORIES: readonly ProductCategory[] = productCategory.options;
export const CANNABIS_CATEGORIES: readonly ProductCategory[] = ALL_CATEGORIES.filter((c) => c !== 'accessory');
