/**
 * What one attempt at a platform call came to, as the relay's job queue
 * records it: done (sent, already there, refused for good) or not yet (the
 * platform failed or did not answer: the job runs again later).
 */
export type SendOutcome = { done: true; outcome: 'sent' | 'already' | 'refused'; error?: string } | { done: false; error: string };

/** Answers a platform gives when it cannot take work now: retried, never read as a refusal. */
export const retryableStatus = (status: number): boolean => status >= 500 || status === 408 || status === 429;

export const describeError = (error: unknown): string => (error instanceof Error ? `${error.name}: ${error.message}` : String(error)).slice(0, 300);

export function timedFetch(url: string, init: RequestInit, timeoutMs: number): Promise<Response> {
  return fetch(url, { ...init, signal: AbortSignal.timeout(timeoutMs) });
}

/** The common ending of a status call: 2xx sent, retryable not yet, otherwise refused unless the platform has it already. */
export async function judgeStatusAnswer(platform: string, res: Response, wanted: string, alreadyThere: () => Promise<boolean>): Promise<SendOutcome> {
  await res.arrayBuffer().catch(() => undefined);
  if (res.ok) return { done: true, outcome: 'sent' };
  const error = `${platform} answered ${res.status} to status ${wanted}`;
  if (retryableStatus(res.status)) return { done: false, error };
  if (await alreadyThere()) return { done: true, outcome: 'already' };
  return { done: true, outcome: 'refused', error };
}
