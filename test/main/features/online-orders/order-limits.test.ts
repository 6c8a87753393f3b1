import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEMO_STORE_ID, DEMO_TERMINAL_ID, demoPackageTag } from '../../../../src/main/features/demo/seed';
import {
  acceptOrder,
  applyRelayEvents,
  markReady,
  PICKUP_WINDOW_MS,
  pickScan,
  rejectOrder,
  settleOrders,
  startHandover,
  substituteLine,
} from '../../../../src/main/features/online-orders/queue';
import type { RelayEvent } from '../../../../src/shared/contract/relay';
import { registerAtTheCounter, type Counter } from '../../../support/register';
import { checkInSaved } from '../../../support/check-in';
import { value } from '../../../support/result';
import { AppError } from '../../../../src/shared/errors';

/**
 * Limits held at accept (issue #21): an order no one may buy in a store day
 * is refused; an order linked to a customer holds its goods in the limit
 * ledger for that person's day, so a counter sale to them that day counts
 * it; rejection, cancellation and expiry release the hold in their own
 * transaction, and the handover's sale replaces it (counted once).
 * California: 28.5 g of flower a day for adult use, 8 oz for a patient.
 */

let counter: Counter;
beforeEach(async () => {
  counter = await registerAtTheCounter({ drawerTwenties: 20 });
});
afterEach(() => counter.dispose());

const db = () => counter.database.db;
const now = () => counter.clock.now;
const actor = () => ({ terminalId: DEMO_TERMINAL_ID, staffId: null, now: now() });
const JORDAN = 'customer-demo-adult';
const BLUE_DREAM_7G = 'GT-0002';
const BLUE_DREAM_35_TAG = demoPackageTag(1);
const BLUE_DREAM_7G_TAG = demoPackageTag(3);
let cursor = 0;

/** An order from the store's own menu, entered in the queue as a pull would: its queue id. */
function orderArrives(items: Array<{ sku: string; quantity: number }>, kind: 'submit' | 'cancel' = 'submit', platformOrderId = `G-${++cursor}`): string {
  const event: RelayEvent = {
    cursor: ++cursor,
    connectionId: 'conn-1',
    platform: 'greentill',
    orderId: platformOrderId,
    eventId: `evt-${cursor}`,
    kind,
    order:
      kind === 'cancel'
        ? null
        : {
            customerName: 'Jordan R.',
            pickupAt: null,
            items: items.map((i) => ({ productRef: i.sku, name: i.sku, quantity: i.quantity, unitPriceCents: 3500 })),
          },
    status: null,
    cancelReason: kind === 'cancel' ? 'customer' : null,
    receivedAt: now().toISOString(),
  } as RelayEvent;
  applyRelayEvents(db(), 'relay', [event], cursor, now());
  const row = counter.database.sqlite.prepare('SELECT id FROM online_orders WHERE platform_order_id = ?').get(platformOrderId) as { id: string } | undefined;
  if (row === undefined) throw new Error('order not entered');
  return row.id;
}

