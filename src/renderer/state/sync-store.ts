import { create } from 'zustand';
import type { CommandOutput } from '../../shared/contract';
import type { AppErrorValue } from '../../shared/errors';
import { send } from '../transport';
import { useSession } from './session-store';

type SyncStatus = CommandOutput<'sync-status'>;

interface SyncState {
  readonly status: SyncStatus | null;
  readonly error: AppErrorValue | null;
  readonly refresh: () => Promise<void>;
  readonly retry: (itemId: number) => Promise<AppErrorValue | null>;
  readonly retryLane: (destination: string) => Promise<AppErrorValue | null>;
  readonly resolve: (itemId: number, reason: string) => Promise<AppErrorValue | null>;
}

/** What the outside world is owed, refreshed on a timer while someone is signed in (see `useSyncPolling`). */
export const useSync = create<SyncState>((set, get) => ({
  status: null,
  error: null,

  refresh: async () => {
    const result = await send('sync-status', {});
    set(result.ok ? { status: result.value, error: null } : { error: result.error });
    // The poll does not keep the register awake; when it finds the register locked, show the lock screen.
    if (!result.ok && (result.error.code === 'SESSION_LOCKED' || result.error.code === 'SIGNED_OUT')) await useSession.getState().load();
  },

  retry: async (itemId) => {
    const result = await send('sync-retry', { itemId });
    await get().refresh();
    return result.ok ? null : result.error;
  },

  retryLane: async (destination) => {
    const result = await send('sync-retry-lane', { destination });
    await get().refresh();
    return result.ok ? null : result.error;
  },

  resolve: async (itemId, reason) => {
    const result = await send('sync-resolve', { itemId, reason });
    await get().refresh();
    return result.ok ? null : result.error;
  },
}));

/** How old the oldest waiting item is, in words a budtender reads at a glance. */
export function ageText(fromIso: string | null, now: number = Date.now()): string {
  if (fromIso === null) return '—';
  const minutes = Math.max(0, Math.floor((now - Date.parse(fromIso)) / 60_000));
  if (minutes < 1) return 'under a minute';
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  return `${hours} h ${minutes % 60} min`;
}
