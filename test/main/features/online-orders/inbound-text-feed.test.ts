import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_STORE_ID } from '../../../../src/main/features/demo/seed';
import { requireNoMedicalClaim } from '../../../../src/main/features/care/claim-rules';
import { recordConsent } from '../../../../src/main/features/notifications/ledger';
import { httpsSmsProvider } from '../../../../src/main/features/notifications/providers';
import { SmsLane } from '../../../../src/main/features/notifications/sms-lane';
import { queueText } from '../../../../src/main/features/notifications/texts';
import { pullOrders } from '../../../../src/main/features/online-orders/order-feed';
import { RelayClient } from '../../../../src/main/features/online-orders/relay-client';
import { claimBatch, settleBatch } from '../../../../src/main/features/sync/outbox';
import { SMS_LANE } from '../../../../src/main/features/sync/lanes';
import { addSmsConnection, signInboundText } from '../../../../src/relay/features/inbound-texts';
import type { Relay } from '../../../../src/relay/app';
import { startTestPostgres, type TestPostgres } from '../../../support/postgres';
import { openTempDatabase, testPiiKeys, type TempDatabase } from '../../../support/temp-db';
import { connectStore, startTestRelay } from '../../../relay/support';

/**
 * Inbound texts end to end (issue #21): the SMS provider delivers a
 * customer's STOP to the relay (verified, stored once), the register pulls
 * it with its texts cursor and applies it to the consent ledger, and a
 * marketing text already queued to that number is never sent — nor one
 * queued after a new written grant, until the number texts START.
 */

let pg: TestPostgres;
let relay: Relay & { dispose(): Promise<void> };
let database: TempDatabase;
let sms: Server;
let smsUrl: string;
const received: unknown[] = [];
let store: Awaited<ReturnType<typeof connectStore>>;
let gateway: { connectionId: string; webhookPath: string };
let alpine: { connectionId: string; webhookPath: string };
const GATEWAY_SECRET = 'sms-gateway-inbound-secret-1';
const ALPINE_SECRET = 'alpine-iq-inbound-secret-001';
const PHONE = '+1 (212) 555-0142';
const lane = { now: new Date('2026-12-07T18:00:00Z') }; // 1 pm in New York: inside the hours

beforeAll(async () => {
  pg = await startTestPostgres();
  relay = await startTestRelay(pg);
  store = await connectStore(relay.database.db, {});
  gateway = await addSmsConnection(relay.database.db, { storeId: store.storeId, provider: 'gateway', secret: GATEWAY_SECRET }, new Date());
  alpine = await addSmsConnection(relay.database.db, { storeId: store.storeId, provider: 'alpine_iq', secret: ALPINE_SECRET }, new Date());
  database = openTempDatabase({ demo: true });
  sms = createServer((req, res) => {
    let raw = '';
    req.on('data', (c: Buffer) => (raw += c.toString('utf8')));
    req.on('end', () => {
      received.push(JSON.parse(raw));
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ id: `msg-${received.length}` }));
    });
  });
  await new Promise<void>((resolve) => sms.listen(0, '127.0.0.1', resolve));
  smsUrl = `http://127.0.0.1:${(sms.address() as AddressInfo).port}`;
}, 60_000);
afterAll(async () => {
  await new Promise<void>((resolve) => sms?.close(() => resolve()));
  database?.dispose();
  await relay?.dispose();
  pg?.stop();
});

