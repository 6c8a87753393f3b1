/**
 * The store calendar: a store's own local day and hour, in its IANA zone.
 * "Today" for a purchase limit, a Z-report or a drawer day is this day,
 * never the terminal's or UTC's.
 */
import { DateTime } from 'luxon';
import { AppError } from '../errors';

/** The store's own calendar day of an instant, as YYYY-MM-DD in its IANA zone. */
export function businessDay(at: Date, timeZone: string): string {
  const day = DateTime.fromJSDate(at, { zone: timeZone }).toISODate();
  if (day === null) throw new RangeError(`Invalid time zone "${timeZone}"`);
  return day;
}

/** The UTC instants bounding a store-local calendar day (23 or 25 hours long on DST days). */
export function dayWindow(day: string, timeZone: string): { readonly start: Date; readonly end: Date } {
  const start = DateTime.fromISO(day, { zone: timeZone }).startOf('day');
  if (!start.isValid) throw new AppError('DAY_INVALID', `"${day}" is not a valid day (use YYYY-MM-DD).`);
  return { start: start.toJSDate(), end: start.plus({ days: 1 }).toJSDate() };
}

/** The store-local hour (00–23) of an instant, for sales-by-hour charts. */
export function localHour(at: Date, timeZone: string): string {
  return DateTime.fromJSDate(at, { zone: timeZone }).toFormat('HH');
}
