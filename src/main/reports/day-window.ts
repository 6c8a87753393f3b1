import { DateTime } from 'luxon';
import { AppError } from '../../shared/errors';

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
