import { randomUUID } from 'node:crypto';
import { and, asc, eq, inArray, lt, sql } from 'drizzle-orm';
import type { RelayEvent } from '../../../shared/contract/relay';
import type { CancelReason, PlatformStatus } from '../../../shared/domain/online-orders/platform-status';
import type { SubstitutionAgreement } from '../../../shared/domain/online-orders/substitution';
import { AppError } from '../../../shared/errors';
import { appendAudit } from '../../platform/audit/log';
import type { RegisterDb } from '../../platform/db/open';
import {
  cartLines,
  carts,
  onlineOrderFeed,
  onlineOrderLines,
  onlineOrderPicks,
  onlineOrderPrepayments,
  onlineOrders,
  onlineOrderSubstitutions,
  outbox,
  packages,
  products,
  stores,
} from '../../platform/db/schema';
import { writeTransaction, type RegisterTx } from '../../platform/db/transaction';
import { openCart, parkCart, resumeCart } from '../checkout/cart';
import { heldElsewhere, pickPackageFifo } from '../checkout/stock';
import { ORDERS_LANE } from '../sync/lanes';
import { phoneOf, recordConsent } from '../notifications/ledger';
import { queueText } from '../notifications/texts';
import { platformAllowsCustomerTexts } from '../../../shared/domain/notifications/platforms';
import { findMedicalClaims, describeClaims } from '../../../shared/domain/customer-care/medical-claims';
import { decryptField, encryptField, type PiiKeys } from '../../platform/security/pii-crypto';
import { changeHeldOrderLine, releaseOrderHold } from '../compliance/limit-ledger';
import { holdOrderForCustomer, orderLimitHolder, orderLimitLines, refuseOrderOverEveryLimit } from './order-limits';

const ORDER_PHONE_COLUMN = 'online_orders.customer_phone_sealed';

/** How long the counter has to accept a new order before its timer shows it overdue (Leafly's own acknowledgement window). */
export const ACCEPT_WINDOW_MS = 15 * 60_000;
/**
 * How long an accepted order waits for its customer before it expires and
 * releases its stock. Under the parked-cart idle release (4 h by default),
 * so the order's cart is never released behind its back.
 */
export const PICKUP_WINDOW_MS = 3 * 60 * 60_000;

export type OnlineOrder = typeof onlineOrders.$inferSelect;

interface Actor {
  readonly terminalId: string;
  readonly staffId: string | null;
  readonly now: Date;
}

/**
 * Takes the relay's events in cursor order, in one transaction with the new
 * cursor: an order is entered once however often it is pulled; a
 * cancellation on the platform ends the order and releases its cart.
 */
export function applyRelayEvents(
  db: RegisterDb,
  feedId: string,
  events: readonly RelayEvent[],
  next: number,
  now: Date,
  keys: PiiKeys | null = null,
): { added: number; cancelled: number } {
  return writeTransaction(db, (tx) => {
    let added = 0;
    let cancelled = 0;
    for (const event of events) {
      const outcome = applyRelayEvent(tx, event, now, keys);
      if (outcome === 'added') added += 1;
      if (outcome === 'cancelled') cancelled += 1;
    }
    tx.insert(onlineOrderFeed)
      .values({ id: feedId, cursor: next, lastPulledAt: now, lastError: null })
      .onConflictDoUpdate({ target: onlineOrderFeed.id, set: { cursor: next, lastPulledAt: now, lastError: null } })
      .run();
    return { added, cancelled };
  });
}

/**
 * One relay event, into the queue, inside the caller's transaction — the
 * one step shared by the register's own pull and by the events its store
 * server pulled for it (store-order-rows.ts): a submit enters the order
 * once (by connection and platform order id, however often it comes), a
 * cancellation on the platform ends an active order and releases its cart;
 * anything else changes nothing.
 */
