import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DEMO_STORE_ID, DEMO_TERMINAL_ID, demoPackageTag } from '../../../../src/main/features/demo/seed';
import { heldElsewhere } from '../../../../src/main/features/checkout/stock';
import { claimBatch, settleBatch } from '../../../../src/main/features/sync/outbox';
import { ORDERS_LANE, SMS_LANE } from '../../../../src/main/features/sync/lanes';
import { SmsLane } from '../../../../src/main/features/notifications/sms-lane';
import { signGreentillWebhook } from '../../../../src/relay/features/platforms';
import { testPiiKeys } from '../../../support/temp-db';
import { RelayClient } from '../../../../src/main/features/online-orders/relay-client';
import { RelayOrdersLane } from '../../../../src/main/features/online-orders/relay-lane';
import { pullOrders } from '../../../../src/main/features/online-orders/order-feed';
import { acceptOrder, listOrders, markReady, PICKUP_WINDOW_MS, pickScan, rejectOrder, startHandover } from '../../../../src/main/features/online-orders/queue';
import { startTestPostgres, type TestPostgres } from '../../../support/postgres';
import { startFakeLeafly, type FakeLeafly } from '../../../support/fake-marketplaces/leafly';
import { connectStore, startTestRelay } from '../../../relay/support';
import { registerAtTheCounter, type Counter } from '../../../support/register';
import { checkInSaved } from '../../../support/check-in';
import { signIn } from '../../../support/session';
import { rejection, value } from '../../../support/result';
import type { Relay } from '../../../../src/relay/app';

/**
 * The order queue at the counter (issue #21) against a real relay and the
 * fake Leafly: orders pulled once, accepted into a parked cart that holds
 * the stock, picked by scanning package tags, ready, handed over through
 * the counter's own check-in and sale, and every status sent back through
 * the outbox. Rejection, cancellation on the platform and expiry each
 * release the held stock.
 */

let pg: TestPostgres;
let relay: Relay & { dispose(): Promise<void> };
let leafly: FakeLeafly;
let client: RelayClient;
let credential: string;
let greentillPath: string;
const GREENTILL_SECRET = 'store-menu-webhook-secret-1';
let counter: Counter;

// Demo products 1 and 2 (GT-0001, GT-0002): two packages each, the older (24 units) first.
const SKU = 'GT-0001';
const OLDER = demoPackageTag(1);
const NEWER = demoPackageTag(2);
const OTHER_PRODUCT_TAG = demoPackageTag(3);
const JORDAN = 'customer-demo-adult';

beforeAll(async () => {
  pg = await startTestPostgres();
  relay = await startTestRelay(pg);
  leafly = await startFakeLeafly({ retryMs: 50 });
  const store = await connectStore(relay.database.db, {
    leafly: { secret: leafly.secret, apiBase: leafly.url, apiKey: leafly.key },
    greentill: { secret: GREENTILL_SECRET },
  });
  greentillPath = store.connections.greentill!.webhookPath;
  leafly.setWebhookUrl(`${relay.url}${store.connections.leafly!.webhookPath}`);
  credential = store.credential;
  client = new RelayClient({ url: relay.url, credential });
}, 60_000);
afterAll(async () => {
  await leafly?.close();
  await relay?.dispose();
  pg?.stop();
});
beforeEach(async () => {
  counter = await registerAtTheCounter({ drawerTwenties: 20 });
});
afterEach(() => counter.dispose());

const db = () => counter.database.db;
const now = () => counter.clock.now;
const actor = () => ({ terminalId: DEMO_TERMINAL_ID, staffId: null, now: now() });
const held = (tag: string) => heldElsewhere(db(), tag, null);
let orders = 0;

