import type { GreentillBridge } from '../shared/bridge';
import { contract, type CommandInput, type CommandName, type CommandOutput } from '../shared/contract';
import type { AppErrorValue, Result } from '../shared/errors';

/**
 * The codes that mean the core did not do the command's work as far as the
 * page can tell: its process died with the command in flight, it is
 * restarting, or the host itself is not answering.
 */
export const CORE_LOST: ReadonlySet<string> = new Set(['CORE_RESTARTED', 'CORE_UNAVAILABLE', 'CORE_NOT_READY', 'HOST_UNREACHABLE']);

/**
 * Commands that only read: sent again until the core answers (what the page
 * needs to come back by itself: who is signed in, the staff tiles to sign in
 * with, the open cart, the sync state). Every other command is never sent
 * again blindly: its caller shows why it failed.
 */
export const RETRIED_READS: ReadonlySet<CommandName> = new Set<CommandName>(['session-get', 'staff-list', 'cart-current', 'sync-status']);

/** Waits between attempts at a read while the core is away: quick at first, then every two seconds. */
export function retryDelayMs(attempt: number): number {
  return Math.min(2_000, 250 * 2 ** attempt);
}

/** What the sender tells about the core (`useConnection` in the page). */
export interface ConnectionReports {
  readonly lost: () => void;
  readonly answered: () => void;
  readonly writeInterrupted: (error: AppErrorValue) => void;
}

export type Send = <N extends CommandName>(name: N, input: CommandInput<N>) => Promise<Result<CommandOutput<N>>>;

/**
 * Sends one command. When the core is away, the page is told ("reconnecting");
 * the reads the page needs to come back are sent again until the core
 * answers; any other command answers its error to its caller, never sent
 * again by itself — and a write cut short (CORE_RESTARTED: it may or may
 * not have been done) is also reported, for the banner to keep until dismissed.
 */
export function reconnectingSend(
  bridge: GreentillBridge,
  connection: () => ConnectionReports,
  wait: (ms: number) => Promise<void> = (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
): Send {
  return async (name, input) => {
    for (let attempt = 0; ; attempt += 1) {
      const result = await bridge.invoke(name, input);
      const reports = connection();
      if (result.ok || !CORE_LOST.has(result.error.code)) {
        reports.answered();
        return result;
      }
      reports.lost();
      if (!RETRIED_READS.has(name)) {
        // Only a command that writes may have been half-done: a read (a long poll, a report) simply asks again later.
        if (result.error.code === 'CORE_RESTARTED' && contract[name].writes) reports.writeInterrupted(result.error);
        return result;
      }
      await wait(retryDelayMs(attempt));
    }
  };
}
