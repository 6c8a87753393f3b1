import { DateTime } from 'luxon';

/** The store's own calendar day of an instant, as YYYY-MM-DD in its IANA zone. */
export function businessDay(at: Date, timeZone: string): string {
  const day = DateTime.fromJSDate(at, { zone: timeZone }).toISODate();
  if (day === null) throw new RangeError(`Invalid time zone "${timeZone}"`);
  return day;
}
