import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Relay } from '../../../src/relay/app';
import { addSmsConnection, signInboundText } from '../../../src/relay/features/inbound-texts';
import { signGreentillWebhook } from '../../../src/relay/features/platforms';
import { purgeCustomerData } from '../../../src/relay/features/retention';
import { RelayWorker } from '../../../src/relay/features/jobs';
import { relayTextsPullResponseSchema } from '../../../src/shared/contract/relay';
import { spawnCliAsync } from '../../support/cli';
import { startTestPostgres, type TestPostgres } from '../../support/postgres';
import { connectStore, relayDatabaseUrl, startTestRelay, storeClient } from '../support';
import { tempDir } from '../../support/temp-db';

/**
 * The relay keeps less (issue #21), on a real PostgreSQL: an inbound
 * text's number and body are emptied once the store has pulled past it and
 * the retention (30 days) has passed; an order's customer name and phone
 * once it reached a final state more than the retention ago and the store
 * has it. Nothing the store still needs is touched: an unpulled text, an
 * active order, an ended order younger than the retention.
 */

let pg: TestPostgres;
let relay: Relay & { dispose(): Promise<void> };
let store: Awaited<ReturnType<typeof connectStore>>;
let gateway: { connectionId: string; webhookPath: string };
const SECRET = 'retention-menu-webhook-secret-1';
const SMS_SECRET = 'retention-sms-inbound-secret-1';
const DAY_MS = 86_400_000;

beforeAll(async () => {
  pg = await startTestPostgres();
  relay = await startTestRelay(pg);
  store = await connectStore(relay.database.db, { greentill: { secret: SECRET } });
  gateway = await addSmsConnection(relay.database.db, { storeId: store.storeId, provider: 'gateway', secret: SMS_SECRET }, new Date());
}, 60_000);
afterAll(async () => {
  await relay?.dispose();
  pg?.stop();
});

