import fc from 'fast-check';
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { businessDay, dayWindow } from '../../../src/shared/domain/store-calendar';

// Zones with DST at 02:00, at midnight (Santiago, Havana), none (Phoenix), a half hour (Adelaide) and far east.
const zones = ['America/Los_Angeles', 'America/Phoenix', 'America/New_York', 'America/Santiago', 'America/Havana', 'Australia/Adelaide', 'Pacific/Kiritimati'];
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
      { numRuns: 300 },
    );
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