export function applyRelayEvent(tx: RegisterTx, event: RelayEvent, now: Date, keys: PiiKeys | null): 'added' | 'cancelled' | null {
  const existing = orderByPlatformId(tx, event.connectionId, event.orderId);
  if (event.kind === 'submit' && existing === undefined && event.order !== null) {
    const id = randomUUID();
    const receivedAt = new Date(event.receivedAt);
    tx.insert(onlineOrders)
      .values({
        id,
        connectionId: event.connectionId,
        platform: event.platform,
        platformOrderId: event.orderId,
        status: 'new',
        customerName: event.order.customerName,
        customerPhoneSealed: orderPhone(tx, keys, event, receivedAt),
        receivedAt,
        acceptBy: new Date(receivedAt.getTime() + ACCEPT_WINDOW_MS),
        updatedAt: now,
      })
      .run();
    event.order.items.forEach((item, index) =>
      tx
        .insert(onlineOrderLines)
        .values({
          id: randomUUID(),
          orderId: id,
          lineNumber: index + 1,
          productRef: item.productRef,
          name: item.name,
          quantity: item.quantity,
          unitPriceCents: item.unitPriceCents,
        })
        .run(),
    );
    const prepaid = event.order.prepaid ?? null;
    if (prepaid !== null) tx.insert(onlineOrderPrepayments).values({ orderId: id, amountCents: prepaid.amountCents, reference: prepaid.reference }).run();
    return 'added';
  }
  if (event.kind === 'cancel' && existing !== undefined && isActive(existing.status)) {
    end(tx, existing, 'cancelled', `cancelled on ${event.platform}${event.cancelReason === null ? '' : ` (${event.cancelReason})`}`, null, null, now);
    return 'cancelled';
  }
  return null;
}

/**
 * The customer's number from a platform that lets the store text them,
 * sealed (never kept from Leafly); their checkout agreement to order texts
 * goes in the consent ledger with the order as proof.
 */
function orderPhone(tx: RegisterTx, keys: PiiKeys | null, event: RelayEvent, at: Date): string | null {
  const raw = event.order?.customerPhone ?? null;
  if (keys === null || raw === null || raw.trim() === '' || !platformAllowsCustomerTexts(event.platform)) return null;
  let phone: string;
  try {
    phone = phoneOf(raw);
  } catch {
    return null; // a number no text can go to: the order is still taken
  }
  if (event.order?.textConsent === true)
    recordConsent(
      tx,
      keys,
      phone,
      { action: 'grant', kind: 'transactional', written: false, source: 'web_form', proof: `${event.platform} order ${event.orderId} (${event.eventId})` },
      at,
    );
  return encryptField(keys.encryption, ORDER_PHONE_COLUMN, phone);
}

export function feedCursor(db: RegisterDb, feedId: string): number {
  return db.select({ cursor: onlineOrderFeed.cursor }).from(onlineOrderFeed).where(eq(onlineOrderFeed.id, feedId)).get()?.cursor ?? 0;
}

/**
 * Accepts a new order: its lines are matched to the store's products by SKU
 * and held in a parked cart (FIFO packages, as a scan would), so the stock
 * is not sold to anyone else; "confirmed" goes to the platform. An order no
 * one could lawfully buy in a store day is refused. Linked by staff to the
 * customer it is for (orders carry only a name and, from some platforms, a
 * number: no record to match exactly), its goods are also held against that
 * person's store day in the limit ledger, so a counter sale to them today
 * counts the order.
 */