/** A Leafly order for `quantity` of GT-0001, delivered twice, pulled into the queue; its queue id. */
async function orderArrives(quantity = 2): Promise<{ id: string; leaflyId: string }> {
  const leaflyId = `L-${process.pid}-${++orders}`;
  leafly.delivery.duplicate = true;
  leafly.submit(leaflyId, [{ menu_item_id: SKU, name: 'Blue Dream 3.5 g', quantity, price: 3500 }]);
  await leafly.delivery.settled();
  await pullOrders(db(), client, now);
  await pullOrders(db(), client, now);
  const order = listOrders(db()).find((o) => o.platformOrderId === leaflyId);
  if (order === undefined) throw new Error('order not pulled');
  return { id: order.id, leaflyId };
}

/** Runs the orders lane until it is empty, as the sync service would. */
async function deliverStatuses(): Promise<void> {
  const lane = new RelayOrdersLane(() => client);
  for (;;) {
    const items = claimBatch(db(), ORDERS_LANE, 50, now());
    if (items.length === 0) return;
    settleBatch(db(), ORDERS_LANE, await lane.deliver(items), () => 0, now());
  }
}

const partnerStatuses = async (leaflyId: string, last: string) => {
  for (let i = 0; i < 200 && leafly.orders.get(leaflyId)!.status !== last; i += 1) await new Promise((r) => setTimeout(r, 50));
  return leafly.orders
    .get(leaflyId)!
    .history.filter((h) => h.by === 'partner')
    .map((h) => (h.status === 'canceled' ? `canceled:${leafly.orders.get(leaflyId)!.cancelReason}` : h.status));
};

