import type { Handlers } from '../core/handler';
import { signedIn } from '../checkout/sale-handlers';
import { checkInCustomer } from './check-in';

export const checkInHandlers: Handlers<'customer-check-in'> = {
  'customer-check-in': (input, ctx) =>
    checkInCustomer(ctx.db, ctx.piiKeys, { ...input, terminalId: ctx.terminalId, staffId: signedIn(ctx), now: ctx.now() }),
};