export function acceptOrder(
  db: RegisterDb,
  input: Actor & { readonly orderId: string; readonly storeId: string; readonly customerId?: string | null },
): { cartId: string } {
  return writeTransaction(db, (tx) => {
    const order = requireOrder(tx, input.orderId);
    if (order.status !== 'new') throw new AppError('ORDER_NOT_NEW', `This order is ${order.status}: only a new order can be accepted.`);
    const holder = input.customerId == null ? null : orderLimitHolder(tx, input.storeId, input.customerId);
    const matched = linesOf(tx, order.id).map((line) => {
      // A line substituted while the order was new already names its product.
      const product = tx
        .select()
        .from(products)
        .where(line.productId === null ? and(eq(products.storeId, input.storeId), eq(products.sku, line.productRef)) : eq(products.id, line.productId))
        .get();
      if (product === undefined || !product.active)
        throw new AppError(
          'ORDER_PRODUCT_UNKNOWN',
          `“${line.name}” (${line.productRef}) is not a product on sale in this store: reject the order or fix the menu.`,
        );
      if (product.sellingMode !== 'each')
        throw new AppError('ORDER_PRODUCT_NOT_PACKAGED', `“${line.name}” is sold by weight: online orders take packaged goods only.`);
      return { line, product };
    });
    // The limits first: an order no one may buy is refused for that, whatever the stock.
    const limitLines = orderLimitLines(
      tx,
      matched.map(({ line, product }) => ({ id: line.id, productId: product.id, quantity: line.quantity })),
    );
    refuseOrderOverEveryLimit(tx, input.storeId, limitLines, input.now);
    const cartId = openCart(tx, input.terminalId, input.staffId, input.now);
    matched.forEach(({ line, product }, index) => {
      const pick = pickPackageFifo(tx, product.id, line.quantity, cartId);
      if (pick === null)
        throw new AppError(
          'ORDER_OUT_OF_STOCK',
          `Not enough ${product.name} to hold ${line.quantity} for this order: reject it, or substitute with the customer's agreement.`,
        );
      tx.update(onlineOrderLines).set({ productId: product.id }).where(eq(onlineOrderLines.id, line.id)).run();
      tx.insert(cartLines)
        .values({ id: randomUUID(), cartId, lineNumber: index + 1, productId: product.id, packageTag: pick.tag, quantity: line.quantity })
        .run();
    });
    if (holder !== null) holdOrderForCustomer(tx, { storeId: input.storeId, cartId, holder, lines: limitLines, at: input.now });
    parkCart(tx, cartId, `Online order ${order.platformOrderId}`, input.now);
    tx.update(onlineOrders)
      .set({ status: 'accepted', cartId, pickupBy: new Date(input.now.getTime() + PICKUP_WINDOW_MS), updatedAt: input.now })
      .where(eq(onlineOrders.id, order.id))
      .run();
    queueStatus(tx, order, 'confirmed', null, input.now);
    appendAudit(tx, {
      at: input.now,
      staffId: input.staffId,
      terminalId: input.terminalId,
      action: 'online_order.accept',
      entityType: 'online_order',
      entityId: order.id,
      after: { cartId, limitsHeldFor: holder?.customerId ?? null },
    });
    return { cartId };
  });
}

/** The store turns an order down, with a reason: its holds are released and the platform told (cancelled by the dispensary). */
export function rejectOrder(db: RegisterDb, input: Actor & { readonly orderId: string; readonly reason: string }): void {
  writeTransaction(db, (tx) => {
    const order = requireOrder(tx, input.orderId);
    if (!isActive(order.status)) throw new AppError('ORDER_ENDED', `This order is already ${order.status}.`);
    const reason = input.reason.trim();
    if (reason === '') throw new AppError('ORDER_REJECT_REASON', 'Say why the order is rejected (the customer is told it was cancelled by the store).');
    end(tx, order, 'cancelled', `rejected: ${reason}`, 'dispensary', input, input.now);
  });
}

/**
 * A package scanned while picking: it must be of a product the order still
 * needs, and have the stock for it. A wrong scan is named with what the
 * package is and what the order wants.
 */
