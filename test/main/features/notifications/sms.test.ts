import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEMO_STORE_ID } from '../../../../src/main/features/demo/seed';
import { requireNoMedicalClaim } from '../../../../src/main/features/care/claim-rules';
import { recordConsent, takeInbound } from '../../../../src/main/features/notifications/ledger';
import { alpineIqSmsProvider, httpsSmsProvider, type SmsProvider } from '../../../../src/main/features/notifications/providers';
import { SmsLane } from '../../../../src/main/features/notifications/sms-lane';
import { smsProviderFor } from '../../../../src/main/features/notifications/provider-settings';
import { registerAtTheCounter } from '../../../support/register';
import { signIn } from '../../../support/session';
import { value } from '../../../support/result';
import { queueText, type TextRequest } from '../../../../src/main/features/notifications/texts';
import { claimBatch, settleBatch } from '../../../../src/main/features/sync/outbox';
import { SMS_LANE } from '../../../../src/main/features/sync/lanes';
import { openTempDatabase, testPiiKeys, type TempDatabase } from '../../../support/temp-db';

/**
 * Customer texts (issue #21) through the SMS lane to a loopback provider:
 * a Leafly order's customer is never texted, a number that sent STOP is
 * never texted again (until START), quiet hours in the recipient's zone
 * defer a text to the opening, Florida's 3-a-day cap holds, and a
 * provider outage retries the same text under the same id.
 */

interface Received {
  readonly path: string;
  readonly headers: Record<string, string | string[] | undefined>;
  readonly body: Record<string, unknown>;
}

let database: TempDatabase;
let server: Server;
let url: string;
let received: Received[];
let answer: number;
const clock = { now: new Date('2026-12-07T18:00:00Z') }; // 1 pm in New York
const PHONE = '+1 (212) 555-0142';
const E164 = '+12125550142';
const NEW_YORK = { timeZone: 'America/New_York', state: 'NY' };

