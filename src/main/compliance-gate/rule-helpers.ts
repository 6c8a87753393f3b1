import type { CustomerType } from '../../shared/contract/values';
import type { AgeRule, Counting, LimitPeriod, LimitRule } from './limit-rule';

/** Weights in integer milligrams, from each state's own figures. */
export const OUNCE_MG = 28_349; // 28.349523125 g, rounded down: never in the customer's favour
export const ounces = (n: number): number => Math.floor(28_349.523125 * n);
export const grams = (n: number): number => Math.round(n * 1000);

export const FLOWER: Partial<Record<string, Counting>> = { flower: 'net_weight_mg', preroll: 'net_weight_mg' };
export const CONCENTRATE_BY_WEIGHT: Partial<Record<string, Counting>> = { concentrate: 'net_weight_mg', vape: 'net_weight_mg', infused_preroll: 'net_weight_mg' };
export const INFUSED_BY_THC: Partial<Record<string, Counting>> = { edible: 'thc_mg', beverage: 'thc_mg', tincture: 'thc_mg' };

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
  extra: Partial<Pick<LimitRule, 'unit' | 'residency' | 'effectiveFrom' | 'effectiveTo' | 'verify' | 'ageBand'>> = {},
): LimitRule {
  return { id, bucket, customerTypes, counts, limit, unit: extra.unit ?? 'mg', period, citation, effectiveFrom: extra.effectiveFrom ?? '2020-01-01', ...extra } as LimitRule;
}