export function pickScan(db: RegisterDb, input: Actor & { readonly orderId: string; readonly tag: string }): { lineId: string; picked: number; of: number } {
  return writeTransaction(db, (tx) => {
    const order = requireOrder(tx, input.orderId);
    if (order.status !== 'accepted' && order.status !== 'picking')
      throw new AppError('ORDER_NOT_PICKING', `This order is ${order.status}: only an accepted order is picked.`);
    const tag = input.tag.trim().toUpperCase();
    const pkg = tx
      .select({ tag: packages.tag, productId: packages.productId, onHand: packages.quantityOnHand, status: packages.status, name: products.name })
      .from(packages)
      .innerJoin(products, eq(products.id, packages.productId))
      .where(eq(packages.tag, tag))
      .get();
    if (pkg === undefined) throw new AppError('ORDER_PICK_UNKNOWN_TAG', `No package in this store has tag …${tag.slice(-6)}: scan the package's Metrc tag.`);
    const lines = linesOf(tx, order.id);
    const line = lines.find((l) => l.productId === pkg.productId && pickedOf(tx, l.id) < l.quantity);
    if (line === undefined) {
      const wanted = lines.filter((l) => pickedOf(tx, l.id) < l.quantity).map((l) => l.name);
      if (lines.some((l) => l.productId === pkg.productId))
        throw new AppError('ORDER_PICK_ALREADY_COMPLETE', `${pkg.name} is already picked in full for this order.`);
      throw new AppError(
        'ORDER_PICK_WRONG_PRODUCT',
        `Wrong package: …${tag.slice(-6)} is ${pkg.name}, which this order does not have. Still to pick: ${wanted.join(', ') || 'nothing'}.`,
        { scannedProduct: pkg.name },
      );
    }
    if (pkg.status !== 'active') throw new AppError('ORDER_PICK_NOT_SELLABLE', `Package …${tag.slice(-6)} is ${pkg.status}: pick another.`);
    const pickedHere = tx
      .select({ q: sql<number>`coalesce(sum(${onlineOrderPicks.quantity}), 0)` })
      .from(onlineOrderPicks)
      .innerJoin(onlineOrderLines, eq(onlineOrderLines.id, onlineOrderPicks.lineId))
      .where(and(eq(onlineOrderLines.orderId, order.id), eq(onlineOrderPicks.packageTag, tag)))
      .get();
    if (pkg.onHand - heldElsewhere(tx, tag, order.cartId) - (pickedHere?.q ?? 0) < 1)
      throw new AppError('ORDER_PICK_NO_STOCK', `Package …${tag.slice(-6)} has nothing left that is not held for another cart: pick another.`);
    tx.insert(onlineOrderPicks).values({ id: randomUUID(), lineId: line.id, packageTag: tag, quantity: 1, pickedAt: input.now, staffId: input.staffId }).run();
    tx.update(onlineOrders).set({ status: 'picking', updatedAt: input.now }).where(eq(onlineOrders.id, order.id)).run();
    return { lineId: line.id, picked: pickedOf(tx, line.id), of: line.quantity };
  });
}

/**
 * Swaps an order line's product for another, with the customer's agreement
 * (how they agreed is recorded): allowed until the line is picked. On an
 * accepted order the cart's hold moves to the substitute (FIFO, as a scan
 * would), so the original stock is released at once.
 */
