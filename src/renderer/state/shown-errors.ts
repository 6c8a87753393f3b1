import { SHOWN_ERRORS_KEPT, type ShownError } from '../../shared/contract/it-incidents';
import type { AppErrorValue } from '../../shared/errors';

/**
 * The last few errors the screen showed (code, message, when), for the IT
 * incident form to attach: what the person saw before they reported the
 * problem. Only what an error banner displayed; the core scrubs the messages
 * of customer data before storing them.
 */
const ring: ShownError[] = [];
const seen = new WeakSet<AppErrorValue>();

export function rememberShownError(error: AppErrorValue, at: Date = new Date()): void {
  // The same error value rendered twice (two banners, a re-render) is one error shown.
  if (seen.has(error)) return;
  seen.add(error);
  ring.push({ code: error.code.slice(0, 64), message: error.message.slice(0, 500), at: at.toISOString() });
  if (ring.length > SHOWN_ERRORS_KEPT) ring.splice(0, ring.length - SHOWN_ERRORS_KEPT);
}

/** Oldest first, a copy. */
export function shownErrors(): ShownError[] {
  return ring.map((e) => ({ ...e }));
}
