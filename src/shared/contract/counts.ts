import { z } from 'zod';
import { approvalGrantRef } from './approval';
import { command } from './command';
import { counterText } from './values';

/**
 * Inventory counts (issue #23): a blind count by scanning package tags in a
 * room or area (the counter never sees what the register expects), weighed
 * packages entered from a scale reading in whole milligrams, recounts of the
 * variances, a variance report (register, count and Metrc side by side), and
 * approved variances sent to Metrc as adjustments with the state's own reasons.
 */

const countId = z.string().min(1).max(64);
const tag = z
  .string()
  .trim()
  .regex(/^[0-9A-Za-z]{24}$/, 'A package tag is 24 letters and digits')
  .transform((t) => t.toUpperCase());

/** What the counter sees of a line: never the expected quantity. */
export const countLineBlind = z.object({
  tag: z.string(),
  productName: z.string().nullable(),
  unit: z.enum(['each', 'mg']).nullable(),
  counted: z.number().int(),
  /** Scanned but not a package the register knows: listed, not lost. */
  unknown: z.boolean(),
  /** After submission: the register asks for this tag to be counted again. */
  recountWanted: z.boolean(),
  recounted: z.boolean(),
});
export type CountLineBlind = z.infer<typeof countLineBlind>;

export const countStatus = z.enum(['counting', 'review', 'closed']);

export const countBlindView = z.object({
  id: z.string(),
  area: z.string(),
  scope: z.enum(['area', 'full']),
  status: countStatus,
  startedAt: z.string(),
  lines: z.array(countLineBlind),
});
export type CountBlindView = z.infer<typeof countBlindView>;

export const varianceLine = z.object({
  tag: z.string(),
  productName: z.string().nullable(),
  unit: z.enum(['each', 'mg']).nullable(),
  /** The register's quantity when the count was submitted. */
  register: z.number().int().nullable(),
  counted: z.number().int(),
  /** Metrc's active quantity in our units (null: not listed, not readable, or Metrc not asked). */
  metrc: z.number().int().nullable(),
  /** counted − register. */
  variance: z.number().int().nullable(),
  /** The variance at the product's shelf price, for the approval threshold. */
  varianceValueCents: z.number().int().nullable(),
  unknown: z.boolean(),
  recounted: z.boolean(),
  decision: z.enum(['none', 'pending', 'approved', 'dismissed']),
  metrcReason: z.string().nullable(),
  note: z.string().nullable(),
  approvedBy: z.string().nullable(),
});
export type VarianceLine = z.infer<typeof varianceLine>;

export const varianceReport = z.object({
  id: z.string(),
  area: z.string(),
  status: countStatus,
  submittedAt: z.string().nullable(),
  /** Metrc's side: read now, or why not. */
  metrc: z.object({ read: z.boolean(), note: z.string() }),
  /** Variances above this value need a manager's approval. */
  approvalThresholdCents: z.number().int(),
  lines: z.array(varianceLine),
});
export type VarianceReport = z.infer<typeof varianceReport>;

export const countCommands = {
  'count-start': command({
    access: 'inventory.count',
    summary: 'Start a blind count of one room or area (scope "full": every package with stock not scanned counts as zero).',
    writes: true,
    input: z.object({ area: counterText(60), scope: z.enum(['area', 'full']).default('area') }).strict(),
    output: countBlindView,
  }),
  'count-scan': command({
    access: 'inventory.count',
    summary: 'Count one package tag: each scan adds one unit (or `units` at once); a weighed package takes its scale reading in whole milligrams.',
    writes: true,
    input: z
      .object({
        countId,
        tag,
        units: z.number().int().min(1).max(100_000).optional(),
        weightMg: z.number().int().min(0).max(100_000_000).optional(),
      })
      .strict(),
    output: countBlindView,
  }),
  'count-view': command({
    access: 'inventory.count',
    summary: 'The count as the counter sees it (no expected quantities), with the tags wanted for a recount.',
    writes: false,
    input: z.object({ countId: countId.optional() }).strict(),
    output: z.object({ count: countBlindView.nullable() }),
  }),
  'count-submit': command({
    access: 'inventory.count',
    summary: 'Finish counting: the register compares with its own quantities and asks for recounts of the variances.',
    writes: true,
    input: z.object({ countId }).strict(),
    output: countBlindView,
  }),
  'count-recount': command({
    access: 'inventory.count',
    summary: 'The recount of one tag the register asked for: the units counted, or the scale reading in mg (replaces the first count).',
    writes: true,
    input: z
      .object({ countId, tag, units: z.number().int().min(0).max(100_000).optional(), weightMg: z.number().int().min(0).max(100_000_000).optional() })
      .strict(),
    output: countBlindView,
  }),
  'count-report': command({
    access: 'inventory.adjust',
    summary: 'The variance report of a submitted count: register, count and Metrc’s active packages side by side.',
    writes: false,
    input: z.object({ countId }).strict(),
    output: varianceReport,
  }),
  'count-adjust-reasons': command({
    access: 'inventory.adjust',
    summary: "Metrc's own adjustment reasons for this facility (they differ by state), and whether each needs a note.",
    writes: false,
    input: z.object({}).strict(),
    output: z.object({ reasons: z.array(z.object({ name: z.string(), requiresNote: z.boolean() })) }),
  }),
  'count-approve': command({
    access: 'inventory.adjust',
    summary:
      "Approve one variance as a stock adjustment with one of Metrc's reasons: stock moves by the variance and Metrc is told through the outbox, once. Above the threshold a manager approves. Audited.",
    writes: true,
    input: z
      .object({
        countId,
        tag,
        metrcReason: counterText(100),
        note: z.union([counterText(300), z.literal('')]).default(''),
        approval: approvalGrantRef.optional(),
      })
      .strict(),
    output: varianceLine,
  }),
  'count-dismiss': command({
    access: 'inventory.adjust',
    summary: 'Leave one variance unadjusted, with the reason (e.g. the package was found elsewhere). Audited.',
    writes: true,
    input: z.object({ countId, tag, note: counterText(300) }).strict(),
    output: varianceLine,
  }),
  'count-close': command({
    access: 'inventory.adjust',
    summary: 'Close a count once every variance is approved or dismissed.',
    writes: true,
    input: z.object({ countId }).strict(),
    output: z.object({ id: z.string(), status: countStatus }),
  }),
};
