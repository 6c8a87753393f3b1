import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { sql } from 'drizzle-orm';
import { pullRelayOnce, RelayNotNow, relayStatus, setRelayConnection } from '../../src/store-server/features/order-relay';
import { loadOrCreateSealingKey } from '../../src/store-server/sealing';
import { startTestPostgres, type TestPostgres } from '../support/postgres';
import { startTestStore } from './support';

/**
 * The store server's pull from the order relay (issue #21) against a relay
 * that answers what the test says: a page is stored once with its cursor;
 * an answer that is not a page of events, or a relay that cannot answer now,
 * stores nothing and leaves the cursor where it was. The credential is kept
 * sealed.
 */

let pg: TestPostgres;
let store: Awaited<ReturnType<typeof startTestStore>>;
let relay: Server;
let answers: Array<{ status: number; body: unknown }> = [];
const asked: string[] = [];
const CREDENTIAL = 'store-credential-0123456789abcdef';

const event = (cursor: number) => ({
  cursor,
  connectionId: 'conn-1',
  platform: 'greentill',
  orderId: `O-${cursor}`,
  eventId: `evt-${cursor}`,
  kind: 'submit',
  order: { id: `O-${cursor}`, customerName: 'Sam', pickupAt: null, items: [{ productRef: 'GT-0001', name: 'Blue Dream', quantity: 1, unitPriceCents: 3500 }] },
  status: null,
  cancelReason: null,
  receivedAt: '2026-12-07T20:00:00.000Z',
});

beforeAll(async () => {
  pg = await startTestPostgres();
  relay = createServer((req, res) => {
    asked.push(`${req.url ?? ''} ${req.headers.authorization ?? ''}`);
    const after = Number(new URL(req.url ?? '/', 'http://relay').searchParams.get('after'));
    const answer = answers.shift() ?? { status: 200, body: { events: [], next: after } };
    res.writeHead(answer.status, { 'content-type': 'application/json' });
    res.end(JSON.stringify(answer.body));
  });
  await new Promise<void>((resolve) => relay.listen(0, '127.0.0.1', resolve));
});
afterAll(async () => {
  await new Promise((resolve) => relay.close(resolve));
  pg?.stop();
});
afterEach(async () => {
  answers = [];
  asked.length = 0;
  await store?.dispose();
});

describe('the store server’s relay pull', () => {
  it('stores each page once with its cursor; a malformed answer or a 503 stores nothing and keeps the cursor', async () => {
    // The server's own puller is idle for a minute: the test drives the passes.
    store = await startTestStore(pg, { relayPull: { intervalMs: 60_000 } });
    const key = loadOrCreateSealingKey(store.dataDir);
    const url = `http://127.0.0.1:${(relay.address() as AddressInfo).port}`;
    await setRelayConnection(store.database.db, key, { url, credential: CREDENTIAL }, new Date());
    const kept = await store.database.db.execute(sql`SELECT credential_sealed AS c FROM relay_connection`);
    expect(String(kept.rows[0]?.c)).not.toContain(CREDENTIAL);

    answers = [{ status: 200, body: { events: [event(1), event(2)], next: 2 } }];
    expect(await pullRelayOnce(store.database.db, key, () => new Date())).toEqual({ pulled: 2, stored: 2 });
    expect(asked[0]).toBe(`/v1/orders?after=0&limit=200 Bearer ${CREDENTIAL}`);
    expect(asked[1]).toMatch(/^\/v1\/orders\?after=2&/);

    // An event without its order id: nothing of the page is stored, the cursor stays.
    const { orderId: _dropped, ...malformed } = event(3);
    answers = [{ status: 200, body: { events: [malformed, event(4)], next: 4 } }];
    await expect(pullRelayOnce(store.database.db, key, () => new Date())).rejects.toMatchObject({ code: 'STORE_RELAY_ANSWER_INVALID' });
    expect(await relayStatus(store.database.db)).toMatchObject({ cursor: 2, events: 2 });

    // The relay cannot answer now: the same.
    answers = [{ status: 503, body: { error: { code: 'RELAY_DB_UNAVAILABLE', message: 'down' } } }];
    await expect(pullRelayOnce(store.database.db, key, () => new Date())).rejects.toBeInstanceOf(RelayNotNow);
    expect(await relayStatus(store.database.db)).toMatchObject({ cursor: 2, events: 2 });

    // Pulled again from the start (as after a pass whose commit was lost): what is stored is not stored twice.
    await store.database.db.execute(sql`UPDATE relay_feed SET cursor = 0`);
    answers = [{ status: 200, body: { events: [event(1), event(2), event(3)], next: 3 } }];
    expect(await pullRelayOnce(store.database.db, key, () => new Date())).toEqual({ pulled: 3, stored: 1 });
    expect(await relayStatus(store.database.db)).toMatchObject({ cursor: 3, events: 3 });
  });
});
