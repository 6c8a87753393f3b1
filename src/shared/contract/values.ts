import { z } from 'zod';

/** Shared value schemas: money in integer cents, weights in integer milligrams, dates as text. */
export const cents = z.number().int().safe();
export const milligrams = z.number().int().nonnegative().safe();

/** A calendar date `YYYY-MM-DD` that exists (no Feb 30). */
export const calendarDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'Use the form YYYY-MM-DD')
  .refine(isRealDate, 'That date does not exist');

/** A UTC instant in ISO-8601 form, e.g. 2026-06-15T19:00:00.000Z. */
export const instant = z.iso.datetime({ offset: true });

/** Free text typed at the counter: trimmed, bounded, never empty. */
export const counterText = (max: number) => z.string().trim().min(1, 'This field is required').max(max, `At most ${max} characters`);

/** The product categories, one list for the contract, the schema and the rules. */
export const productCategories = [
  'flower',
  'preroll',
  'infused_preroll',
  'concentrate',
  'vape',
  'edible',
  'beverage',
  'tincture',
  'topical',
  'immature_plant',
  'seed',
  'accessory',
] as const;
export const productCategory = z.enum(productCategories);
export type ProductCategory = z.infer<typeof productCategory>;

export const customerType = z.enum(['adult', 'medical', 'caregiver']);
export type CustomerType = z.infer<typeof customerType>;

function isRealDate(text: string): boolean {
  const [y, m, d] = text.split('-').map(Number) as [number, number, number];
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}
