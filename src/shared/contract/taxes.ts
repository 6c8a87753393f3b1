import { z } from 'zod';
import { command } from './command';

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

export const taxCommands = {
  'taxes-local-get': command({
    access: 'settings.edit',
    summary: 'The city and county taxes of the store’s own jurisdiction, with their periods and citations.',
    writes: false,
    input: z.object({}).strict(),
    output: z.object({ taxes: z.array(localTax) }),
  }),
  'taxes-local-set': command({
    access: 'settings.edit',
    summary:
      'Set the store’s local taxes (the whole list: each with rate, base, medical exemption, period and citation); checked against the state’s cap; audited.',
    writes: true,
    input: z.object({ taxes: localTaxes }).strict(),
    output: z.object({ taxes: z.array(localTax) }),
  }),
};