describe('the order queue', () => {
  it('takes an order once, holds its stock, picks by scan (a wrong tag named), and hands it over through the counter’s sale', async () => {
    const { id, leaflyId } = await orderArrives(2);
    expect(listOrders(db()).filter((o) => o.platformOrderId === leaflyId)).toHaveLength(1);
    expect(listOrders(db())[0]).toMatchObject({ status: 'new', customerName: 'Pat Q.' });

    const { cartId } = acceptOrder(db(), { ...actor(), orderId: id, storeId: DEMO_STORE_ID });
    expect(held(OLDER)).toBe(2); // held FIFO, as a scan would

    const wrong = await rejection(Promise.resolve().then(() => pickScan(db(), { ...actor(), orderId: id, tag: OTHER_PRODUCT_TAG })));
    expect(wrong.code).toBe('ORDER_PICK_WRONG_PRODUCT');
    expect(wrong.message).toMatch(/Wrong package: …\d{6} is .+, which this order does not have\. Still to pick: Blue Dream 3\.5 g\./);
    expect((await rejection(Promise.resolve().then(() => markReady(db(), { ...actor(), orderId: id })))).code).toBe('ORDER_NOT_PICKING');
    expect(pickScan(db(), { ...actor(), orderId: id, tag: NEWER })).toMatchObject({ picked: 1, of: 2 });
    expect((await rejection(Promise.resolve().then(() => markReady(db(), { ...actor(), orderId: id })))).message).toBe('Still to pick: Blue Dream 3.5 g (1).');
    expect(pickScan(db(), { ...actor(), orderId: id, tag: NEWER })).toMatchObject({ picked: 2, of: 2 });
    expect((await rejection(Promise.resolve().then(() => pickScan(db(), { ...actor(), orderId: id, tag: OLDER })))).code).toBe('ORDER_PICK_ALREADY_COMPLETE');
    markReady(db(), { ...actor(), orderId: id });
    // The cart now holds what was picked.
    expect([held(OLDER), held(NEWER)]).toEqual([0, 2]);

    expect(startHandover(db(), { ...actor(), orderId: id })).toEqual({ cartId });
    await checkInSaved(counter.core, counter.database, cartId, JORDAN);
    value(await counter.core.send('sale-complete', { cartId, tenders: [{ tender: 'cash', tenderedCents: 100_000 }] }));
    expect((await pullOrders(db(), client, now)).completed).toBe(1);
    expect(listOrders(db()).find((o) => o.id === id)?.status).toBe('completed');
    await deliverStatuses();
    expect(await partnerStatuses(leaflyId, 'picked_up')).toEqual(['confirmed', 'ready', 'picked_up']);
  });

  it('releases the held stock when the store rejects the order, with a reason', async () => {
    const { id, leaflyId } = await orderArrives(3);
    acceptOrder(db(), { ...actor(), orderId: id, storeId: DEMO_STORE_ID });
    expect(held(OLDER)).toBe(3);
    expect((await rejection(Promise.resolve().then(() => rejectOrder(db(), { ...actor(), orderId: id, reason: '  ' })))).code).toBe('ORDER_REJECT_REASON');
    expect(held(OLDER)).toBe(3);
    rejectOrder(db(), { ...actor(), orderId: id, reason: 'Customer asked by phone' });
    expect(held(OLDER)).toBe(0);
    expect(listOrders(db()).find((o) => o.id === id)).toMatchObject({ status: 'cancelled', endReason: 'rejected: Customer asked by phone' });
    await deliverStatuses();
    expect(await partnerStatuses(leaflyId, 'canceled')).toEqual(['confirmed', 'canceled:dispensary']);
  });

  it('releases the held stock when the customer cancels on the platform (and sends nothing back for it)', async () => {
    const { id, leaflyId } = await orderArrives(4);
    acceptOrder(db(), { ...actor(), orderId: id, storeId: DEMO_STORE_ID });
    await deliverStatuses();
    expect(await partnerStatuses(leaflyId, 'confirmed')).toEqual(['confirmed']);
    expect(held(OLDER)).toBe(4);
    leafly.cancelByCustomer(leaflyId);
    await leafly.delivery.settled();
    expect((await pullOrders(db(), client, now)).cancelled).toBe(1);
    expect(held(OLDER)).toBe(0);
    expect(listOrders(db()).find((o) => o.id === id)).toMatchObject({ status: 'cancelled', endReason: 'cancelled on leafly (customer)' });
    await deliverStatuses();
    expect(leafly.orders.get(leaflyId)!.refused).toEqual([]);
    expect(leafly.orders.get(leaflyId)!.history.map((h) => `${h.by}:${h.status}`)).toEqual(['leafly:pending', 'partner:confirmed', 'leafly:canceled']);
  });

  it('expires an order nobody picks up, releasing its stock and telling the platform', async () => {
    const { id, leaflyId } = await orderArrives(5);
    acceptOrder(db(), { ...actor(), orderId: id, storeId: DEMO_STORE_ID });
    expect(held(OLDER)).toBe(5);
    counter.clock.now = new Date(now().getTime() + PICKUP_WINDOW_MS - 60_000);
    expect((await pullOrders(db(), client, now)).expired).toBe(0);
    counter.clock.now = new Date(now().getTime() + 2 * 60_000);
    expect((await pullOrders(db(), client, now)).expired).toBe(1);
    expect(held(OLDER)).toBe(0);
    expect(listOrders(db()).find((o) => o.id === id)).toMatchObject({ status: 'expired', endReason: 'not picked up in time' });
    await deliverStatuses();
    expect(await partnerStatuses(leaflyId, 'canceled')).toEqual(['confirmed', 'canceled:not_picked_up']);
  });

  it('keeps working offline: a pull that cannot reach the relay says why and keeps its cursor', async () => {
    await orderArrives(1);
    const before = listOrders(db()).length;
    const offline = new RelayClient({ url: 'http://127.0.0.1:9', credential: 'x' }, 1000);
    const pass = await pullOrders(db(), offline, now);
    expect(pass.error).toMatch(/cannot be reached/);
    expect(listOrders(db())).toHaveLength(before);
    expect((await pullOrders(db(), client, now)).pulled).toBe(0);
  });

  it('substitutes a line not yet picked, with how the customer agreed: the hold moves to the substitute', async () => {
    const { core } = counter;
    await signIn(core, 'budtender');
    const { id } = await orderArrives(2);
    value(await core.send('online-order-accept', { orderId: id }));
    expect(held(OLDER)).toBe(2);
    const substitute = (sku: string) => core.send('online-order-substitute', { orderId: id, lineNumber: 1, sku, agreedVia: 'phone', note: 'Pat said yes' });
    expect(await substitute(SKU)).toMatchObject({ ok: false, error: { code: 'ORDER_SUBSTITUTE_SAME' } });
    expect(await substitute('GT-9999')).toMatchObject({ ok: false, error: { code: 'ORDER_PRODUCT_UNKNOWN' } });
    expect(await core.send('online-order-substitute', { orderId: id, lineNumber: 7, sku: 'GT-0002', agreedVia: 'phone', note: null })).toMatchObject({
      ok: false,
      error: { code: 'ORDER_LINE_NOT_FOUND' },
    });
    expect(held(OLDER)).toBe(2); // refused substitutions change nothing

    const queue = value(await substitute('gt-0002'));
    const line = queue.orders.find((o) => o.id === id)!.lines[0]!;
    expect(line).toMatchObject({
      productRef: SKU,
      quantity: 2,
      picked: 0,
      substitutedFrom: { name: 'Blue Dream 3.5 g', agreedVia: 'phone', note: 'Pat said yes' },
    });
    expect(line.name).not.toBe('Blue Dream 3.5 g');
    expect([held(OLDER), held(OTHER_PRODUCT_TAG)]).toEqual([0, 2]);

    // Picking now wants the substitute: the original product's package is the wrong one.
    expect(await core.send('online-order-pick', { orderId: id, tag: OLDER })).toMatchObject({ ok: false, error: { code: 'ORDER_PICK_WRONG_PRODUCT' } });
    value(await core.send('online-order-pick', { orderId: id, tag: OTHER_PRODUCT_TAG }));
    expect(await substitute(SKU)).toMatchObject({ ok: false, error: { code: 'ORDER_SUBSTITUTE_PICKED' } });
    value(await core.send('online-order-pick', { orderId: id, tag: OTHER_PRODUCT_TAG }));
    value(await core.send('online-order-ready', { orderId: id }));
    const { cartId } = value(await core.send('online-order-handover', { orderId: id }));
    expect(value(await core.send('cart-get', { cartId })).lines).toMatchObject([{ packageTag: OTHER_PRODUCT_TAG, quantity: 2 }]);
    expect(counter.database.sqlite.prepare('SELECT agreed_via, from_name FROM online_order_substitutions').all()).toEqual([
      { agreed_via: 'phone', from_name: 'Blue Dream 3.5 g' },
    ]);
  });

  it('runs through the register’s commands: connect the relay (credential sealed), pull, accept, pick (wrong tag named), ready, hand over', async () => {
    const { core } = counter;
    await signIn(core, 'admin'); // the relay's credential is an admin's to set, like Metrc's
    expect(await core.send('online-orders-connect', { url: 'http://relay.example.com', credential })).toMatchObject({
      ok: false,
      error: { code: 'RELAY_LINK_INVALID' },
    });
    const connected = value(await core.send('online-orders-connect', { url: relay.url, credential }));
    expect(connected.relay?.url).toBe(relay.url);
    expect(JSON.stringify(counter.database.sqlite.prepare('SELECT * FROM online_order_relay').all())).not.toContain(credential);
    const leaflyId = `L-${process.pid}-${++orders}`;
    leafly.submit(leaflyId, [{ menu_item_id: SKU, name: 'Blue Dream 3.5 g', quantity: 1, price: 3500 }]);
    await leafly.delivery.settled();
    const queue = value(await core.send('online-orders-pull', {}));
    const order = queue.orders.find((o) => o.platformOrderId === leaflyId)!;
    expect(order).toMatchObject({ status: 'new', platform: 'leafly', customerTextsAllowed: false, lines: [{ quantity: 1, picked: 0 }] });
    const accepted = value(await core.send('online-order-accept', { orderId: order.id })).orders.find((o) => o.id === order.id)!;
    // Its parked cart is not resumed at the counter half-picked: the Orders screen hands it over.
    expect(await core.send('cart-resume', { cartId: accepted.cartId! })).toMatchObject({ ok: false, error: { code: 'CART_IS_ONLINE_ORDER' } });
    expect(await core.send('online-order-pick', { orderId: order.id, tag: OTHER_PRODUCT_TAG })).toMatchObject({
      ok: false,
      error: { code: 'ORDER_PICK_WRONG_PRODUCT' },
    });
    const picked = value(await core.send('online-order-pick', { orderId: order.id, tag: OLDER }));
    expect(picked.orders.find((o) => o.id === order.id)).toMatchObject({ status: 'picking', lines: [{ picked: 1 }] });
    value(await core.send('online-order-ready', { orderId: order.id }));
    // Leafly tells its own customers: the store's ready never becomes a text.
    expect(counter.database.sqlite.prepare('SELECT count(*) AS n FROM sms_messages').get()).toEqual({ n: 0 });
    const { cartId } = value(await core.send('online-order-handover', { orderId: order.id }));
    expect(value(await core.send('cart-get', { cartId })).lines).toHaveLength(1);
  });

  it('texts the customer of an order from the store’s own menu when it is ready (number sealed, checkout consent in the ledger)', async () => {
    const { core } = counter;
    await signIn(core, 'admin');
    value(await core.send('online-orders-connect', { url: relay.url, credential }));
    const orderId = `G-${process.pid}-${++orders}`;
    const raw = JSON.stringify({
      id: `evt-${orderId}`,
      type: 'order.created',
      order: {
        id: orderId,
        customerName: 'Sam R.',
        customerPhone: '(415) 555-0199',
        textConsent: true,
        items: [{ productRef: SKU, name: 'Blue Dream 3.5g', quantity: 1, unitPriceCents: 3500 }],
      },
    });
    const posted = await fetch(`${relay.url}${greentillPath}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...signGreentillWebhook(GREENTILL_SECRET, raw, new Date()) },
      body: raw,
    });
    expect(posted.status).toBe(200);
    const queue = value(await core.send('online-orders-pull', {}));
    const order = queue.orders.find((o) => o.platformOrderId === orderId)!;
    expect(order).toMatchObject({ platform: 'greentill', customerTextsAllowed: true });
    value(await core.send('online-order-accept', { orderId: order.id }));
    value(await core.send('online-order-pick', { orderId: order.id, tag: OLDER }));
    value(await core.send('online-order-ready', { orderId: order.id }));

    const texts = counter.database.sqlite.prepare('SELECT body, status, order_platform FROM sms_messages').all();
    expect(texts).toEqual([{ body: expect.stringContaining(`your order ${orderId} is ready for pickup`), status: 'queued', order_platform: 'greentill' }]);
    expect(JSON.stringify(counter.database.sqlite.prepare('SELECT * FROM online_orders').all())).not.toContain('5550199');
    const sent: unknown[] = [];
    const lane = new SmsLane({
      db: db(),
      keys: testPiiKeys,
      provider: () => ({ name: 'test', send: async (text) => (sent.push(text), { sent: true, providerMessageId: 'p-1' }) }),
      now,
    });
    counter.clock.now = new Date('2026-11-24T20:00:00Z'); // noon in the store's zone
    const items = claimBatch(db(), SMS_LANE, 10, now());
    settleBatch(db(), SMS_LANE, await lane.deliver(items), () => 0, now());
    expect(sent).toMatchObject([{ to: '+14155550199', body: expect.stringContaining('Reply STOP to opt out.') }]);
  });
});