/** The typed error a call throws (fails the test when it returns). */
function thrown(call: () => unknown): AppError {
  try {
    call();
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error('Expected a refusal, but the call succeeded.');
}

const held = () =>
  counter.database.sqlite
    .prepare("SELECT customer_id AS customerId, category, net_weight_mg AS mg, quantity FROM limit_ledger WHERE kind = 'order_hold'")
    .all();
/** Jordan's flower on today's ledger, in mg, by kind. */
const ledgerOfJordan = () =>
  counter.database.sqlite
    .prepare('SELECT kind, sum(net_weight_mg * quantity) AS mg FROM limit_ledger WHERE customer_id = ? GROUP BY kind ORDER BY kind')
    .all(JORDAN);

/** A counter sale to Jordan of one Blue Dream 3.5 g: its answer. */
async function counterSaleToJordan() {
  const { core } = counter;
  const { cartId } = value(await core.send('cart-open', {}));
  value(await core.send('cart-scan', { cartId, code: BLUE_DREAM_35_TAG }));
  await checkInSaved(core, counter.database, cartId, JORDAN);
  return core.send('sale-complete', { cartId, tenders: [{ tender: 'cash', tenderedCents: 10_000 }] });
}

describe('limits held at accept', () => {
  it('refuses an order no one may buy in a store day, naming the bucket and the amounts, and writes nothing', async () => {
    // 9 × 28 g = 252 g: over the patient's 8 oz (226.8 g) as well as the adult's 28.5 g.
    const id = orderArrives([{ sku: 'GT-0009', quantity: 9 }]);
    const error = thrown(() => acceptOrder(db(), { ...actor(), orderId: id, storeId: DEMO_STORE_ID }));
    expect(error.code).toBe('ORDER_OVER_LIMIT');
    expect(error.message).toMatch(/^No one may buy this order in one store day: Over the daily flower limit by .+: 252(\.0+)? g of 226\.\d+ g/);
    expect(error.details).toMatchObject({ bucket: 'flower', attempted: 252_000, unit: 'mg' });
    expect(counter.database.sqlite.prepare('SELECT status, cart_id FROM online_orders WHERE id = ?').get(id)).toEqual({ status: 'new', cart_id: null });
    expect(counter.database.sqlite.prepare('SELECT count(*) AS n FROM carts').get()).toEqual({ n: 0 });
  });

  it('accepts an order over the adult-use limit but within a patient’s (someone may lawfully buy it)', () => {
    const id = orderArrives([{ sku: 'GT-0009', quantity: 2 }]); // 56 g
    expect(acceptOrder(db(), { ...actor(), orderId: id, storeId: DEMO_STORE_ID }).cartId).toEqual(expect.any(String));
    expect(held()).toEqual([]); // not linked to anyone: nothing on the ledger
  });

  it('holds a linked order against the customer’s day: a counter sale to them that day is limited by it', async () => {
    const id = orderArrives([{ sku: BLUE_DREAM_7G, quantity: 4 }]); // 28 g of 28.5 g
    acceptOrder(db(), { ...actor(), orderId: id, storeId: DEMO_STORE_ID, customerId: JORDAN });
    expect(held()).toEqual([{ customerId: JORDAN, category: 'flower', mg: 7000, quantity: 4 }]);
    const refused = await counterSaleToJordan();
    expect(refused).toMatchObject({ ok: false, error: { code: 'COMPLIANCE_BLOCKED', message: expect.stringMatching(/daily flower limit/) } });
  });

  it('refuses to link an order the customer could no longer take today, and an unknown customer', async () => {
    value(await counterSaleToJordan()); // 3.5 g bought at the counter
    const id = orderArrives([{ sku: BLUE_DREAM_7G, quantity: 4 }]); // + 28 g > 28.5 g
    const over = thrown(() => acceptOrder(db(), { ...actor(), orderId: id, storeId: DEMO_STORE_ID, customerId: JORDAN }));
    expect(over.code).toBe('ORDER_CUSTOMER_OVER_LIMIT');
    expect(over.details).toMatchObject({ bucket: 'flower', attempted: 31_500, limit: 28_500 });
    const unknown = thrown(() => acceptOrder(db(), { ...actor(), orderId: id, storeId: DEMO_STORE_ID, customerId: 'nobody' }));
    expect(unknown.code).toBe('ORDER_CUSTOMER_UNKNOWN');
    expect(held()).toEqual([]);
    expect(counter.database.sqlite.prepare('SELECT status FROM online_orders WHERE id = ?').get(id)).toEqual({ status: 'new' });
  });

  it('releases the hold when the store rejects the order: the counter sale then goes through', async () => {
    const id = orderArrives([{ sku: BLUE_DREAM_7G, quantity: 4 }]);
    acceptOrder(db(), { ...actor(), orderId: id, storeId: DEMO_STORE_ID, customerId: JORDAN });
    rejectOrder(db(), { ...actor(), orderId: id, reason: 'Customer asked by phone' });
    expect(held()).toEqual([]);
    value(await counterSaleToJordan());
  });

  it('releases the hold when the customer cancels on the platform', async () => {
    const id = orderArrives([{ sku: BLUE_DREAM_7G, quantity: 4 }], 'submit', 'G-cancelled');
    acceptOrder(db(), { ...actor(), orderId: id, storeId: DEMO_STORE_ID, customerId: JORDAN });
    expect(held()).toHaveLength(1);
    orderArrives([], 'cancel', 'G-cancelled');
    expect(counter.database.sqlite.prepare('SELECT status FROM online_orders WHERE id = ?').get(id)).toEqual({ status: 'cancelled' });
    expect(held()).toEqual([]);
    value(await counterSaleToJordan());
  });

  it('releases the hold when the order expires unclaimed', () => {
    const id = orderArrives([{ sku: BLUE_DREAM_7G, quantity: 4 }]);
    acceptOrder(db(), { ...actor(), orderId: id, storeId: DEMO_STORE_ID, customerId: JORDAN });
    counter.clock.now = new Date(now().getTime() + PICKUP_WINDOW_MS - 60_000);
    expect(settleOrders(db(), now()).expired).toBe(0);
    expect(held()).toHaveLength(1);
    counter.clock.now = new Date(now().getTime() + 2 * 60_000);
    expect(settleOrders(db(), now()).expired).toBe(1);
    expect(held()).toEqual([]);
  });

  it('hands the order over counting it once: the hold becomes the sale’s rows in the sale’s transaction', async () => {
    const { core } = counter;
    // 28 g of 28.5 g: counted twice (held + sold) it would be refused at its own handover.
    const id = orderArrives([{ sku: BLUE_DREAM_7G, quantity: 4 }]);
    acceptOrder(db(), { ...actor(), orderId: id, storeId: DEMO_STORE_ID, customerId: JORDAN });
    for (let i = 0; i < 4; i += 1) pickScan(db(), { ...actor(), orderId: id, tag: BLUE_DREAM_7G_TAG });
    markReady(db(), { ...actor(), orderId: id });
    const { cartId } = startHandover(db(), { ...actor(), orderId: id });
    await checkInSaved(core, counter.database, cartId, JORDAN);
    // The meter, like the gate, sees the order once.
    const meter = value(await core.send('cart-limits', { cartId }));
    expect(meter.buckets.find((b) => b.bucket === 'flower')).toMatchObject({ prior: { num: 0 }, cart: { num: 28_000, den: 1 }, over: false });
    value(await core.send('sale-complete', { cartId, tenders: [{ tender: 'cash', tenderedCents: 50_000 }] }));
    expect(ledgerOfJordan()).toEqual([{ kind: 'sale', mg: 28_000 }]);
    expect(settleOrders(db(), now()).completed).toBe(1);
    expect(ledgerOfJordan()).toEqual([{ kind: 'sale', mg: 28_000 }]);
    // And the sold order still limits a counter sale that day.
    expect(await counterSaleToJordan()).toMatchObject({ ok: false, error: { code: 'COMPLIANCE_BLOCKED' } });
  });

  it('links the customer through the register’s command, and refuses over the limit with the command’s typed error', async () => {
    const { core } = counter;
    const over = orderArrives([{ sku: 'GT-0009', quantity: 9 }]);
    expect(await core.send('online-order-accept', { orderId: over })).toMatchObject({ ok: false, error: { code: 'ORDER_OVER_LIMIT' } });
    const id = orderArrives([{ sku: BLUE_DREAM_7G, quantity: 1 }]);
    const queue = value(await core.send('online-order-accept', { orderId: id, customerId: JORDAN }));
    expect(queue.orders.find((o) => o.id === id)).toMatchObject({ status: 'accepted', limitsHeldFor: 'Jordan Rivera' });
    expect(held()).toEqual([{ customerId: JORDAN, category: 'flower', mg: 7000, quantity: 1 }]);
  });

  it('moves the hold to a substitute agreed with the customer', () => {
    const id = orderArrives([{ sku: BLUE_DREAM_7G, quantity: 2 }]);
    acceptOrder(db(), { ...actor(), orderId: id, storeId: DEMO_STORE_ID, customerId: JORDAN });
    substituteLine(db(), { ...actor(), orderId: id, lineNumber: 1, sku: 'GT-0001', storeId: DEMO_STORE_ID, agreedVia: 'phone', note: null });
    expect(held()).toEqual([{ customerId: JORDAN, category: 'flower', mg: 3500, quantity: 2 }]);
  });
});