export function substituteLine(
  db: RegisterDb,
  input: Actor & {
    readonly orderId: string;
    readonly lineNumber: number;
    readonly sku: string;
    readonly storeId: string;
    readonly agreedVia: SubstitutionAgreement;
    readonly note: string | null;
  },
): { lineId: string } {
  return writeTransaction(db, (tx) => {
    const order = requireOrder(tx, input.orderId);
    if (order.status !== 'new' && order.status !== 'accepted' && order.status !== 'picking')
      throw new AppError('ORDER_NOT_PICKING', `This order is ${order.status}: a line is substituted before the order is ready.`);
    const line = linesOf(tx, order.id).find((l) => l.lineNumber === input.lineNumber);
    if (line === undefined) throw new AppError('ORDER_LINE_NOT_FOUND', `This order has no line ${input.lineNumber}.`);
    if (pickedOf(tx, line.id) > 0)
      throw new AppError('ORDER_SUBSTITUTE_PICKED', `${line.name} is already being picked: substitute only a line nothing was scanned for.`);
    const sku = input.sku.trim().toUpperCase();
    const product = tx
      .select()
      .from(products)
      .where(and(eq(products.storeId, input.storeId), eq(products.sku, sku)))
      .get();
    if (product === undefined || !product.active)
      throw new AppError('ORDER_PRODUCT_UNKNOWN', `“${sku}” is not a product on sale in this store: look the substitute up by its SKU.`);
    if (product.sellingMode !== 'each')
      throw new AppError('ORDER_PRODUCT_NOT_PACKAGED', `“${product.name}” is sold by weight: online orders take packaged goods only.`);
    if (product.id === line.productId || (line.productId === null && product.sku === line.productRef))
      throw new AppError('ORDER_SUBSTITUTE_SAME', `${product.name} is what the customer ordered: choose a different product.`);
    if (order.cartId !== null) {
      const pick = pickPackageFifo(tx, product.id, line.quantity, order.cartId);
      if (pick === null)
        throw new AppError(
          'ORDER_OUT_OF_STOCK',
          `Not enough ${product.name} to hold ${line.quantity} for this order: reject it, or substitute with the customer's agreement.`,
        );
      tx.update(cartLines)
        .set({ productId: product.id, packageTag: pick.tag })
        .where(and(eq(cartLines.cartId, order.cartId), eq(cartLines.lineNumber, line.lineNumber)))
        .run();
      // A held order counts the substitute against its customer's day from now on.
      const [changed] = orderLimitLines(tx, [{ id: line.id, productId: product.id, quantity: line.quantity }]);
      if (changed !== undefined) changeHeldOrderLine(tx, order.cartId, line.id, changed);
    }
    tx.update(onlineOrderLines).set({ productId: product.id, name: product.name }).where(eq(onlineOrderLines.id, line.id)).run();
    const note = input.note?.trim() ?? '';
    tx.insert(onlineOrderSubstitutions)
      .values({
        id: randomUUID(),
        lineId: line.id,
        fromName: line.name,
        fromProductId: line.productId,
        toProductId: product.id,
        toName: product.name,
        agreedVia: input.agreedVia,
        note: note === '' ? null : note,
        at: input.now,
        staffId: input.staffId,
      })
      .run();
    tx.update(onlineOrders).set({ updatedAt: input.now }).where(eq(onlineOrders.id, order.id)).run();
    appendAudit(tx, {
      at: input.now,
      staffId: input.staffId,
      terminalId: input.terminalId,
      action: 'online_order.substitute',
      entityType: 'online_order',
      entityId: order.id,
      before: { line: line.lineNumber, name: line.name },
      after: { line: line.lineNumber, name: product.name, agreedVia: input.agreedVia },
    });
    return { lineId: line.id };
  });
}

/** The substitutions recorded on an order's lines, oldest first. */
export function substitutionsOf(db: RegisterDb, lineIds: readonly string[]) {
  if (lineIds.length === 0) return [];
  return db.select().from(onlineOrderSubstitutions).where(inArray(onlineOrderSubstitutions.lineId, lineIds)).orderBy(asc(onlineOrderSubstitutions.at)).all();
}

/** Everything picked: the cart now holds exactly the packages scanned, and "ready" goes to the platform. */
export function markReady(db: RegisterDb, input: Actor & { readonly orderId: string }): void {
  writeTransaction(db, (tx) => {
    const order = requireOrder(tx, input.orderId);
    if (order.status !== 'picking') throw new AppError('ORDER_NOT_PICKING', `This order is ${order.status}: pick it before marking it ready.`);
    const lines = linesOf(tx, order.id);
    const short = lines.filter((l) => pickedOf(tx, l.id) < l.quantity);
    if (short.length > 0)
      throw new AppError('ORDER_NOT_PICKED', `Still to pick: ${short.map((l) => `${l.name} (${l.quantity - pickedOf(tx, l.id)})`).join(', ')}.`);
    const cartId = order.cartId ?? '';
    tx.delete(cartLines).where(eq(cartLines.cartId, cartId)).run();
    let lineNumber = 0;
    for (const line of lines) {
      const picks = tx
        .select({ tag: onlineOrderPicks.packageTag, q: sql<number>`sum(${onlineOrderPicks.quantity})` })
        .from(onlineOrderPicks)
        .where(eq(onlineOrderPicks.lineId, line.id))
        .groupBy(onlineOrderPicks.packageTag)
        .orderBy(asc(onlineOrderPicks.packageTag))
        .all();
      for (const pick of picks)
        tx.insert(cartLines)
          .values({ id: randomUUID(), cartId, lineNumber: (lineNumber += 1), productId: line.productId ?? '', packageTag: pick.tag, quantity: pick.q })
          .run();
    }
    tx.update(onlineOrders).set({ status: 'ready', updatedAt: input.now }).where(eq(onlineOrders.id, order.id)).run();
    queueStatus(tx, order, 'ready', null, input.now);
  });
}

