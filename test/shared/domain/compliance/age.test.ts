import fc from 'fast-check';
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { ageOn } from '../../../../src/shared/domain/compliance/age';

/** The reading ageOn has always had, through luxon's calendar: the reference its direct date reading must equal. */
function luxonAge(dateOfBirth: string, day: string): number {
  const birth = DateTime.fromISO(dateOfBirth, { zone: 'UTC' });
  const today = DateTime.fromISO(day, { zone: 'UTC' });
  let age = today.year - birth.year;
  const birthday = birth.month === 2 && birth.day === 29 && !today.isInLeapYear ? { month: 3, day: 1 } : { month: birth.month, day: birth.day };
  if (today.month < birthday.month || (today.month === birthday.month && today.day < birthday.day)) age -= 1;
  return age;
}

const isoDay = fc
  .date({ min: new Date(Date.UTC(1900, 0, 1)), max: new Date(Date.UTC(2100, 11, 31)), noInvalidDate: true })
  .map((d) => d.toISOString().slice(0, 10));

describe('age on a store day', () => {
  it('agrees with the calendar for any birth date and day, leap days included', () => {
    fc.assert(
      fc.property(isoDay, isoDay, (birth, day) => {
        expect(ageOn(birth, day)).toBe(luxonAge(birth, day));
      }),
      { numRuns: 5_000 },
    );
  });

  it('turns 21 on the birthday, and a 29 February birthday on 1 March of a common year', () => {
    expect(ageOn('2005-12-07', '2026-12-06')).toBe(20);
    expect(ageOn('2005-12-07', '2026-12-07')).toBe(21);
    expect(ageOn('2004-02-29', '2025-02-28')).toBe(20);
    expect(ageOn('2004-02-29', '2025-03-01')).toBe(21);
    expect(ageOn('2004-02-29', '2028-02-29')).toBe(24);
  });

  it('gives no age for a date that does not exist (so no rule accepts it)', () => {
    expect(ageOn('2001-02-30', '2026-12-07')).toBeNaN();
    expect(ageOn('not a date', '2026-12-07')).toBeNaN();
  });
});
