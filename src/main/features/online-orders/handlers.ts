import { and, eq, gt, inArray, or } from 'drizzle-orm';
import type { OnlineOrderQueueView } from '../../../shared/contract/online-orders';
import { platformAllowsCustomerTexts } from '../../../shared/domain/notifications/platforms';
import type { Handlers, HandlerContext } from '../../core/handler';
import { signedIn } from '../../core/signed-in';
import { appendAudit } from '../../platform/audit/log';
import { customers, onlineOrderFeed, onlineOrderPrepayments, onlineOrders, stores } from '../../platform/db/schema';
import { AppError } from '../../../shared/errors';
import { storeLocal } from '../../../shared/domain/store-calendar';
import { orderHoldCustomer } from '../compliance/limit-ledger';
import { openCustomerPii } from '../customers/customer-pii';
import { writeTransaction } from '../../platform/db/transaction';
import { storeIdOfTerminal } from '../store/terminal';
import { pullOrders } from './order-feed';
import {
  acceptOrder,
  type OnlineOrder,
  listOrders,
  markReady,
  pickScan,
  rejectOrder,
  settleOrders,
  startHandover,
  substituteLine,
  substitutionsOf,
  textOrderReady,
} from './queue';
import { relayClientFor, relayLinkView, saveRelayLink } from './relay-settings';
import { claimAtStore, storePullsOrders, takenElsewhere } from './store-orders';

const DAY_MS = 24 * 60 * 60_000;

/** The order queue's commands (issue #21): each answers the queue as it now stands. */
export const onlineOrderHandlers: Handlers<
  | 'online-orders-list'
  | 'online-orders-pull'
  | 'online-order-accept'
  | 'online-order-reject'
  | 'online-order-pick'
  | 'online-order-substitute'
  | 'online-order-ready'
  | 'online-order-handover'
  | 'online-orders-connect'
> = {
  'online-orders-list': (_input, ctx) => queueView(ctx),
  'online-orders-pull': async (_input, ctx) => {
    signedIn(ctx);
    const client = relayClientFor(ctx.db, ctx.piiKeys);
    if (client === null) settleOrders(ctx.db, ctx.now());
    // In a store whose server pulls the orders, they arrive on the read path: only the texts customers sent are pulled here.
    else await pullOrders(ctx.db, client, ctx.now, 'relay', ctx.piiKeys, storePullsOrders(ctx.db));
    // Settling may have completed or expired orders: their statuses go out now.
    ctx.sync.wake();
    return queueView(ctx);
  },
  'online-order-accept': async (input, ctx) => {
    const staffId = signedIn(ctx);
    await claimHere(ctx, input.orderId, 'accept');
    acceptOrder(ctx.db, {
      orderId: input.orderId,
      customerId: input.customerId ?? null,
      terminalId: ctx.terminalId,
      staffId,
      now: ctx.now(),
      storeId: storeIdOfTerminal(ctx.db, ctx.terminalId),
    });
    ctx.sync.wake();
    return queueView(ctx);
  },
  'online-order-reject': async (input, ctx) => {
    const staffId = signedIn(ctx);
    await claimHere(ctx, input.orderId, 'reject');
    rejectOrder(ctx.db, { orderId: input.orderId, reason: input.reason, terminalId: ctx.terminalId, staffId, now: ctx.now() });
    ctx.sync.wake();
    return queueView(ctx);
  },
  'online-order-pick': (input, ctx) => {
    const staffId = signedIn(ctx);
    pickScan(ctx.db, { orderId: input.orderId, tag: input.tag, terminalId: ctx.terminalId, staffId, now: ctx.now() });
    return queueView(ctx);
  },
  'online-order-substitute': (input, ctx) => {
    const staffId = signedIn(ctx);
    substituteLine(ctx.db, {
      orderId: input.orderId,
      lineNumber: input.lineNumber,
      sku: input.sku,
      agreedVia: input.agreedVia,
      note: input.note,
      storeId: storeIdOfTerminal(ctx.db, ctx.terminalId),
      terminalId: ctx.terminalId,
      staffId,
      now: ctx.now(),
    });
    return queueView(ctx);
  },
  'online-order-ready': (input, ctx) => {
    const staffId = signedIn(ctx);
    markReady(ctx.db, { orderId: input.orderId, terminalId: ctx.terminalId, staffId, now: ctx.now() });
    textOrderReady(ctx.db, ctx.piiKeys, input.orderId, ctx.now());
    ctx.sync.wake();
    return queueView(ctx);
  },
  'online-order-handover': (input, ctx) => {
    const staffId = signedIn(ctx);
    return startHandover(ctx.db, { orderId: input.orderId, terminalId: ctx.terminalId, staffId, now: ctx.now() });
  },
  'online-orders-connect': async (input, ctx) => {
    const staffId = signedIn(ctx);
    const now = ctx.now();
    writeTransaction(ctx.db, (tx) => {
      saveRelayLink(tx, ctx.piiKeys, { url: input.url, credential: input.credential }, staffId, now);
      appendAudit(tx, {
        at: now,
        staffId,
        terminalId: ctx.terminalId,
        action: 'settings.order_relay',
        entityType: 'online_order_relay',
        entityId: 'relay',
        after: { url: input.url },
      });
    });
    await ctx.sync.reconfigure();
    return queueView(ctx);
  },
};