/**
 * The order is ready: its customer gets one text saying so, when the
 * platform lets the store text them (never Leafly, which tells its own
 * customers on the status change) and a number came with the order. The
 * SMS lane decides the rest (consent, STOP, hours, cap) when it sends.
 */
export function textOrderReady(db: RegisterDb, keys: PiiKeys, orderId: string, now: Date): { queued: boolean; reason: string } {
  const order = db.select().from(onlineOrders).where(eq(onlineOrders.id, orderId)).get();
  if (order === undefined || order.status !== 'ready') return { queued: false, reason: 'not ready' };
  if (!platformAllowsCustomerTexts(order.platform)) return { queued: false, reason: `${order.platform} tells its own customers` };
  if (order.customerPhoneSealed === null) return { queued: false, reason: 'no number came with the order' };
  const store = db.select({ name: stores.name, state: stores.state, timeZone: stores.timeZone }).from(stores).get();
  const result = queueText(
    db,
    keys,
    {
      phone: decryptField(keys.encryption, ORDER_PHONE_COLUMN, order.customerPhoneSealed),
      kind: 'transactional',
      orderPlatform: order.platform,
      // The customer's own zone is not known from the order: the store's, where they pick up.
      recipient: { timeZone: store?.timeZone ?? 'UTC', state: store?.state ?? null },
      body: `${store?.name ?? 'Your dispensary'}: your order ${order.platformOrderId} is ready for pickup. Reply STOP to opt out.`,
    },
    (text) => {
      const findings = findMedicalClaims(text);
      if (findings.length > 0) throw new AppError('MEDICAL_CLAIM', `This text makes a medical claim: ${describeClaims(findings)}.`);
    },
    now,
  );
  return result.queued ? { queued: true, reason: 'queued' } : result;
}

/**
 * The customer is at the counter: the order's cart is resumed at this till,
 * and the counter's own path takes over (check-in with ID, limits at this
 * moment, payment, receipt, Metrc). The order completes when that sale does.
 */
export function startHandover(db: RegisterDb, input: Actor & { readonly orderId: string }): { cartId: string } {
  return writeTransaction(db, (tx) => {
    const order = requireOrder(tx, input.orderId);
    if (order.status !== 'ready' || order.cartId === null)
      throw new AppError('ORDER_NOT_READY', `This order is ${order.status}: it is handed over once ready.`);
    const cart = tx.select({ status: carts.status }).from(carts).where(eq(carts.id, order.cartId)).get();
    if (cart?.status === 'parked') resumeCart(tx, order.cartId, input.terminalId, input.now);
    return { cartId: order.cartId };
  });
}

/**
 * The order queue's clock, run with every pull: an order whose sale was
 * completed is completed (picked up, told to the platform); one whose cart
 * was released elsewhere, or not handed over by its pickup time, expires and
 * releases everything (cancelled as not picked up).
 */
export function settleOrders(db: RegisterDb, now: Date): { completed: number; expired: number } {
  return writeTransaction(db, (tx) => {
    let completed = 0;
    let expired = 0;
    const active = tx
      .select({ order: onlineOrders, cartStatus: carts.status })
      .from(onlineOrders)
      .leftJoin(carts, eq(carts.id, onlineOrders.cartId))
      .where(inArray(onlineOrders.status, ['accepted', 'picking', 'ready']))
      .all();
    for (const { order, cartStatus } of active) {
      if (cartStatus === 'completed') {
        tx.update(onlineOrders).set({ status: 'completed', updatedAt: now }).where(eq(onlineOrders.id, order.id)).run();
        queueStatus(tx, order, 'picked_up', null, now);
        completed += 1;
      } else if (cartStatus === 'abandoned' || (order.pickupBy !== null && order.pickupBy < now && cartStatus !== 'open')) {
        end(tx, order, 'expired', cartStatus === 'abandoned' ? 'its cart was released' : 'not picked up in time', 'not_picked_up', null, now);
        expired += 1;
      }
    }
    return { completed, expired };
  });
}

