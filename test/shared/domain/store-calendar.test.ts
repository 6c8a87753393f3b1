import fc from 'fast-check';
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { businessDay, dayWindow, localClock } from '../../../src/shared/domain/store-calendar';

// Zones with DST at 02:00, at midnight (Santiago, Havana), none (Phoenix), a half hour (Adelaide; Lord Howe's DST moves
// the clock by 30 minutes) and far east.
const zones = [
  'Australia/Lord_Howe',
  'America/Los_Angeles',
  'America/Phoenix',
  'America/New_York',
  'America/Santiago',
  'America/Havana',
  'Australia/Adelaide',
  'Pacific/Kiritimati',
];
const from = Date.UTC(2025, 0, 1);
const to = Date.UTC(2028, 0, 1);

describe('the store calendar', () => {
  it("gives luxon's local day for any instant, however the instants before it were asked in the same zone", () => {
    // The day last asked about is kept with its bounds: walks forward, backward and across DST
    // changes must still land on the zone's own day (issue #18).
    fc.assert(
      fc.property(fc.constantFrom(...zones), fc.array(fc.integer({ min: from, max: to }), { minLength: 1, maxLength: 40 }), (zone, instants) => {
        for (const ms of instants) {
          expect(businessDay(new Date(ms), zone)).toBe(DateTime.fromMillis(ms, { zone }).toISODate());
        }
      }),
      { numRuns: 1_000 },
    );
  });

  it("gives luxon's weekday and wall-clock time for any instant, DST days included", () => {
    fc.assert(
      fc.property(fc.constantFrom(...zones), fc.array(fc.integer({ min: from, max: to }), { minLength: 1, maxLength: 40 }), (zone, instants) => {
        for (const ms of instants) {
          const local = DateTime.fromMillis(ms, { zone });
          expect(localClock(new Date(ms), zone)).toEqual({ day: local.toISODate(), weekday: local.weekday, hhmm: local.toFormat('HH:mm') });
        }
      }),
      { numRuns: 1_000 },
    );
    // Every minute of a spring-forward and a fall-back day, walked in order.
    for (const [zone, day] of [
      ['America/New_York', '2026-03-08'],
      ['America/New_York', '2026-11-01'],
      ['Australia/Lord_Howe', '2026-04-05'],
      ['America/Havana', '2025-03-09'],
      ['America/Santiago', '2026-09-06'],
    ] as const) {
      const { start, end } = dayWindow(day, zone);
      for (let ms = start.getTime(); ms < end.getTime(); ms += 60_000) {
        expect(localClock(new Date(ms), zone).hhmm).toBe(DateTime.fromMillis(ms, { zone }).toFormat('HH:mm'));
      }
    }
  });

  it('bounds a day whose midnight a DST change skips by its own first instant and the next day’s (Havana, 2025-03-09)', () => {
    // Found by the property above: the day started at 01:00 and "start plus a day" ended it at 01:00 the next day.
    const zone = 'America/Havana';
    const { start, end } = dayWindow('2025-03-09', zone);
    expect(DateTime.fromJSDate(start, { zone }).toISO()).toBe('2025-03-09T01:00:00.000-04:00');
    expect(DateTime.fromJSDate(end, { zone }).toISO()).toBe('2025-03-10T00:00:00.000-04:00');
    expect(businessDay(new Date(end.getTime() + 1_800_000), zone)).toBe('2025-03-10');
    expect(localClock(new Date(start.getTime()), zone)).toEqual({ day: '2025-03-09', weekday: 7, hhmm: '01:00' });
    expect(localClock(new Date(1741496400000), zone).hhmm).toBe('01:00');
  });

  it('answers at the exact bounds of a DST day, on either side of midnight', () => {
    const zone = 'America/New_York';
    for (const day of ['2026-03-08', '2026-11-01']) {
      const { start, end } = dayWindow(day, zone);
      expect(businessDay(new Date(start.getTime() + 1000), zone)).toBe(day);
      expect(businessDay(new Date(end.getTime() - 1), zone)).toBe(day);
      expect(businessDay(end, zone)).not.toBe(day);
      expect(businessDay(new Date(start.getTime() - 1), zone)).not.toBe(day);
    }
  });

  it('refuses an unknown zone even right after a good one', () => {
    businessDay(new Date(from), 'America/Denver');
    expect(() => businessDay(new Date(from), 'Mars/Olympus_Mons')).toThrow(/Invalid time zone/);
  });
});
