/**
 * Typed amounts to integers, exactly (no floating point on the way):
 * "12.5" dollars → 1250 cents, "3.5" grams → 3500 mg. Null when not a number.
 */
export function dollarsToCents(text: string): number | null {
  const match = /^(\d{1,7})(?:\.(\d{1,2}))?$/.exec(text.trim());
  return match === null ? null : Number(match[1]) * 100 + Number((match[2] ?? '').padEnd(2, '0'));
}

/** Cents as dollars to edit, without sign or separators: 2500 → "25.00", 5 → "0.05" (the inverse of `dollarsToCents`). */
export function centsToDollarsText(cents: number): string {
  return `${Math.trunc(cents / 100)}.${String(cents % 100).padStart(2, '0')}`;
}

export function gramsToMilligrams(text: string): number | null {
  const match = /^(\d{1,4})(?:\.(\d{1,3}))?$/.exec(text.trim());
  return match === null ? null : Number(match[1]) * 1000 + Number((match[2] ?? '').padEnd(3, '0'));
}

/** A percentage typed ("12.5", "20") → basis points (1250, 2000), exactly; null when not one. The core checks the bounds. */
export function percentToBasisPoints(text: string): number | null {
  const match = /^(\d{1,3})(?:\.(\d{1,2}))?$/.exec(text.trim());
  return match === null ? null : Number(match[1]) * 100 + Number((match[2] ?? '').padEnd(2, '0'));
}

/** Basis points as a percentage to show or edit: 1250 → "12.5", 200 → "2", 1205 → "12.05" (no floating point). */
export function basisPointsText(bp: number): string {
  const hundredths = bp % 100;
  return hundredths === 0 ? String(Math.trunc(bp / 100)) : `${Math.trunc(bp / 100)}.${String(hundredths).padStart(2, '0').replace(/0$/, '')}`;
}

/** $99,999.99: more than any drawer takes in one hand-over. */
const MAX_KEYED_CENTS = 9_999_999;

/**
 * Cash keyed as on a till, digits filling from the right: the digits of
 * `text` with the last two as cents ("500.005" → 500005, i.e. $5,000.05).
 */
export function centsFromDigits(text: string): number {
  const digits = text.replace(/\D/g, '').replace(/^0+/, '');
  return Math.min(digits === '' ? 0 : Number(digits.slice(-8)), MAX_KEYED_CENTS);
}
