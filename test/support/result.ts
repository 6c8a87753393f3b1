import type { Result } from '../../src/shared/errors';

/** The value of a command's answer, or a thrown error naming its code and message (a test's "this must work"). */
export function value<T>(result: Result<T>): T {
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
  return result.value;
}