export function listOrders(db: RegisterDb): Array<OnlineOrder & { lines: Array<typeof onlineOrderLines.$inferSelect & { pickedCount: number }> }> {
  return db
    .select()
    .from(onlineOrders)
    .orderBy(asc(onlineOrders.receivedAt))
    .all()
    .map((order) => ({ ...order, lines: linesOf(db, order.id).map((l) => ({ ...l, pickedCount: pickedOf(db, l.id) })) }));
}

/** New orders past their accept-by time: for the counter's timer and the staff alert. */
export function overdueOrders(db: RegisterDb, now: Date): OnlineOrder[] {
  return db
    .select()
    .from(onlineOrders)
    .where(and(eq(onlineOrders.status, 'new'), lt(onlineOrders.acceptBy, now)))
    .all();
}

const isActive = (status: string) => status === 'new' || status === 'accepted' || status === 'picking' || status === 'ready';

function end(
  tx: RegisterTx,
  order: OnlineOrder,
  status: 'cancelled' | 'expired',
  reason: string,
  tellPlatform: CancelReason | null,
  actor: Actor | null,
  now: Date,
): void {
  if (order.cartId !== null) {
    // The limits held for the order's customer go with its stock, in this transaction.
    releaseOrderHold(tx, order.cartId);
    const released = tx
      .update(carts)
      .set({ status: 'abandoned', updatedAt: now })
      .where(and(eq(carts.id, order.cartId), inArray(carts.status, ['open', 'parked'])))
      .run();
    if (released.changes > 0)
      appendAudit(tx, {
        at: now,
        staffId: actor?.staffId ?? null,
        terminalId: actor?.terminalId ?? null,
        action: 'cart.release',
        entityType: 'cart',
        entityId: order.cartId,
        after: { reason: `online order ${status}: ${reason}` },
      });
  }
  tx.update(onlineOrders).set({ status, endReason: reason, updatedAt: now }).where(eq(onlineOrders.id, order.id)).run();
  if (tellPlatform !== null) queueStatus(tx, order, 'canceled', tellPlatform, now);
  appendAudit(tx, {
    at: now,
    staffId: actor?.staffId ?? null,
    terminalId: actor?.terminalId ?? null,
    action: `online_order.${status}`,
    entityType: 'online_order',
    entityId: order.id,
    after: { reason },
  });
}

function queueStatus(tx: RegisterTx, order: OnlineOrder, status: PlatformStatus, cancelReason: CancelReason | null, now: Date): void {
  const statusId = `${order.id}:${status}`;
  tx.insert(outbox)
    .values({
      destination: ORDERS_LANE,
      kind: 'order.status',
      aggregateId: order.id,
      payload: { statusId, connectionId: order.connectionId, orderId: order.platformOrderId, status, cancelReason },
      nextAttemptAt: now,
      createdAt: now,
      updatedAt: now,
    })
    .run();
}

function requireOrder(tx: RegisterTx, orderId: string): OnlineOrder {
  const order = tx.select().from(onlineOrders).where(eq(onlineOrders.id, orderId)).get();
  if (order === undefined) throw new AppError('ORDER_NOT_FOUND', 'That online order is not in this register’s queue.');
  return order;
}

function orderByPlatformId(tx: RegisterTx, connectionId: string, platformOrderId: string): OnlineOrder | undefined {
  return tx
    .select()
    .from(onlineOrders)
    .where(and(eq(onlineOrders.connectionId, connectionId), eq(onlineOrders.platformOrderId, platformOrderId)))
    .get();
}

function linesOf(db: RegisterDb | RegisterTx, orderId: string) {
  return db.select().from(onlineOrderLines).where(eq(onlineOrderLines.orderId, orderId)).orderBy(asc(onlineOrderLines.lineNumber)).all();
}

function pickedOf(db: RegisterDb | RegisterTx, lineId: string): number {
  return (
    db
      .select({ q: sql<number>`coalesce(sum(${onlineOrderPicks.quantity}), 0)` })
      .from(onlineOrderPicks)
      .where(eq(onlineOrderPicks.lineId, lineId))
      .get()?.q ?? 0
  );
}
