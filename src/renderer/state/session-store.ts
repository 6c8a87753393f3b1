import { create } from 'zustand';
import type { CommandOutput } from '../../shared/contract';
import type { SessionView } from '../../shared/contract/session';
import type { AppErrorValue } from '../../shared/errors';
import { send } from '../transport';

type StaffTile = CommandOutput<'staff-list'>['items'][number];

interface SessionState {
  readonly session: SessionView | null;
  readonly staff: readonly StaffTile[];
  readonly error: AppErrorValue | null;
  readonly busy: boolean;
  readonly load: () => Promise<void>;
  readonly signIn: (staffId: string, pin: string) => Promise<boolean>;
  readonly lock: () => Promise<void>;
  readonly signOut: () => Promise<void>;
}

/**
 * The sign-in tiles are read again whenever the sign-in screen comes back
 * (sign-out, lock): a person added, stopped or given a PIN since — on the
 * Staff screen here, or at another register of the store — shows as they
 * now are.
 */
async function staffTiles(): Promise<Partial<Pick<SessionState, 'staff'>>> {
  const staff = await send('staff-list', {});
  return staff.ok ? { staff: staff.value.items } : {};
}

/** The signed-in staff member as the main process knows it; the renderer only mirrors it. */
export const useSession = create<SessionState>((set) => ({
  session: null,
  staff: [],
  error: null,
  busy: false,

  load: async () => {
    const [session, staff] = await Promise.all([send('session-get', {}), send('staff-list', {})]);
    set({
      session: session.ok ? session.value : null,
      staff: staff.ok ? staff.value.items : [],
      error: session.ok ? (staff.ok ? null : staff.error) : session.error,
    });
  },

  signIn: async (staffId, pin) => {
    set({ busy: true, error: null });
    const result = await send('session-sign-in', { staffId, pin });
    set(result.ok ? { session: result.value, busy: false } : { error: result.error, busy: false });
    return result.ok;
  },

  lock: async () => {
    const result = await send('session-lock', {});
    if (result.ok) set({ session: result.value, ...(await staffTiles()) });
  },

  signOut: async () => {
    const result = await send('session-sign-out', {});
    if (result.ok) set({ session: result.value, ...(await staffTiles()) });
  },
}));
