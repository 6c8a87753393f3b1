import type { HandlerContext, Handlers } from '../../core/handler';
import { signedIn } from '../../core/signed-in';
import { storeIdOfTerminal } from '../store/terminal';
import { createProductForIncoming, mapIncomingPackage, receiveIncomingPackage, rejectIncomingPackage, type Decider } from './decide';
import { downloadManifests } from './download';
import { incomingPackageView, listManifests } from './views';

function decider(ctx: HandlerContext): Decider {
  return { storeId: storeIdOfTerminal(ctx.db, ctx.terminalId), staffId: signedIn(ctx), terminalId: ctx.terminalId, now: ctx.now() };
}

export const receivingHandlers: Handlers<
  'receiving-download' | 'receiving-list' | 'receiving-map' | 'receiving-create-product' | 'receiving-receive' | 'receiving-reject'
> = {
  'receiving-download': (input, ctx) => downloadManifests(ctx.db, { ...decider(ctx), keys: ctx.piiKeys }, { days: input.days }),

  'receiving-list': (input, ctx) => ({ manifests: listManifests(ctx.db, storeIdOfTerminal(ctx.db, ctx.terminalId), input.status) }),

  'receiving-map': (input, ctx) => mapIncomingPackage(ctx.db, decider(ctx), input.incomingPackageId, input.productId),

  'receiving-create-product': (input, ctx) => {
    const { incomingPackageId, ...product } = input;
    return createProductForIncoming(ctx.db, decider(ctx), incomingPackageId, product);
  },

  'receiving-receive': (input, ctx) => {
    receiveIncomingPackage(ctx.db, decider(ctx), input.incomingPackageId, input.quantity);
    return incomingPackageView(ctx.db, input.incomingPackageId);
  },

  'receiving-reject': (input, ctx) => {
    rejectIncomingPackage(ctx.db, decider(ctx), input.incomingPackageId, input.reason);
    return incomingPackageView(ctx.db, input.incomingPackageId);
  },
};
