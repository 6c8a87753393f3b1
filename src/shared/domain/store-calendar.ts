/**
 * The store calendar: a store's own local day and hour, in its IANA zone.
 * "Today" for a purchase limit, a Z-report or a drawer day is this day,
 * never the terminal's or UTC's.
 */
import { DateTime } from 'luxon';
import { AppError } from '../errors';

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

/**
 * The day each zone was last asked about, with its bounds as instants: every
 * sale asks for "today" with a new instant, and an instant inside the day
 * already known needs no zone conversion (a tenth of a sale's JavaScript,
 * issue #18). The bounds come from `dayWindow`, so a 23- or 25-hour DST day
 * is bounded exactly as luxon bounds it.
 */
const knownDays = new Map<string, { readonly day: string; readonly start: number; readonly end: number; readonly startMinutes: number }>();

/** The store's own calendar day of an instant, as YYYY-MM-DD in its IANA zone. */
export function businessDay(at: Date, timeZone: string): string {
  const ms = at.getTime();
  const known = knownDays.get(timeZone);
  if (known !== undefined && ms >= known.start && ms < known.end) return known.day;
  const entry = converted(at, timeZone);
  if (entry.day === undefined) entry.day = entry.local.toISODate();
  if (entry.day === null) throw new RangeError(`Invalid time zone "${timeZone}"`);
  const { start, end } = dayWindow(entry.day, timeZone);
  if (knownDays.size >= KEPT) knownDays.delete(knownDays.keys().next().value ?? timeZone);
  // The wall clock at the day's first instant: 00:00, or 01:00 where a DST change skipped midnight.
  const first = DateTime.fromMillis(start.getTime(), { zone: timeZone });
  knownDays.set(timeZone, { day: entry.day, start: start.getTime(), end: end.getTime(), startMinutes: first.hour * 60 + first.minute });
  return entry.day;
}

/** The store-local calendar day, weekday (1 = Monday … 7 = Sunday, as ISO and luxon count) and wall-clock time of an instant. */
export interface LocalClock {
  readonly day: string;
  readonly weekday: number;
  readonly hhmm: string;
}

/**
 * The store-local clock of an instant, for promotions by day of week and
 * hour (issue #18: a zone conversion per scan and per sale). On a day of
 * exactly 24 hours the zone's offset did not change during it, so the wall
 * clock is the time since that day's local midnight; on a DST day (23, 23½,
 * 25 hours…) luxon converts.
 */
export function localClock(at: Date, timeZone: string): LocalClock {
  const day = businessDay(at, timeZone);
  const known = knownDays.get(timeZone);
  const weekday = isoWeekday(day);
  if (known !== undefined && known.day === day && known.end - known.start === DAY_MS) {
    const minutes = known.startMinutes + Math.floor((at.getTime() - known.start) / 60_000);
    return { day, weekday, hhmm: `${pad2(Math.floor(minutes / 60))}:${pad2(minutes % 60)}` };
  }
  return { day, weekday, hhmm: converted(at, timeZone).local.toFormat('HH:mm') };
}

const DAY_MS = 86_400_000;
const pad2 = (n: number) => String(n).padStart(2, '0');

/** ISO weekday of a YYYY-MM-DD calendar day (a day has no zone left in it). */
function isoWeekday(day: string): number {
  const utc = new Date(`${day}T00:00:00Z`).getUTCDay();
  return utc === 0 ? 7 : utc;
}

/**
 * The last few windows, as instants: a sale asks for its day's window from
 * both review flags (issue #18: each costs three zone conversions). Fresh
 * Dates are handed out, so no caller can change a kept one.
 */
const windows = new Map<string, { readonly start: number; readonly end: number }>();

/** The UTC instants bounding a store-local calendar day (23 or 25 hours long on DST days). */
export function dayWindow(day: string, timeZone: string): { readonly start: Date; readonly end: Date } {
  const key = `${day}|${timeZone}`;
  let window = windows.get(key);
  if (window === undefined) {
    const start = DateTime.fromISO(day, { zone: timeZone }).startOf('day');
    if (!start.isValid) throw new AppError('DAY_INVALID', `"${day}" is not a valid day (use YYYY-MM-DD).`);
    // The next day's own first instant: where a DST change skips midnight (Havana, Santiago), a day starts at 01:00,
    // and "start plus one day" would end it an hour into the next day.
    window = { start: start.toMillis(), end: start.plus({ days: 1 }).startOf('day').toMillis() };
    if (windows.size >= KEPT) windows.delete(windows.keys().next().value ?? key);
    windows.set(key, window);
  }
  return { start: new Date(window.start), end: new Date(window.end) };
}

/**
 * The calendar day `days` before a YYYY-MM-DD day (a rolling period's first
 * day). Pure date arithmetic: a local calendar day has no zone left in it.
 */
export function daysBefore(day: string, days: number): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (match === null) throw new AppError('DAY_INVALID', `"${day}" is not a valid day (use YYYY-MM-DD).`);
  const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]) - days));
  return date.toISOString().slice(0, 10);
}

/** The store-local hour (00–23) of an instant, for sales-by-hour charts. */
export function localHour(at: Date, timeZone: string): string {
  return DateTime.fromJSDate(at, { zone: timeZone }).toFormat('HH');
}

/** The instant a store-local wall-clock time ("HH:MM") falls on a store-local day (for a closing time). */
export function instantOnDay(day: string, time: string, timeZone: string): Date {
  const at = DateTime.fromISO(`${day}T${time}`, { zone: timeZone });
  if (!at.isValid) throw new AppError('DAY_INVALID', `"${day} ${time}" is not a valid day and time (YYYY-MM-DD, HH:MM).`);
  return at.toJSDate();
}
