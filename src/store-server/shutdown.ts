/**
 * How long a stopping store server waits for each part (its listener, then
 * its database pool) before it goes anyway. A service manager's `SIGTERM`
 * must end the process: work still in flight was never acknowledged, and
 * registers retry it (every command and hold is keyed).
 */
export const CLOSE_WITHIN_MS = 3_000;

/** Resolves when `closing` settles or the deadline passes; says which. */
export async function closeWithin(closing: Promise<void>, ms = CLOSE_WITHIN_MS): Promise<'closed' | 'abandoned'> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<'abandoned'>((resolve) => {
    timer = setTimeout(() => resolve('abandoned'), ms);
  });
  try {
    return await Promise.race([closing.then(() => 'closed' as const), deadline]);
  } finally {
    clearTimeout(timer);
  }
}
