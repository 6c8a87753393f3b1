import { AppError } from '../../../shared/errors';
import type { DenominationCount } from '../../platform/db/schema';

/** US notes and coins a drawer holds, in cents. */
export const US_DENOMINATIONS_CENTS = [10_000, 5_000, 2_000, 1_000, 500, 200, 100, 50, 25, 10, 5, 1] as const;

/** Checks a count by denomination and returns its total in cents. */
export function countTotal(count: DenominationCount): number {
  let total = 0;
  for (const [key, pieces] of Object.entries(count)) {
    const cents = Number(key);
    if (!(US_DENOMINATIONS_CENTS as readonly number[]).includes(cents)) {
      throw new AppError('COUNT_UNKNOWN_DENOMINATION', `${key} is not a US note or coin value in cents.`);
    }
    if (!Number.isSafeInteger(pieces) || pieces < 0) throw new AppError('COUNT_INVALID', `The count of ${key}-cent pieces must be a whole number, 0 or more.`);
    total += cents * pieces;
  }
  return total;
}
