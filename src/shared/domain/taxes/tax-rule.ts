import { productCategory, type CustomerType, type ProductCategory } from '../../contract/values';

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
  /**
   * Other taxes on the same line that are part of this tax's base (tax on
   * tax), e.g. Michigan's sales tax on the price plus the 10 % excise
   * (R 205.141(1)). Empty or absent: the base holds no other tax.
   */
  readonly baseIncludesTaxIds?: readonly string[];
  /** `exclusive`: added on top of the price; `inclusive`: already inside the shelf price and extracted from it. */
  readonly mode: 'exclusive' | 'inclusive';
  /** Categories it applies to; every other category is untaxed by this rule. */
  readonly categories: readonly ProductCategory[];
  /**
   * THC potency band, in basis points of a percent of THC by weight
   * (3500 = 35 %): the rule applies only to lines above `aboveBp` and/or at
   * or below `atOrBelowBp` (Illinois' excise by potency).
   */
  readonly potency?: { readonly aboveBp?: number; readonly atOrBelowBp?: number };
  /** Customer types exempt (e.g. a medical ID card holder from CA sales tax). */
  readonly exemptCustomerTypes: readonly CustomerType[];
  /**
   * How the tax is rounded to the cent: per line half up (the default), or
   * once on the receipt's total base (half up, or up to the next cent as
   * Oregon requires) and then shared across the lines by base, so every
   * line still carries its exact part for returns.
   */
  readonly rounding?: 'line-half-up' | 'receipt-half-up' | 'receipt-up';
  /** Inclusive start, exclusive end, as store-local calendar dates. */
  readonly effectiveFrom: string;
  readonly effectiveTo: string | null;
  readonly citation: string;
  /** True where the source is secondary or disputed: a compliance officer must confirm. */
  readonly verify: boolean;
  /** What a compliance officer must confirm, when `verify` is true. */
  readonly verifyNote?: string;
}

/** A state's shipped tax table: its rules, its version, and what its local taxes may be. */
export interface StateTaxTable {
  readonly state: string;
  /** Bumped whenever a rule changes: `YYYY-MM-DD.n`, the day the table was last re-verified. */
  readonly version: string;
  /** Sale types the state licenses at all (Florida: medical only). */
  readonly saleTypes: readonly ('adult' | 'medical')[];
  /** The highest rate, in basis points, a store may configure for one local cannabis tax; null where no statutory cap applies. */
  readonly localTaxCapBp: number | null;
  readonly sources: readonly string[];
  readonly rules: readonly TaxRule[];
}

/** Every product category, and those that are cannabis (everything but accessories). */
export const ALL_CATEGORIES: readonly ProductCategory[] = productCategory.options;
export const CANNABIS_CATEGORIES: readonly ProductCategory[] = ALL_CATEGORIES.filter((c) => c !== 'accessory');
/** Medical customers: registered patients and the caregivers buying for them. */
export const MEDICAL_CUSTOMERS: readonly CustomerType[] = ['medical', 'caregiver'];
