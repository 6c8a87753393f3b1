import { create } from 'zustand';
import type { CommandOutput } from '../../shared/contract';
import type { AppErrorValue, Result } from '../../shared/errors';
import { formatCents } from '../../shared/money';
import { send } from '../transport';
import { sendApproved } from './approval-flow';
import type { Approval } from '../components/ApprovalDialog';

// The contract's own shapes: a field the core adds reaches the screen without a second declaration.
type DrawerSession = NonNullable<CommandOutput<'drawer-status'>['session']>;
type CountResult = CommandOutput<'drawer-count'>;

interface DrawerState {
  readonly session: DrawerSession | null;
  readonly countResult: CountResult | null;
  readonly message: string | null;
  readonly error: AppErrorValue | null;
  readonly load: () => Promise<void>;
  readonly open: (count: Record<string, number>) => Promise<void>;
  readonly drop: (amountCents: number, reason: string) => Promise<void>;
  /** A paid-in or paid-out: a lead's or manager's, or approved by one. */
  readonly paid: (direction: 'in' | 'out', amountCents: number, reason: string, approval?: Approval) => Promise<void>;
  readonly noSale: (reason: string, approval?: Approval) => Promise<void>;
  readonly count: (count: Record<string, number>, debitCents: number) => Promise<void>;
  readonly close: (explanation: string, approval?: Approval) => Promise<void>;
}

export const useDrawer = create<DrawerState>((set, get) => {
  const after = async <T>(result: Result<T>, message: string): Promise<boolean> => {
    set(result.ok ? { error: null, message } : { error: result.error, message: null });
    if (result.ok) await get().load();
    return result.ok;
  };
  /** A movement the core recorded and then opened the drawer for; a drawer that stayed shut is said why (open it with its key). */
  const afterKick = async (result: Result<{ readonly drawerWarning?: string | undefined }>, recorded: string, opened: string = recorded): Promise<void> => {
    const warning = result.ok ? result.value.drawerWarning : undefined;
    await after(result, warning === undefined ? opened : recorded);
    if (warning !== undefined) set({ error: { code: 'DRAWER_DID_NOT_OPEN', message: warning } });
  };
  return {
    session: null,
    countResult: null,
    message: null,
    error: null,
    load: async () => {
      const result = await send('drawer-status', {});
      if (result.ok) set({ session: result.value.session });
    },
    open: async (count) => void (await after(await send('drawer-open', { count }), 'Drawer open.')),
    drop: async (amountCents, reason) =>
      afterKick(await send('drawer-drop', { amountCents, reason }), `Drop of ${formatCents(amountCents)} to the safe recorded.`),
    paid: async (direction, amountCents, reason, approval) =>
      afterKick(await sendApproved('drawer-paid', { direction, amountCents, reason }, approval), `Paid-${direction} of ${formatCents(amountCents)} recorded.`),
    noSale: async (reason, approval) =>
      afterKick(await sendApproved('drawer-no-sale', { reason }, approval), 'No sale recorded.', 'Drawer opened (no sale) — recorded.'),
    count: async (count, debitCents) => {
      const result = await send('drawer-count', { count, nonCashCounted: { debit: debitCents } });
      if (result.ok) set({ countResult: result.value });
      await after(result, 'Count recorded.');
    },
    close: async (explanation, approval) => {
      const result = await sendApproved('drawer-close', explanation.trim() === '' ? {} : { explanation }, approval);
      if (await after(result, 'Drawer closed and locked.')) set({ countResult: null });
    },
  };
});
