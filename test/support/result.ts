import type { Result } from '../../src/shared/errors';

/** The value of a command's answer, or a thrown error naming its code and message (a test's "this must work"). */
export function value<T>(result: Result<T>): T {
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
  return result.value;
}

/** The typed error a promise rejects with (fails the test when it resolves instead). */
export async function rejection(promise: Promise<unknown>): Promise<{ code: string; message: string }> {
  try {
    await promise;
  } catch (error) {
    const e = error as { code?: unknown; message?: unknown };
    return { code: String(e.code ?? 'NO_CODE'), message: String(e.message ?? '') };
  }
  throw new Error('Expected a rejection, but the call succeeded.');
}
