import { z } from 'zod';
import { ALL_CATEGORIES, CANNABIS_CATEGORIES, MEDICAL_CUSTOMERS, type TaxRule } from './tax-rule';

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'Use YYYY-MM-DD');

/**
 * One city or county tax a store configures for its own jurisdiction (a
 * local sales tax, a municipal cannabis tax, a host-community option): the
 * rate the ordinance sets, from when to when, on what and for whom.
 */
export const localTax = z
  .object({
    id: z.string().regex(/^[a-z0-9][a-z0-9-]{1,47}$/, 'Lower-case letters, digits and dashes'),
    name: z.string().min(1).max(80),
    jurisdiction: z.string().min(1).max(80),
    /** Basis points of a percent: 300 = 3 %. */
    rateBp: z.number().int().min(1).max(2_000),
    /** `cannabis`: cannabis products only (a cannabis tax); `all`: every sale including accessories (a general sales tax). */
    appliesTo: z.enum(['cannabis', 'all']),
    /** Registered patients and their caregivers pay none of it. */
    medicalExempt: z.boolean(),
    effectiveFrom: day,
    effectiveTo: day.nullable(),
    /** The ordinance or the state's rate notice. */
    citation: z.string().min(1).max(200),
  })
  .strict()
  .refine((t) => t.effectiveTo === null || t.effectiveFrom < t.effectiveTo, { message: 'effectiveTo must be after effectiveFrom', path: ['effectiveTo'] });
export type LocalTax = z.infer<typeof localTax>;

/** The store's local taxes: no two periods of the same tax overlap, so a day has at most one rate per tax. */
export const localTaxes = z.array(localTax).superRefine((taxes, ctx) => {
  taxes.forEach((a, i) => {
    taxes.slice(i + 1).forEach((b, k) => {
      if (a.id !== b.id) return;
      const overlaps = (a.effectiveTo === null || b.effectiveFrom < a.effectiveTo) && (b.effectiveTo === null || a.effectiveFrom < b.effectiveTo);
      if (overlaps) ctx.addIssue({ code: 'custom', message: `Two periods of local tax "${a.id}" overlap`, path: [i + 1 + k, 'effectiveFrom'] });
    });
  });
});

/** Checks local taxes against the state's cap on one local cannabis tax; returns the first problem, or null. */
export function localTaxProblem(taxes: readonly LocalTax[], capBp: number | null, state: string): string | null {
  if (capBp === null) return null;
  const over = taxes.find((t) => t.appliesTo === 'cannabis' && t.rateBp > capBp);
  return over === undefined ? null : `Local tax "${over.id}" is ${over.rateBp} bp; ${state} allows at most ${capBp} bp for a local cannabis tax.`;
}

/** A local tax as a tax rule, added on top of the price on the line's net. */
export function localTaxRule(tax: LocalTax): TaxRule {
  return {
    id: `local-${tax.id}`,
    name: tax.name,
    jurisdiction: tax.jurisdiction,
    rateBp: tax.rateBp,
    base: 'net',
    mode: 'exclusive',
    categories: tax.appliesTo === 'cannabis' ? CANNABIS_CATEGORIES : ALL_CATEGORIES,
    exemptCustomerTypes: tax.medicalExempt ? MEDICAL_CUSTOMERS : [],
    effectiveFrom: tax.effectiveFrom,
    effectiveTo: tax.effectiveTo,
    citation: tax.citation,
    verify: false,
  };
}