const post = (path: string, body: string, headers: Record<string, string>) =>
  fetch(`${relay.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });
const auth = () => ({ authorization: `Bearer ${store.credential}` });
const query = async <T>(text: string, ...values: unknown[]): Promise<T[]> => (await relay.database.pool.query(text, values)).rows as T[];

async function order(id: string): Promise<void> {
  const raw = JSON.stringify({
    id: `evt-${id}`,
    type: 'order.created',
    order: {
      id,
      customerName: 'Sam Rivera',
      customerPhone: '(415) 555-0199',
      items: [{ productRef: 'GT-0001', name: 'Blue Dream', quantity: 1, unitPriceCents: 3500 }],
    },
  });
  const res = await post(store.connections.greentill!.webhookPath, raw, signGreentillWebhook(SECRET, raw, new Date()));
  expect(res.status).toBe(200);
}
async function text(id: string, body: string): Promise<void> {
  const raw = JSON.stringify({ id, from: '212-555-0142', body });
  expect((await post(gateway.webhookPath, raw, signInboundText(SMS_SECRET, raw, new Date()))).status).toBe(200);
}
async function pullTexts(after: number) {
  const res = await fetch(`${relay.url}/v1/texts?after=${after}`, { headers: auth() });
  return relayTextsPullResponseSchema.parse(await res.json());
}
const contacts = () =>
  query<{ order_id: string; name: string | null; phone: string | null }>(
    "SELECT order_id, payload->'order'->>'customerName' AS name, payload->'order'->>'customerPhone' AS phone FROM order_events ORDER BY seq",
  );
const texts = () =>
  query<{ message_id: string; from_phone: string | null; body: string | null }>('SELECT message_id, from_phone, body FROM inbound_texts ORDER BY seq');

describe('the relay’s retention purge', () => {
  it('empties pulled texts and ended orders’ contacts past the retention, and nothing the store still needs', async () => {
    const client = storeClient(() => relay.url, store.credential);
    await order('ENDED-1');
    await order('ACTIVE-1');
    await text('in-1', 'STOP');
    await text('in-2', 'HELP');
    // The store takes both orders and the first text, and says so by pulling after them.
    const { next } = await client.pullAll(0);
    const first = await pullTexts(0);
    expect(first.texts.map((t) => t.messageId)).toEqual(['in-1', 'in-2']);
    await fetch(`${relay.url}/v1/texts?after=${first.texts[0]!.cursor}`, { headers: auth() }); // took in-1 only (so far)
    const connectionId = store.connections.greentill!.connectionId;
    for (const [statusId, status] of [
      ['s-1', 'confirmed'],
      ['s-2', 'picked_up'],
    ] as const)
      expect((await client.status({ statusId, connectionId, orderId: 'ENDED-1', status })).status).toBe(200);
    await client.status({ statusId: 's-3', connectionId, orderId: 'ACTIVE-1', status: 'confirmed' });

    const now = Date.now();
    expect(await purgeCustomerData(relay.database.db, new Date(now + 29 * DAY_MS))).toEqual({ texts: 0, orderEvents: 0, ran: true });
    expect(await purgeCustomerData(relay.database.db, new Date(now + 31 * DAY_MS))).toEqual({ texts: 1, orderEvents: 1, ran: true });
    expect(await texts()).toEqual([
      { message_id: 'in-1', from_phone: null, body: null },
      { message_id: 'in-2', from_phone: '212-555-0142', body: 'HELP' }, // not yet taken by the store
    ]);
    expect(await contacts()).toEqual([
      { order_id: 'ENDED-1', name: null, phone: null },
      { order_id: 'ACTIVE-1', name: 'Sam Rivera', phone: '(415) 555-0199' },
    ]);
    // Idempotent; and a store pulling again from the start gets no emptied text, the order without its contact.
    expect(await purgeCustomerData(relay.database.db, new Date(now + 32 * DAY_MS))).toEqual({ texts: 0, orderEvents: 0, ran: true });
    expect((await pullTexts(0)).texts.map((t) => t.messageId)).toEqual(['in-2']);
    const again = await client.pullAll(0);
    expect(again.next).toBe(next);
    expect(again.events.find((e) => e.orderId === 'ENDED-1')?.order).toMatchObject({
      customerName: null,
      customerPhone: null,
      items: [{ productRef: 'GT-0001' }],
    });
    // The same text delivered again is still stored once.
    const raw = JSON.stringify({ id: 'in-1', from: '212-555-0142', body: 'STOP' });
    expect(await (await post(gateway.webhookPath, raw, signInboundText(SMS_SECRET, raw, new Date()))).json()).toEqual({ received: true, stored: false });
  });

  it('runs by itself on the relay worker’s clock', async () => {
    await text('in-3', 'HELP');
    const page = await pullTexts(0);
    await pullTexts(page.next); // the store has them all now
    const worker = new RelayWorker(relay.database.db, { purgeEveryMs: 50, pollMs: 60_000, now: () => new Date(Date.now() + 31 * DAY_MS) });
    worker.start();
    try {
      await expect.poll(async () => (await texts()).find((t) => t.message_id === 'in-3')?.body, { timeout: 5_000 }).toBeNull();
    } finally {
      await worker.stop();
    }
  });

  it('runs from the support command, which refuses a retention that is not a number of days', async () => {
    const data = tempDir('greentill-relay-cli-');
    const env = { DATABASE_URL: await relayDatabaseUrl(pg), GREENTILL_RELAY_DATA: data.path };
    const bad = await spawnCliAsync(['relay-purge', '--retention-days', 'soon'], env);
    expect(bad.status).toBe(1);
    expect(JSON.parse(bad.stdout)).toMatchObject({ error: { code: 'RELAY_RETENTION_INVALID' } });
    const ran = await spawnCliAsync(['relay-purge'], env);
    expect(JSON.parse(ran.stdout)).toEqual({ texts: 0, orderEvents: 0, ran: true });
    data.cleanup();
  }, 60_000);
});
