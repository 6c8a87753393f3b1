import { and, type SQL } from 'drizzle-orm';

/** `a AND b AND …` for a non-empty list: always a condition (drizzle's `and` may return undefined). */
export function allOf(first: SQL, ...rest: SQL[]): SQL {
  return and(first, ...rest) ?? first;
}
