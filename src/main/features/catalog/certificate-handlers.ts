import type { Handlers } from '../../core/handler';
import { signedIn } from '../../core/signed-in';
import { writeTransaction } from '../../platform/db/transaction';
import { storeIdOfTerminal } from '../store/terminal';
import { certificatesOfProduct, saveCertificate, searchCertificates } from './certificates';

export const certificateHandlers: Handlers<'coa-save' | 'coa-get' | 'coa-search'> = {
  'coa-save': (input, ctx) =>
    writeTransaction(ctx.db, (tx) => ({
      certificateId: saveCertificate(
        tx,
        { storeId: storeIdOfTerminal(tx, ctx.terminalId), staffId: signedIn(ctx), terminalId: ctx.terminalId, now: ctx.now() },
        input,
      ),
    })),
  'coa-get': (input, ctx) => certificatesOfProduct(ctx.db, input.productId),
  'coa-search': (input, ctx) => ({ items: searchCertificates(ctx.db, storeIdOfTerminal(ctx.db, ctx.terminalId), input.query, input.limit) }),
};
