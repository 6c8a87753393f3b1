import { create } from 'zustand';
import type { AppErrorValue } from '../../shared/errors';

/**
 * Whether the register's core is answering the page (issue #19). The core
 * runs in its own process: when it dies the host starts it again, and the
 * page shows "reconnecting" until it answers. The transport reports here;
 * `ConnectionBanner` shows it and brings the page back (session, cart).
 */
interface ConnectionState {
  /** A command found the core gone (restarted, restarting, the host not answering): read commands are being retried. */
  readonly reconnecting: boolean;
  /** Counts each time the core answered again after being lost, or a restarted core was seen: the page re-reads its session then. */
  readonly recoveries: number;
  /** The write that was in flight when the core went away: it may or may not have been done, so it is shown until dismissed. */
  readonly interrupted: AppErrorValue | null;
  readonly lost: () => void;
  readonly answered: () => void;
  readonly restartSeen: () => void;
  readonly writeInterrupted: (error: AppErrorValue) => void;
  readonly dismissInterrupted: () => void;
}

export const useConnection = create<ConnectionState>((set, get) => ({
  reconnecting: false,
  recoveries: 0,
  interrupted: null,
  lost: () => {
    if (!get().reconnecting) set({ reconnecting: true });
  },
  answered: () => {
    if (get().reconnecting) set((s) => ({ reconnecting: false, recoveries: s.recoveries + 1 }));
  },
  restartSeen: () => set((s) => ({ recoveries: s.recoveries + 1 })),
  writeInterrupted: (error) => set({ interrupted: error }),
  dismissInterrupted: () => set({ interrupted: null }),
}));
