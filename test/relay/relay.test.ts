import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHmac } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { startTestPostgres, type TestPostgres } from '../support/postgres';
import { startFakeLeafly, type FakeLeafly } from '../support/fake-marketplaces/leafly';
import { signGreentillWebhook } from '../../src/relay/features/platforms';
import { connectStore, startTestRelay, storeClient, until } from './support';
import type { Relay } from '../../src/relay/app';

/**
 * The relay in process against a fake Leafly: each platform's webhook is
 * verified, stored once and acknowledged only after the commit; the store
 * pulls by cursor with its credential; statuses go out forward-only.
 */

let pg: TestPostgres;
let relay: Relay & { dispose(): Promise<void> };
let leafly: FakeLeafly;
let store: Awaited<ReturnType<typeof connectStore>>;
const JANE_SECRET = 'jane-secret-0123456789';
const GT_SECRET = 'greentill-secret-0123456789';

beforeAll(async () => {
  pg = await startTestPostgres();
  relay = await startTestRelay(pg);
  leafly = await startFakeLeafly({ retryMs: 50 });
  store = await connectStore(relay.database.db, {
    leafly: { secret: leafly.secret, apiBase: leafly.url, apiKey: leafly.key },
    jane: { secret: JANE_SECRET },
    greentill: { secret: GT_SECRET },
  });
  leafly.setWebhookUrl(`${relay.url}${store.connections.leafly!.webhookPath}`);
}, 60_000);
afterAll(async () => {
  await leafly?.close();
  await relay?.dispose();
  pg?.stop();
});

