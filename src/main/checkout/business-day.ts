import { DateTime } from 'luxon';

/**
 * One command asks for the store-local moment of the same instant many times
 * over (pricing, promotions, the compliance gate, the limit ledger, the AML
 * and out-of-state flags): about fifteen zone conversions per sale, an eighth
 * of its time (issue #18). A conversion is a pure function of the instant and
 * the zone, and luxon's DateTime is immutable, so the last few are kept and
 * shared: each command converts its instant once.
 */
const KEPT = 16;
const locals = new Map<string, { readonly local: DateTime; day?: string | null }>();

function converted(at: Date, timeZone: string): { readonly local: DateTime; day?: string | null } {
  const key = `${at.getTime()}|${timeZone}`;
  let entry = locals.get(key);
  if (entry === undefined) {
    entry = { local: DateTime.fromJSDate(at, { zone: timeZone }) };
    if (locals.size >= KEPT) locals.delete(locals.keys().next().value ?? key);
    locals.set(key, entry);
  }
  return entry;
}

/** An instant in the store's IANA zone (invalid, not thrown, for an unknown zone: as luxon answers). */
export function storeLocal(at: Date, timeZone: string): DateTime {
  return converted(at, timeZone).local;
}

/** The store's own calendar day of an instant, as YYYY-MM-DD in its IANA zone. */
export function businessDay(at: Date, timeZone: string): string {
  const entry = converted(at, timeZone);
  if (entry.day === undefined) entry.day = entry.local.toISODate();
  if (entry.day === null) throw new RangeError(`Invalid time zone "${timeZone}"`);
  return entry.day;
}
