import type { Handlers } from '../../core/handler';
import { signedIn } from '../../core/signed-in';
import { storeIdOfTerminal } from '../store/terminal';
import { rosterOf, saveStaff } from './roster';

/** The Staff screen: the roster, and a manager's saves (which reach every register of the store). */
export const rosterHandlers: Handlers<'staff-roster' | 'staff-save'> = {
  'staff-roster': (_input, ctx) => ({ items: rosterOf(ctx.db, storeIdOfTerminal(ctx.db, ctx.terminalId)) }),

  'staff-save': (input, ctx) =>
    saveStaff(ctx.db, input, { staffId: signedIn(ctx), terminalId: ctx.terminalId, storeId: storeIdOfTerminal(ctx.db, ctx.terminalId), now: ctx.now() }),
};
