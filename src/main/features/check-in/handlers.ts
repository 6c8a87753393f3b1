import type { Handlers } from '../../core/handler';
import { signedIn } from '../../core/signed-in';
import { checkInCustomer } from './check-in';
import type { IdPresentation } from './presented-id';
import { overrideResidency } from './residency-override';

export const checkInHandlers: Handlers<'customer-check-in' | 'check-in-override-residency'> = {
  'customer-check-in': (input, ctx) => {
    const { id, barcode, cardFaceExpiry, method, ...rest } = input;
    // The contract guarantees the pairing (typed: fields; scanned: barcode only).
    const presentation: IdPresentation =
      method === 'manual' && id !== undefined ? { method, id } : { method: 'scanned', barcode: barcode ?? '', cardFaceExpiry };
    return checkInCustomer(ctx.db, ctx.piiKeys, { ...rest, presentation, terminalId: ctx.terminalId, staffId: signedIn(ctx), now: ctx.now() });
  },
  'check-in-override-residency': (input, ctx) =>
    overrideResidency(ctx.db, { ...input, terminalId: ctx.terminalId, staffId: signedIn(ctx), approvedBy: ctx.approvedBy ?? signedIn(ctx), now: ctx.now() }),
};