/** The name of the customer an order's cart holds limits for (sealed on their record: opened for the screen). */
function heldForName(ctx: HandlerContext, cartId: string): string | null {
  const customerId = orderHoldCustomer(ctx.db, cartId);
  if (customerId === null) return null;
  const row = ctx.db.select().from(customers).where(eq(customers.id, customerId)).get();
  if (row === undefined) return null;
  const pii = openCustomerPii(ctx.piiKeys, row);
  return `${pii.firstName} ${pii.lastName}`;
}

/**
 * In a store with a server, an order is taken (accepted or rejected) at one
 * register only: one the server says another register took is refused here
 * at once, and any other is claimed at the server first (store-orders.ts).
 */
async function claimHere(ctx: HandlerContext, orderId: string, action: 'accept' | 'reject'): Promise<void> {
  const client = ctx.storeLink.client();
  if (client === null) return;
  const order = ctx.db.select().from(onlineOrders).where(eq(onlineOrders.id, orderId)).get();
  if (order === undefined) return; // the queue's own NOT_FOUND follows
  const other = takenElsewhere(ctx.db, order);
  if (other !== null) throw takenError(ctx, other);
  await claimAtStore(client, order, action);
}

function takenError(ctx: HandlerContext, claim: { terminalName: string; action: 'accept' | 'reject'; claimedAt: Date }): AppError {
  const storeId = storeIdOfTerminal(ctx.db, ctx.terminalId);
  const timeZone = ctx.db.select({ timeZone: stores.timeZone }).from(stores).where(eq(stores.id, storeId)).get()?.timeZone ?? 'UTC';
  return new AppError(
    'ORDER_TAKEN_ELSEWHERE',
    `${claim.terminalName} ${claim.action === 'accept' ? 'accepted' : 'rejected'} this order at ${storeLocal(claim.claimedAt, timeZone).toFormat('HH:mm')}.`,
    { terminalName: claim.terminalName },
  );
}

function queueView(ctx: HandlerContext): OnlineOrderQueueView {
  const since = new Date(ctx.now().getTime() - DAY_MS);
  const shown = new Set(
    ctx.db
      .select({ id: onlineOrders.id })
      .from(onlineOrders)
      .where(or(inArray(onlineOrders.status, ['new', 'accepted', 'picking', 'ready']), and(gt(onlineOrders.updatedAt, since))))
      .all()
      .map((r) => r.id),
  );
  const feed = ctx.db.select().from(onlineOrderFeed).where(eq(onlineOrderFeed.id, 'relay')).get();
  return {
    relay: relayLinkView(ctx.db),
    fromStoreServer: storePullsOrders(ctx.db),
    lastPulledAt: feed?.lastPulledAt?.toISOString() ?? null,
    lastError: feed?.lastError ?? null,
    orders: listOrders(ctx.db)
      .filter((o) => shown.has(o.id))
      .map((o) => ({
        ...o,
        substitutions: substitutionsOf(
          ctx.db,
          o.lines.map((l) => l.id),
        ),
      }))
      .map((o) => ({
        id: o.id,
        platform: o.platform,
        platformOrderId: o.platformOrderId,
        status: o.status,
        customerName: o.customerName,
        cartId: o.cartId,
        endReason: o.endReason,
        receivedAt: o.receivedAt.toISOString(),
        acceptBy: o.acceptBy.toISOString(),
        pickupBy: o.pickupBy?.toISOString() ?? null,
        customerTextsAllowed: platformAllowsCustomerTexts(o.platform),
        prepaid: prepaymentView(ctx, o.id),
        limitsHeldFor: o.cartId === null ? null : heldForName(ctx, o.cartId),
        takenElsewhere: takenView(ctx, o),
        lines: o.lines.map((l) => {
          const first = o.substitutions.find((s) => s.lineId === l.id);
          return {
            lineNumber: l.lineNumber,
            name: l.name,
            productRef: l.productRef,
            quantity: l.quantity,
            picked: l.pickedCount,
            unitPriceCents: l.unitPriceCents,
            substitutedFrom: first === undefined ? null : { name: first.fromName, agreedVia: first.agreedVia, note: first.note },
          };
        }),
      })),
  };
}

function takenView(
  ctx: HandlerContext,
  order: Pick<OnlineOrder, 'connectionId' | 'platformOrderId'>,
): OnlineOrderQueueView['orders'][number]['takenElsewhere'] {
  const claim = takenElsewhere(ctx.db, order);
  return claim === null ? null : { register: claim.terminalName, action: claim.action, at: claim.claimedAt.toISOString() };
}

function prepaymentView(ctx: HandlerContext, orderId: string): OnlineOrderQueueView['orders'][number]['prepaid'] {
  const row = ctx.db.select().from(onlineOrderPrepayments).where(eq(onlineOrderPrepayments.orderId, orderId)).get();
  return row === undefined
    ? null
    : { amountCents: row.amountCents, reference: row.reference, registerTotalCents: row.registerTotalCents, differenceCents: row.differenceCents };
}
