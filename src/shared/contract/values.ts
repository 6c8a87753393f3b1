import { z } from 'zod';

/** Shared value schemas: money in integer cents, weights in integer milligrams, dates as text. */
export const cents = z.number().int().safe();

/**
 * A sum of money typed or handed over at the counter: positive, and at most
 * $100,000 — no till takes more in one go, and every total built from such
 * amounts stays exact (a bound here is what keeps a typo of 2^53 from being
 * committed as a sale).
 */
export const MAX_COUNTER_CENTS = 10_000_000;
export const counterCents = z.number().int().positive().max(MAX_COUNTER_CENTS, 'At most $100,000.00 in one amount');
export const milligrams = z.number().int().nonnegative().safe();

/** A calendar date `YYYY-MM-DD` that exists (no Feb 30) and could be on a card (1900–2150: 9999-12-31 is a typo, not a date). */
export const calendarDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'Use the form YYYY-MM-DD')
  .refine(isRealDate, 'That date does not exist')
  .refine((d) => d >= '1900-01-01' && d <= '2150-12-31', 'That date is out of range: check the year');

/** A birth date on a customer's record: a real date, not in the future. */
export const birthDate = calendarDate.refine((d) => d <= new Date().toISOString().slice(0, 10), 'A birth date cannot be in the future');

/** A UTC instant in ISO-8601 form, e.g. 2026-06-15T19:00:00.000Z. */
export const instant = z.iso.datetime({ offset: true });

/**
 * Free text typed at the counter: trimmed, bounded, never empty, and only
 * printable text — no control characters (they break receipts, exports and
 * logs) and no lone surrogates (they cannot be stored as UTF-8 unchanged).
 */
export const counterText = (max: number) =>
  z
    .string()
    .trim()
    .min(1, 'This field is required')
    .max(max, `At most ${max} characters`)
    .refine((t) => !/\p{Cc}/u.test(t), 'Remove the control characters (tabs, line breaks, escape codes) from this field')
    .refine((t) => !/\p{Cs}/u.test(t), 'This field holds a broken character: retype it');

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
