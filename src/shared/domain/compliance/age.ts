import { DateTime } from 'luxon';

/**
 * Whole years of age on a store-local date. A 29 February birthday turns
 * a year older on 1 March in a common year (the reading most US
 * jurisdictions apply to age-restricted sales).
 */
export function ageOn(dateOfBirth: string, day: string): number {
  const birth = calendarDate(dateOfBirth);
  const today = calendarDate(day);
  let age = today.year - birth.year;
  const birthdayThisYear = birth.month === 2 && birth.day === 29 && !isLeapYear(today.year) ? { month: 3, day: 1 } : { month: birth.month, day: birth.day };
  if (today.month < birthdayThisYear.month || (today.month === birthdayThisYear.month && today.day < birthdayThisYear.day)) age -= 1;
  return age;
}

/**
 * Year, month and day of an ISO date. Every sale and check-in asks for an
 * age: the plain YYYY-MM-DD form is read directly (issue #18); anything
 * else is read as luxon reads ISO dates (an invalid one gives NaN, and so
 * an age no rule accepts).
 */
function calendarDate(iso: string): { readonly year: number; readonly month: number; readonly day: number } {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (match !== null) {
    const date = { year: Number(match[1]), month: Number(match[2]), day: Number(match[3]) };
    if (date.month >= 1 && date.month <= 12 && date.day >= 1 && date.day <= daysInMonth(date.year, date.month)) return date;
  }
  const parsed = DateTime.fromISO(iso, { zone: 'UTC' });
  return { year: parsed.year, month: parsed.month, day: parsed.day };
}

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

function daysInMonth(year: number, month: number): number {
  return month === 2 ? (isLeapYear(year) ? 29 : 28) : [4, 6, 9, 11].includes(month) ? 30 : 31;
}