beforeEach(async () => {
  database = openTempDatabase({ demo: true });
  received = [];
  answer = 200;
  server = createServer((req, res) => {
    let raw = '';
    req.on('data', (chunk: Buffer) => (raw += chunk.toString('utf8')));
    req.on('end', () => {
      received.push({ path: req.url ?? '', headers: req.headers, body: JSON.parse(raw) as Record<string, unknown> });
      res.writeHead(answer, { 'content-type': 'application/json' });
      res.end(JSON.stringify(answer === 200 ? { id: `msg-${received.length}` } : { error: 'no' }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterEach(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
  database.dispose();
});

const db = () => database.db;
const claims = (text: string) => requireNoMedicalClaim(db(), DEMO_STORE_ID, text, 'This text');
const text = (over: Partial<TextRequest> = {}): TextRequest => ({
  phone: PHONE,
  kind: 'transactional',
  orderPlatform: 'greentill',
  recipient: NEW_YORK,
  body: 'Your order is ready for pickup at Main St.',
  ...over,
});
const consent = () =>
  recordConsent(db(), testPiiKeys, PHONE, { action: 'grant', kind: 'transactional', written: false, source: 'web_form', proof: 'checkout form 1' }, clock.now);
const status = (id: string) =>
  database.sqlite.prepare('SELECT status, reason FROM sms_messages WHERE id = ?').get(id) as { status: string; reason: string | null };

/** Runs the SMS lane until nothing is due at the clock's time, as the sync service would. */
async function deliver(provider: SmsProvider | null = httpsSmsProvider({ url, secret: 's'.repeat(32) }), passes = 10): Promise<void> {
  const lane = new SmsLane({ db: db(), keys: testPiiKeys, provider: () => provider, now: () => clock.now });
  for (let pass = 0; pass < passes; pass += 1) {
    const items = claimBatch(db(), SMS_LANE, 50, clock.now);
    if (items.length === 0) return;
    settleBatch(db(), SMS_LANE, await lane.deliver(items), () => 0, clock.now);
  }
}

describe('customer texts', () => {
  it('never texts a Leafly customer: not queued, and refused at the lane even if one were', async () => {
    consent();
    expect(queueText(db(), testPiiKeys, text({ orderPlatform: 'leafly' }), claims, clock.now)).toMatchObject({ queued: false });
    expect(database.sqlite.prepare('SELECT count(*) AS n FROM sms_messages').get()).toEqual({ n: 0 });
    expect(database.sqlite.prepare('SELECT count(*) AS n FROM outbox WHERE destination = ?').get(SMS_LANE)).toEqual({ n: 0 });
    // A row that says Leafly however it got there (an import, a bug) is refused when it would go.
    const queued = queueText(db(), testPiiKeys, text(), claims, clock.now);
    if (!queued.queued) throw new Error('not queued');
    database.sqlite.prepare("UPDATE sms_messages SET order_platform = 'leafly' WHERE id = ?").run(queued.id);
    await deliver();
    expect(received).toEqual([]);
    expect(status(queued.id)).toEqual({ status: 'refused', reason: 'leafly does not allow the store to text its customers' });
  });

  it('sends a consented text once, signed, under its own id; the number is never stored in the clear', async () => {
    consent();
    const queued = queueText(db(), testPiiKeys, text(), claims, clock.now);
    if (!queued.queued) throw new Error('not queued');
    await deliver();
    await deliver();
    expect(received).toHaveLength(1);
    expect(received[0]!.body).toEqual({ id: queued.id, to: E164, body: 'Your order is ready for pickup at Main St.' });
    expect(received[0]!.headers['idempotency-key']).toBe(queued.id);
    expect(received[0]!.headers['x-greentill-signature']).toMatch(/^sha256=[0-9a-f]{64}$/);
    expect(status(queued.id)).toEqual({ status: 'sent', reason: null });
    const stored = JSON.stringify([
      database.sqlite.prepare('SELECT * FROM sms_messages').all(),
      database.sqlite.prepare('SELECT * FROM sms_consent_entries').all(),
    ]);
    expect(stored).not.toContain('2125550142');
  });

  it('refuses a text making a medical claim before it is queued', () => {
    consent();
    expect(() => queueText(db(), testPiiKeys, text({ body: 'This tincture cures anxiety. Ready at Main St.' }), claims, clock.now)).toThrow(
      expect.objectContaining({ code: 'MEDICAL_CLAIM' }),
    );
    expect(database.sqlite.prepare('SELECT count(*) AS n FROM sms_messages').get()).toEqual({ n: 0 });
  });

  it('never texts a number that sent STOP — not a queued text, not after a new grant — until it texts START', async () => {
    consent();
    const before = queueText(db(), testPiiKeys, text(), claims, clock.now);
    expect(takeInbound(db(), testPiiKeys, { from: '212-555-0142', text: ' stop ', messageId: 'in-1', at: clock.now })).toBe('stop');
    await deliver();
    const afterGrant = (() => {
      recordConsent(db(), testPiiKeys, PHONE, { action: 'grant', kind: 'transactional', written: true, source: 'import', proof: 'crm import' }, clock.now);
      return queueText(db(), testPiiKeys, text(), claims, clock.now);
    })();
    await deliver();
    expect(received).toEqual([]);
    for (const q of [before, afterGrant]) if (q.queued) expect(status(q.id)).toEqual({ status: 'refused', reason: 'the number replied STOP' });

    clock.now = new Date(clock.now.getTime() + 60_000);
    expect(takeInbound(db(), testPiiKeys, { from: PHONE, text: 'START', messageId: 'in-2', at: clock.now })).toBe('start');
    consent();
    queueText(db(), testPiiKeys, text(), claims, clock.now);
    await deliver();
    expect(received).toHaveLength(1);
  });

  it('waits outside the recipient’s hours and sends at 8 am in their zone', async () => {
    consent();
    clock.now = new Date('2026-12-08T03:30:00Z'); // 10:30 pm in New York
    const queued = queueText(db(), testPiiKeys, text(), claims, clock.now);
    if (!queued.queued) throw new Error('not queued');
    await deliver();
    expect(received).toEqual([]);
    expect(status(queued.id).reason).toMatch(/^waiting: outside 8:00–21:00/);
    clock.now = new Date('2026-12-08T12:59:00Z');
    await deliver();
    expect(received).toEqual([]);
    clock.now = new Date('2026-12-08T13:00:00Z'); // 8 am EST
    await deliver();
    expect(received).toHaveLength(1);
    expect(status(queued.id).status).toBe('sent');
  });

  it('holds Florida’s cap: a fourth text in 24 hours waits', async () => {
    consent();
    const florida = { timeZone: 'America/New_York', state: 'FL' };
    for (let i = 0; i < 4; i += 1) queueText(db(), testPiiKeys, text({ recipient: florida, body: `Update ${i + 1} on your order.` }), claims, clock.now);
    await deliver();
    expect(received.map((r) => r.body['body'])).toEqual(['Update 1 on your order.', 'Update 2 on your order.', 'Update 3 on your order.']);
    expect(database.sqlite.prepare("SELECT reason FROM sms_messages WHERE status = 'queued'").all()).toEqual([
      { reason: 'waiting: at the state’s 24-hour message cap' },
    ]);
  });

  it('retries a provider outage under the same id, and parks a text the provider refuses', async () => {
    consent();
    answer = 503;
    const queued = queueText(db(), testPiiKeys, text(), claims, clock.now);
    if (!queued.queued) throw new Error('not queued');
    await deliver(undefined, 1);
    expect(status(queued.id).status).toBe('queued');
    answer = 200;
    await deliver();
    expect(received.map((r) => r.headers['idempotency-key'])).toEqual([queued.id, queued.id]);
    expect(status(queued.id).status).toBe('sent');

    answer = 400;
    const refused = queueText(db(), testPiiKeys, text({ body: 'Second update.' }), claims, clock.now);
    if (!refused.queued) throw new Error('not queued');
    await deliver();
    expect(status(refused.id)).toMatchObject({ status: 'refused', reason: expect.stringContaining('refused the text (400)') });
    expect(database.sqlite.prepare('SELECT status FROM outbox WHERE destination = ? AND aggregate_id = ?').get(SMS_LANE, refused.id)).toEqual({
      status: 'dead',
    });
  });

  it('goes through the provider an admin set with sms-provider-set (key sealed, audited without it)', async () => {
    const counter = await registerAtTheCounter();
    database.dispose();
    database = counter.database;
    await signIn(counter.core, 'admin');
    const secret = 'gateway-signing-secret-1';
    expect(await counter.core.send('sms-provider-set', { kind: 'https', url: 'http://gateway.example.com', secret, enabled: true })).toMatchObject({
      ok: false,
      error: { code: 'SMS_PROVIDER_INVALID' },
    });
    expect(value(await counter.core.send('sms-provider-set', { kind: 'https', url, secret, enabled: true })).provider).toMatchObject({
      kind: 'https',
      url,
      enabled: true,
    });
    const stored = JSON.stringify([
      database.sqlite.prepare('SELECT * FROM sms_provider_settings').all(),
      database.sqlite.prepare('SELECT * FROM audit_log').all(),
    ]);
    expect(stored).toContain('settings.sms_provider');
    expect(stored).not.toContain(secret);
    consent();
    queueText(db(), testPiiKeys, text(), claims, clock.now);
    await deliver(smsProviderFor(db(), testPiiKeys));
    expect(received).toHaveLength(1);
    value(await counter.core.send('sms-provider-set', { kind: 'https', url, secret, enabled: false }));
    expect(smsProviderFor(db(), testPiiKeys)).toBeNull();
  });

  it('speaks Alpine IQ’s documented SMS shape (⚠ unverified against a live account)', async () => {
    consent();
    queueText(db(), testPiiKeys, text(), claims, clock.now);
    await deliver(alpineIqSmsProvider({ baseUrl: url, apiKey: 'aiq-key' }));
    expect(received).toMatchObject([
      { path: '/api/v2/sms', headers: { 'x-apikey': 'aiq-key' }, body: { phone: E164, message: 'Your order is ready for pickup at Main St.' } },
    ]);
  });
});
