import { BRIDGE_GLOBAL, type GreentillBridge } from '../shared/bridge';
import { contract, type CommandInput, type CommandName, type CommandOutput } from '../shared/contract';
import type { Result } from '../shared/errors';
import { httpBridge } from './http-bridge';
import { useConnection } from './state/connection-store';

const TOKEN_KEY = 'greentill.hostToken';

/**
 * The codes that mean the core did not do the command's work as far as the
 * page can tell: its process died with the command in flight, it is
 * restarting, or the host itself is not answering.
 */
const CORE_LOST: ReadonlySet<string> = new Set(['CORE_RESTARTED', 'CORE_UNAVAILABLE', 'CORE_NOT_READY', 'HOST_UNREACHABLE']);

/**
 * Commands that only read: sent again until the core answers (what the page
 * needs to come back by itself: who is signed in, the staff tiles to sign in
 * with, the open cart, the sync state). Every other command may write, so it
 * is never sent again blindly: its caller shows why it failed.
 */
export const RETRIED_READS: ReadonlySet<CommandName> = new Set<CommandName>(['session-get', 'staff-list', 'cart-current', 'sync-status']);

/** Waits between attempts at a read while the core is away: quick at first, then every two seconds. */
export function retryDelayMs(attempt: number): number {
  return Math.min(2_000, 250 * 2 ** attempt);
}

let lastGeneration: number | null = null;
/** A different core generation than the last answer's: the core was started again, whether or not a command saw it go. */
function onCoreGeneration(generation: number): void {
  const previous = lastGeneration;
  lastGeneration = generation;
  if (previous !== null && previous !== generation) useConnection.getState().restartSeen();
}

/**
 * The one place the renderer picks how to reach the core: the Electron
 * preload's bridge when present, otherwise the headless host with the token
 * from the URL fragment (kept for reloads, then removed from the address bar).
 */
function pickBridge(): GreentillBridge {
  const exposed = (window as unknown as Record<string, unknown>)[BRIDGE_GLOBAL] as GreentillBridge | undefined;
  if (exposed !== undefined) return exposed;
  const fromHash = new URLSearchParams(window.location.hash.slice(1)).get('token');
  if (fromHash !== null) {
    sessionStorage.setItem(TOKEN_KEY, fromHash);
    history.replaceState(null, '', window.location.pathname);
  }
  return httpBridge(sessionStorage.getItem(TOKEN_KEY) ?? '', { onCoreGeneration });
}

const bridge = pickBridge();

const wait = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Sends one command. When the core is away, the page shows "reconnecting";
 * the reads the page needs to come back are sent again until the core
 * answers; any other command answers its error to its caller, never sent
 * again by itself — and a write cut short (CORE_RESTARTED: it may or may
 * not have been done) is also kept for the banner until dismissed.
 */
export async function send<N extends CommandName>(name: N, input: CommandInput<N>): Promise<Result<CommandOutput<N>>> {
  for (let attempt = 0; ; attempt += 1) {
    const result = await bridge.invoke(name, input);
    const connection = useConnection.getState();
    if (result.ok || !CORE_LOST.has(result.error.code)) {
      connection.answered();
      return result;
    }
    connection.lost();
    if (!RETRIED_READS.has(name)) {
      // Only a command that writes may have been half-seen: a read (a long poll, a report) simply asks again later.
      if (result.error.code === 'CORE_RESTARTED' && contract[name].writes) connection.writeInterrupted(result.error);
      return result;
    }
    await wait(retryDelayMs(attempt));
  }
}
