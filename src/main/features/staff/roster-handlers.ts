import type { Handlers } from '../../core/handler';
import { signedIn } from '../../core/signed-in';
import { storeIdOfTerminal } from '../store/terminal';
import { isStoreLinked } from '../store-link/link-settings';
import { queueStaffForStore } from '../store-link/store-commands';
import { rosterOf, saveStaff } from './roster';

/** The Staff screen: the roster, and a manager's saves (which reach every register of the store). */
export const rosterHandlers: Handlers<'staff-roster' | 'staff-save'> = {
  'staff-roster': (_input, ctx) => ({ items: rosterOf(ctx.db, storeIdOfTerminal(ctx.db, ctx.terminalId)) }),

  'staff-save': async (input, ctx) => {
    const staffId = signedIn(ctx);
    const now = ctx.now();
    const saved = await saveStaff(
      ctx.db,
      input,
      { staffId, terminalId: ctx.terminalId, storeId: storeIdOfTerminal(ctx.db, ctx.terminalId), now },
      (tx, { row }) => {
        if (isStoreLinked(tx)) queueStaffForStore(tx, row, now);
      },
    );
    return saved.entry;
  },
};
