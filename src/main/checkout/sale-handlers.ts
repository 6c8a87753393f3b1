import { AppError } from '../../shared/errors';
import type { Handlers } from '../core/handler';
import type { HandlerContext } from '../core/handler';
import { returnSaleLines } from './return-sale';
import { isCashOnly, setCashOnly } from './tender-mode';
import { voidSale } from './void-sale';

export const saleHandlers: Handlers<'sale-void' | 'sale-return' | 'tender-mode-set'> = {
  'sale-void': (input, ctx) => {
    const staffId = signedIn(ctx);
    // A void always names who authorised it: the caller if their role may void, else the approving manager.
    return voidSale(ctx.db, { saleId: input.saleId, terminalId: ctx.terminalId, staffId, approvedBy: ctx.approvedBy ?? staffId, reason: input.reason, now: ctx.now() });
  },

  'sale-return': (input, ctx) => {
    const staffId = signedIn(ctx);
    return returnSaleLines(ctx.db, {
      saleId: input.saleId,
      lines: input.lines,
      reason: input.reason,
      disposition: input.disposition,
      terminalId: ctx.terminalId,
      staffId,
      approvedBy: ctx.approvedBy ?? staffId,
      now: ctx.now(),
    });
  },

  'tender-mode-set': (input, ctx) => {
    setCashOnly(ctx.db, { terminalId: ctx.terminalId, staffId: signedIn(ctx), cashOnly: input.cashOnly, reason: input.reason, now: ctx.now() });
    return { cashOnly: isCashOnly(ctx.db, ctx.terminalId) };
  },
};

/** Commands that change money or stock always run for a signed-in staff member. */
export function signedIn(ctx: HandlerContext): string {
  if (ctx.staffId === null) throw new AppError('SIGNED_OUT', 'Sign in with your PIN first.');
  return ctx.staffId;
}