const db = () => database.db;
const client = () => new RelayClient({ url: relay.url, credential: store.credential });
// The register's clock is the lane's: a HELP answer is queued at the time the lane then runs at.
const pull = () => pullOrders(db(), client(), () => lane.now, 'relay', testPiiKeys);
const post = (path: string, body: string, headers: Record<string, string>) =>
  fetch(`${relay.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });
const inboundFromGateway = (id: string, from: string, text: string) => {
  const body = JSON.stringify({ id, from, body: text });
  return post(gateway.webhookPath, body, signInboundText(GATEWAY_SECRET, body, new Date()));
};
const marketing = () => {
  const queued = queueText(
    db(),
    testPiiKeys,
    {
      phone: PHONE,
      kind: 'marketing',
      orderPlatform: null,
      recipient: { timeZone: 'America/New_York', state: 'NY' },
      body: 'Weekend sale at Main St: 10% off pre-rolls.',
    },
    (text) => requireNoMedicalClaim(db(), DEMO_STORE_ID, text, 'This text'),
    lane.now,
  );
  if (!queued.queued) throw new Error(queued.reason);
  return queued.id;
};
const grantInWriting = (at: Date) =>
  recordConsent(db(), testPiiKeys, PHONE, { action: 'grant', kind: 'marketing', written: true, source: 'web_form', proof: 'signup form 7' }, at);
const status = (id: string) =>
  database.sqlite.prepare('SELECT status, reason FROM sms_messages WHERE id = ?').get(id) as { status: string; reason: string | null };

async function runSmsLane(): Promise<void> {
  const smsLane = new SmsLane({ db: db(), keys: testPiiKeys, provider: () => httpsSmsProvider({ url: smsUrl, secret: 's'.repeat(32) }), now: () => lane.now });
  for (let pass = 0; pass < 10; pass += 1) {
    const items = claimBatch(db(), SMS_LANE, 50, lane.now);
    if (items.length === 0) return;
    settleBatch(db(), SMS_LANE, await smsLane.deliver(items), () => 0, lane.now);
  }
}

describe('inbound texts through the relay', () => {
  it('refuses an inbound text that is not signed with the connection’s secret, and stores nothing', async () => {
    const body = JSON.stringify({ id: 'in-forged', from: '212-555-0142', body: 'START' });
    expect((await post(gateway.webhookPath, body, signInboundText('not-the-secret-at-all-000', body, new Date()))).status).toBe(401);
    expect(
      (await post(alpine.webhookPath, JSON.stringify({ phone: '2125550142', message: 'START' }), { authorization: 'Bearer wrong-secret-000000000' })).status,
    ).toBe(401);
    const stale = signInboundText(GATEWAY_SECRET, body, new Date(Date.now() - 6 * 60_000));
    expect((await post(gateway.webhookPath, body, stale)).status).toBe(401);
    expect((await client().pullTexts(0)).texts).toEqual([]);
  });

  it('a STOP sent to the relay, pulled by the register, stops a queued marketing text — and a later grant does not reopen the number', async () => {
    grantInWriting(new Date(Date.now() - 60 * 60_000));
    const queued = marketing();

    // Delivered twice (a provider retrying after a lost answer): stored once.
    expect(await (await inboundFromGateway('in-1', '212-555-0142', ' Stop ')).json()).toEqual({ received: true, stored: true });
    expect(await (await inboundFromGateway('in-1', '212-555-0142', ' Stop ')).json()).toEqual({ received: true, stored: false });

    const first = await pull();
    expect(first.error).toBeNull();
    expect(first.texts).toEqual({ texts: 1, stops: 1, starts: 0, skipped: 0, helpReplies: 0 });
    expect((await pull()).texts).toEqual({ texts: 0, stops: 0, starts: 0, skipped: 0, helpReplies: 0 }); // the cursor moved with the STOP
    const ledger = database.sqlite.prepare("SELECT action, source, proof FROM sms_consent_entries WHERE action = 'stop'").all();
    expect(ledger).toEqual([{ action: 'stop', source: 'sms_keyword', proof: 'inbound gateway:in-1' }]);

    grantInWriting(new Date(Date.now() + 60_000)); // a grant after the STOP: recorded, never reopening the number
    const afterGrant = marketing();
    await runSmsLane();
    expect(received).toEqual([]);
    expect(status(queued)).toEqual({ status: 'refused', reason: 'the number replied STOP' });
    expect(status(afterGrant)).toEqual({ status: 'refused', reason: 'the number replied STOP' });
  });

  it('takes Alpine IQ’s inbound message (⚠ assumed shape) once, and START reopens the number for a new written grant', async () => {
    const start = JSON.stringify({ phone: '+12125550142', message: 'START', id: 'aiq-9' });
    const auth = { authorization: `Bearer ${ALPINE_SECRET}` };
    expect((await post(alpine.webhookPath, start, auth)).status).toBe(200);
    expect(await (await post(alpine.webhookPath, start, auth)).json()).toEqual({ received: true, stored: false });
    expect((await inboundFromGateway('in-2', 'not a number', 'STOP')).status).toBe(200); // a number no text can go to
    expect((await inboundFromGateway('in-3', '212-555-0142', 'HELP')).status).toBe(200);
    // The HELP (after the START) is answered once; pulled again, not again.
    expect((await pull()).texts).toEqual({ texts: 3, stops: 0, starts: 1, skipped: 1, helpReplies: 1 });
    expect((await pull()).texts).toEqual({ texts: 0, stops: 0, starts: 0, skipped: 0, helpReplies: 0 });
    grantInWriting(new Date(Date.now() + 120_000));
    marketing();
    await runSmsLane();
    expect(received).toHaveLength(2);
    expect(JSON.stringify(received)).toMatch(/Reply STOP to opt out/);
  });
});
