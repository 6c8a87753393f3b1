import { z } from 'zod';
import { command } from './command';
import { calendarDate, counterText } from './values';
import { analyteKinds } from '../domain/lab/coa-query';

/** Certificates of analysis at the counter (issue #22): exact basis points, searchable. */

const analyte = z.object({ name: z.string(), percentBp: z.number().int() });
export const certificateView = z.object({
  certificateId: z.string(),
  productId: z.string(),
  packageTag: z.string().nullable(),
  labName: z.string(),
  testedOn: z.string(),
  batch: z.string().nullable(),
  contaminantsPassed: z.boolean(),
  coaUrl: z.string().nullable(),
  cannabinoids: z.array(analyte),
  terpenes: z.array(analyte),
});
export type CertificateView = z.infer<typeof certificateView>;

export const labCommands = {
  'coa-save': command({
    access: 'settings.edit',
    summary: 'Save a certificate of analysis for a product or one package (percentages in basis points); failed contaminants on a package mark it TestFailed.',
    writes: true,
    input: z
      .object({
        productId: z.string().min(1).max(64),
        packageTag: z.string().min(1).max(64).optional(),
        labName: counterText(120),
        testedOn: calendarDate,
        batch: counterText(64).optional(),
        contaminantsPassed: z.boolean(),
        coaUrl: z.url().max(500).optional(),
        analytes: z.array(z.object({ kind: z.enum(analyteKinds), name: counterText(60), percentBp: z.number().int().min(0).max(10_000) }).strict()).max(60),
      })
      .strict(),
    output: z.object({ certificateId: z.string() }),
  }),
  'coa-get': command({
    access: 'signed_in',
    summary: 'The product’s certificate of analysis and its packages’ own, for the product card.',
    writes: false,
    input: z.object({ productId: z.string().min(1).max(64) }).strict(),
    output: z.object({ product: certificateView.nullable(), packages: z.array(certificateView) }),
  }),
  'coa-search': command({
    access: 'signed_in',
    summary: 'Products whose certificate meets every condition, e.g. “myrcene > 0.5 %” or “thca >= 20 and limonene > 0.3”.',
    writes: false,
    input: z.object({ query: counterText(200), limit: z.number().int().min(1).max(200).default(50) }).strict(),
    output: z.object({ items: z.array(z.object({ productId: z.string(), productName: z.string(), matched: z.array(analyte), certificate: certificateView })) }),
  }),
};