const post = (path: string, body: string, headers: Record<string, string>) =>
  fetch(`${relay.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });

const line = { menu_item_id: 'sku-1', name: 'Blue Dream 3.5 g', quantity: 2, price: 3500 };

describe('the relay’s webhooks', () => {
  it('stores a Leafly order once however often it is delivered, and acknowledges it only once it is stored', async () => {
    leafly.delivery.duplicate = true;
    leafly.submit('L-100', [line]);
    await leafly.delivery.settled();
    leafly.delivery.duplicate = false;
    await until(() => leafly.orders.get('L-100')!.acknowledgedAt !== null, 10_000, 'acknowledgement');
    const client = storeClient(() => relay.url, store.credential);
    const { events } = await client.pullAll(0);
    expect(events.filter((e) => e.orderId === 'L-100')).toEqual([
      expect.objectContaining({
        platform: 'leafly',
        kind: 'submit',
        order: {
          id: 'L-100',
          customerName: 'Pat Q.',
          pickupAt: null,
          items: [{ productRef: 'sku-1', name: 'Blue Dream 3.5 g', quantity: 2, unitPriceCents: 3500 }],
        },
      }),
    ]);
    expect(leafly.orders.get('L-100')!.acknowledgeCalls).toBe(1);
  });

  it('refuses a Leafly body signed with another secret (and stores nothing)', async () => {
    const body = JSON.stringify({ event: 'order_submit', order: { id: 'L-bad', line_items: [line] } });
    const res = await post(store.connections.leafly!.webhookPath, body, {
      'x-leafly-signature': createHmac('sha256', 'not-the-secret').update(body).digest('hex'),
    });
    expect(res.status).toBe(401);
    const { events } = await storeClient(() => relay.url, store.credential).pullAll(0);
    expect(events.some((e) => e.orderId === 'L-bad')).toBe(false);
  });

  it('takes Jane’s post-checkout webhook with its bearer secret only', async () => {
    const body = JSON.stringify({ cart_id: 77, status: 'pending', products: [{ product_id: 'sku-2', name: 'Gummies', count: 1, price_cents: 2000 }] });
    expect((await post(store.connections.jane!.webhookPath, body, { authorization: 'Bearer wrong-secret-000000' })).status).toBe(401);
    expect((await post(store.connections.jane!.webhookPath, body, { authorization: `Bearer ${JANE_SECRET}` })).status).toBe(200);
    expect((await post(store.connections.jane!.webhookPath, body, { authorization: `Bearer ${JANE_SECRET}` })).status).toBe(200);
    const { events } = await storeClient(() => relay.url, store.credential).pullAll(0);
    expect(events.filter((e) => e.platform === 'jane').map((e) => [e.orderId, e.kind])).toEqual([['77', 'submit']]);
  });

  it('verifies the Greentill order webhook v1: signature over timestamp and body, a 5-minute replay window', async () => {
    const body = JSON.stringify({
      id: 'evt-1',
      type: 'order.created',
      order: { id: 'G-1', customerName: 'Ana', items: [{ productRef: 'sku-3', name: 'Pre-roll', quantity: 1, unitPriceCents: 1200 }] },
    });
    const path = store.connections.greentill!.webhookPath;
    const stale = signGreentillWebhook(GT_SECRET, body, new Date(Date.now() - 6 * 60_000));
    expect(((await (await post(path, body, stale)).json()) as { error: { code: string } }).error.code).toBe('RELAY_WEBHOOK_STALE');
    const good = signGreentillWebhook(GT_SECRET, body, new Date());
    expect((await post(path, `${body} `, good)).status).toBe(401);
    expect((await post(path, body, good)).status).toBe(200);
    expect(await (await post(path, body, good)).json()).toEqual({ received: true, stored: false });
  });

  it('answers 503 (never 200) while its database is down, so the platform delivers again', async () => {
    const body = JSON.stringify({ id: 'evt-db', type: 'order.created', order: { id: 'G-2', items: [] } });
    const path = store.connections.greentill!.webhookPath;
    await relay.database.db.execute(sql`ALTER TABLE order_events RENAME TO order_events_away`);
    try {
      expect((await post(path, body, signGreentillWebhook(GT_SECRET, body, new Date()))).status).toBe(503);
    } finally {
      await relay.database.db.execute(sql`ALTER TABLE order_events_away RENAME TO order_events`);
    }
    expect((await post(path, body, signGreentillWebhook(GT_SECRET, body, new Date()))).status).toBe(200);
  });
});

describe('a store and the relay', () => {
  it('pulls only with its credential, and resumes after its cursor', async () => {
    expect((await fetch(`${relay.url}/v1/orders?after=0`)).status).toBe(401);
    expect((await fetch(`${relay.url}/v1/orders?after=0`, { headers: { authorization: 'Bearer nope' } })).status).toBe(401);
    const client = storeClient(() => relay.url, store.credential);
    const first = await client.pullAll(0);
    leafly.submit('L-101', [line]);
    await leafly.delivery.settled();
    const more = await client.pullAll(first.next);
    expect(more.events.map((e) => e.orderId)).toEqual(['L-101']);
    expect(more.events[0]!.cursor).toBeGreaterThan(first.next);
  });

  it('sends statuses forward only: a repeat is a duplicate, a step back and anything after a final status are refused', async () => {
    leafly.submit('L-102', [line]);
    await leafly.delivery.settled();
    await until(() => leafly.orders.get('L-102')!.acknowledgedAt !== null, 10_000, 'acknowledgement');
    const client = storeClient(() => relay.url, store.credential);
    const connectionId = store.connections.leafly!.connectionId;
    const send = (statusId: string, status: 'confirmed' | 'ready' | 'picked_up' | 'canceled', cancelReason: 'customer' | null = null) =>
      client.status({ statusId, connectionId, orderId: 'L-102', status, cancelReason });
    expect((await send('s1', 'confirmed')).body).toEqual({ accepted: true, outcome: 'queued' });
    expect((await send('s1', 'confirmed')).body).toEqual({ accepted: true, outcome: 'duplicate' });
    expect((await send('s2', 'ready')).body).toEqual({ accepted: true, outcome: 'queued' });
    expect((await send('s3', 'confirmed')).status).toBe(409);
    expect((await send('s4', 'picked_up')).status).toBe(200);
    expect(((await send('s5', 'canceled', 'customer')).body as { error: { code: string } }).error.code).toBe('RELAY_STATUS_FINAL');
    await until(() => leafly.orders.get('L-102')!.status === 'picked_up', 10_000, 'picked_up on Leafly');
    const partner = leafly.orders
      .get('L-102')!
      .history.filter((h) => h.by === 'partner')
      .map((h) => h.status);
    // Superseded statuses may collapse, never reorder or repeat.
    expect(partner.at(-1)).toBe('picked_up');
    expect(partner).toEqual([...new Set(partner)]);
    expect(['confirmed,ready,picked_up', 'ready,picked_up', 'confirmed,picked_up', 'picked_up']).toContain(partner.join(','));
    expect(leafly.orders.get('L-102')!.refused).toEqual([]);
  });

  it('collapses statuses queued while Leafly is failing into the latest', async () => {
    leafly.submit('L-103', [line]);
    await leafly.delivery.settled();
    await until(() => leafly.orders.get('L-103')!.acknowledgedAt !== null, 10_000, 'acknowledgement');
    const client = storeClient(() => relay.url, store.credential);
    const connectionId = store.connections.leafly!.connectionId;
    leafly.failNextApiCalls(1_000_000);
    await client.status({ statusId: 'c1', connectionId, orderId: 'L-103', status: 'confirmed' });
    await new Promise((r) => setTimeout(r, 300));
    await client.status({ statusId: 'c2', connectionId, orderId: 'L-103', status: 'ready' });
    await client.status({ statusId: 'c3', connectionId, orderId: 'L-103', status: 'picked_up' });
    leafly.failNextApiCalls(0);
    await until(() => leafly.orders.get('L-103')!.status === 'picked_up', 15_000, 'picked_up on Leafly');
    const partner = leafly.orders
      .get('L-103')!
      .history.filter((h) => h.by === 'partner')
      .map((h) => h.status);
    // confirmed was claimed (in flight) when ready came, so it may still go; ready was waiting and collapses.
    expect(partner).not.toContain('ready');
    expect(partner.at(-1)).toBe('picked_up');
  });

  it('refuses a status for an order it never received, and one without a cancel reason', async () => {
    const client = storeClient(() => relay.url, store.credential);
    const connectionId = store.connections.leafly!.connectionId;
    expect((await client.status({ statusId: 'x1', connectionId, orderId: 'nope', status: 'confirmed' })).status).toBe(404);
    expect((await client.status({ statusId: 'x2', connectionId, orderId: 'L-101', status: 'canceled' })).status).toBe(400);
  });

  it('finds a final order gone after Leafly’s 24 h retention (the fake’s own rule)', async () => {
    const order = leafly.orders.get('L-102')!;
    const get = () => fetch(`${leafly.url}/${leafly.key}/orders/L-102`);
    expect((await get()).status).toBe(200);
    leafly.advance(24 * 60 * 60_000 + 1);
    expect((await get()).status).toBe(404);
    expect(order.status).toBe('picked_up');
  });
});
