import { DateTime } from 'luxon';

/**
 * Whole years of age on a store-local date. A 29 February birthday turns
 * a year older on 1 March in a common year (the reading most US
 * jurisdictions apply to age-restricted sales).
 */
export function ageOn(dateOfBirth: string, day: string): number {
  const birth = DateTime.fromISO(dateOfBirth, { zone: 'UTC' });
  const today = DateTime.fromISO(day, { zone: 'UTC' });
  let age = today.year - birth.year;
  const birthdayThisYear = birth.month === 2 && birth.day === 29 && !today.isInLeapYear ? { month: 3, day: 1 } : { month: birth.month, day: birth.day };
  if (today.month < birthdayThisYear.month || (today.month === birthdayThisYear.month && today.day < birthdayThisYear.day)) age -= 1;
  return age;
}
