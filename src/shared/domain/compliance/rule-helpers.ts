import type { CustomerType } from '../../contract/values';
import type { AgeRule, Counting, LimitPeriod, LimitRule } from './limit-rule';

/** Weights in integer milligrams, from each state's own figures; an ounce is 28,349.523125 mg, rounded down. */
export const ounces = (n: number): number => Math.floor(28_349.523125 * n);
export const grams = (n: number): number => Math.round(n * 1000);

/**
 * Products carry a net weight, not a volume. Where a rule is in fluid ounces
 * (OR, WA liquids; MI medical liquids) a fluid ounce is counted as the least
 * mass it can hold: 29.5735 ml × 0.789 g/ml (ethanol, the lightest liquid
 * base in use) = 23.33 g, rounded down to 23,300 mg. A denser liquid then
 * counts as more fluid ounces than it is, never fewer. docs/compliance/README.md.
 */
export const FLUID_OUNCE_MIN_MG = 23_300;
export const fluidOunces = (n: number): number => FLUID_OUNCE_MIN_MG * n;

/** Both age rules most states use: adult-use 21, medical (and caregivers) 18. */
export function usualAges(citation: string): AgeRule[] {
  return [
    { customerType: 'adult', minimumAge: 21, citation },
    { customerType: 'medical', minimumAge: 18, citation },
    { customerType: 'caregiver', minimumAge: 21, citation },
  ];
}

export function rule(
  id: string,
  bucket: string,
  customerTypes: readonly CustomerType[],
  counts: Partial<Record<string, Counting>>,
  limit: number,
  period: LimitPeriod,
  citation: string,
  extra: Partial<Pick<LimitRule, 'unit' | 'residency' | 'effectiveFrom' | 'effectiveTo' | 'verify' | 'verifyNote' | 'ageBand'>> = {},
): LimitRule {
  return {
    id,
    bucket,
    customerTypes,
    counts,
    limit,
    unit: extra.unit ?? 'mg',
    period,
    citation,
    effectiveFrom: extra.effectiveFrom ?? '2020-01-01',
    ...extra,
  } as LimitRule;
}

/** The same counting for several categories: `each(['edible', 'beverage'], 'thc_mg')`. */
export function each(categories: readonly string[], counting: Counting): Partial<Record<string, Counting>> {
  return Object.fromEntries(categories.map((c) => [c, counting]));
}

export const AU = ['adult'] as const;
export const MED = ['medical', 'caregiver'] as const;
