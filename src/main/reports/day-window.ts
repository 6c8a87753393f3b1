import { DateTime } from 'luxon';
import { AppError } from '../../shared/errors';

/**
 * The last few windows, as instants: a sale asks for its day's window from
 * both review flags (issue #18: each costs three zone conversions). Fresh
 * Dates are handed out, so no caller can change a kept one.
 */
const KEPT = 16;
const windows = new Map<string, { readonly start: number; readonly end: number }>();

/** The UTC instants bounding a store-local calendar day (23 or 25 hours long on DST days). */
export function dayWindow(day: string, timeZone: string): { readonly start: Date; readonly end: Date } {
  const key = `${day}|${timeZone}`;
  let window = windows.get(key);
  if (window === undefined) {
    const start = DateTime.fromISO(day, { zone: timeZone }).startOf('day');
    if (!start.isValid) throw new AppError('DAY_INVALID', `"${day}" is not a valid day (use YYYY-MM-DD).`);
    window = { start: start.toMillis(), end: start.plus({ days: 1 }).toMillis() };
    if (windows.size >= KEPT) windows.delete(windows.keys().next().value ?? key);
    windows.set(key, window);
  }
  return { start: new Date(window.start), end: new Date(window.end) };
}

/** The store-local hour (00–23) of an instant, for sales-by-hour charts. */
export function localHour(at: Date, timeZone: string): string {
  return DateTime.fromJSDate(at, { zone: timeZone }).toFormat('HH');
}
