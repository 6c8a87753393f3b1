import { DestinationUnavailable } from './lane';

/** Failures where nothing left this machine: the request cannot have reached the server. */
const NOTHING_SENT = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ENETUNREACH', 'EHOSTUNREACH']);

/** The system error code behind a failed `fetch` (undici wraps it in `cause`, sometimes twice). */
export function systemErrorCode(error: unknown, depth = 0): string | undefined {
  if (depth > 4 || typeof error !== 'object' || error === null) return undefined;
  const { code, cause } = error as { code?: unknown; cause?: unknown };
  return typeof code === 'string' ? code : systemErrorCode(cause, depth + 1);
}

/**
 * A request that got no answer, as the dispatcher must see it: the
 * destination is unreachable, and a write may have arrived unless the
 * connection was never made. `afterHeaders`: the status line came, then the
 * connection broke — the server has acted.
 */
export function noAnswer(
  destinationName: string,
  error: unknown,
  options: { readonly write: boolean; readonly afterHeaders?: boolean },
): DestinationUnavailable {
  const code = systemErrorCode(error);
  const timedOut = error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError');
  const sent = options.afterHeaders === true || code === undefined || !NOTHING_SENT.has(code);
  return new DestinationUnavailable('unreachable', `${destinationName} could not be reached (${timedOut ? 'timed out' : (code ?? 'network error')}).`, {
    maybeDelivered: options.write && sent,
  });
}
