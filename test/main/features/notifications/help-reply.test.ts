import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { HELP_REPLY_INTERVAL_MS, replyToHelpIn } from '../../../../src/main/features/notifications/help-reply';
import { takeInbound } from '../../../../src/main/features/notifications/ledger';
import type { SmsProvider } from '../../../../src/main/features/notifications/providers';
import { SmsLane } from '../../../../src/main/features/notifications/sms-lane';
import { queueText } from '../../../../src/main/features/notifications/texts';
import { claimBatch, settleBatch } from '../../../../src/main/features/sync/outbox';
import { SMS_LANE } from '../../../../src/main/features/sync/lanes';
import { writeTransaction } from '../../../../src/main/platform/db/transaction';
import { interpretInbound } from '../../../../src/shared/domain/notifications/consent';
import { registerAtTheCounter, type Counter } from '../../../support/register';
import { signIn } from '../../../support/session';
import { testPiiKeys } from '../../../support/temp-db';
import { value } from '../../../support/result';

/**
 * HELP answered (issue #21): a customer who texts HELP (or INFO, any case)
 * gets one reply naming the store, how to reach it and how to stop — with
 * no consent on file (they asked) — through the SMS lane; never to a
 * number whose latest keyword is STOP; at most once an hour per number;
 * and, the stricter reading of the hours rule, not outside 8 am–9 pm.
 * The demo store is in Los Angeles.
 */

const PHONE = '(415) 555-0123';
let counter: Counter;
let sent: Array<{ to: string; body: string }>;
beforeEach(async () => {
  counter = await registerAtTheCounter({ at: new Date('2026-12-07T20:00:00Z') }); // noon in Los Angeles
  sent = [];
});
afterEach(() => counter.dispose());

const db = () => counter.database.db;
const now = () => counter.clock.now;
const help = (from = PHONE) => writeTransaction(db(), (tx) => replyToHelpIn(tx, testPiiKeys, { from, now: now() }));
const later = (ms: number) => (counter.clock.now = new Date(now().getTime() + ms));
const messages = () => counter.database.sqlite.prepare('SELECT status, reason, answers_keyword AS answers, body FROM sms_messages ORDER BY created_at').all();
const provider: SmsProvider = {
  name: 'test',
  send: async (text) => (sent.push({ to: text.to, body: text.body }), { sent: true, providerMessageId: `p-${sent.length}` }),
};

async function runLane(): Promise<void> {
  const lane = new SmsLane({ db: db(), keys: testPiiKeys, provider: () => provider, now });
  for (let pass = 0; pass < 5; pass += 1) {
    const items = claimBatch(db(), SMS_LANE, 20, now());
    if (items.length === 0) return;
    settleBatch(db(), SMS_LANE, await lane.deliver(items), () => 0, now());
  }
}

describe('the answer to HELP', () => {
  it('reads HELP and INFO in any case as HELP', () => {
    expect(['HELP', 'help', ' Help! ', 'info', 'Info.'].map(interpretInbound)).toEqual(['help', 'help', 'help', 'help', 'help']);
    expect(interpretInbound('help me find my order')).toBe('other');
  });

  it('answers once, with the store’s name, its phone from settings and how to stop, though no consent is on file', async () => {
    await signIn(counter.core, 'manager');
    expect(await counter.core.send('sms-store-phone-set', { phone: 'call us' })).toMatchObject({ ok: false, error: { code: 'SMS_PHONE_INVALID' } });
    expect(value(await counter.core.send('sms-store-phone-set', { phone: '(415) 555-0100' }))).toEqual({ storePhone: '+14155550100' });
    expect(help()).toBe('queued');
    await runLane();
    const store = counter.database.sqlite.prepare('SELECT name FROM stores').get() as { name: string };
    expect(sent).toEqual([{ to: '+14155550123', body: expect.stringContaining(`${store.name}:`) }]);
    expect(sent[0]?.body).toMatch(/Reply STOP to opt out\. Help: \+14155550100\.$/);
    expect(messages()).toMatchObject([{ status: 'sent', answers: 'help' }]);
  });

  it('gives the store’s address when no phone is set', async () => {
    help();
    await runLane();
    const store = counter.database.sqlite.prepare('SELECT address FROM stores').get() as { address: string };
    expect(sent[0]?.body).toContain(`Help: ${store.address}.`);
  });

  it('answers a number at most once an hour', async () => {
    expect(help()).toBe('queued');
    later(HELP_REPLY_INTERVAL_MS - 60_000);
    expect(help('+1 415 555 0123')).toBe('answered_recently'); // the same number, written another way
    expect(help('+1 415 555 0999')).toBe('queued'); // another number is its own
    later(2 * 60_000);
    expect(help()).toBe('queued');
    expect(messages()).toHaveLength(3);
  });

  it('never answers a number whose latest keyword is STOP; START reopens it', async () => {
    takeInbound(db(), testPiiKeys, { from: PHONE, text: 'START', messageId: 'in-1', at: new Date(now().getTime() - 120_000) });
    takeInbound(db(), testPiiKeys, { from: PHONE, text: 'STOP', messageId: 'in-2', at: new Date(now().getTime() - 60_000) });
    expect(help()).toBe('stopped');
    expect(messages()).toEqual([]);
    takeInbound(db(), testPiiKeys, { from: PHONE, text: 'start', messageId: 'in-3', at: now() });
    later(1000);
    expect(help()).toBe('queued');
  });

  it('does not send an answer queued before a STOP that arrived since', async () => {
    expect(help()).toBe('queued');
    takeInbound(db(), testPiiKeys, { from: PHONE, text: 'STOP', messageId: 'in-9', at: now() });
    later(1000);
    await runLane();
    expect(sent).toEqual([]);
    expect(messages()).toMatchObject([{ status: 'refused', reason: 'the number replied STOP' }]);
  });

  it('waits for the recipient’s hours (the stricter reading: a HELP at 11 pm is answered at 8 am)', async () => {
    counter.clock.now = new Date('2026-12-08T07:00:00Z'); // 11 pm in Los Angeles
    expect(help()).toBe('queued');
    await runLane();
    expect(sent).toEqual([]);
    expect(messages()).toMatchObject([{ status: 'queued', reason: expect.stringMatching(/^waiting: outside 8:00–21:00/) }]);
    counter.clock.now = new Date('2026-12-08T16:00:00Z'); // 8 am
    await runLane();
    expect(sent).toHaveLength(1);
  });

  it('still needs consent for any text that is not an answer to HELP', async () => {
    const plain = queueText(
      db(),
      testPiiKeys,
      { phone: PHONE, kind: 'transactional', orderPlatform: null, recipient: { timeZone: 'America/Los_Angeles', state: 'CA' }, body: 'Your order is ready.' },
      () => undefined,
      now(),
    );
    expect(plain.queued).toBe(true);
    expect(help()).toBe('queued');
    await runLane();
    expect(sent).toHaveLength(1);
    expect(messages()).toMatchObject([
      { status: 'refused', reason: 'no transactional consent on file', answers: null },
      { status: 'sent', answers: 'help' },
    ]);
  });
});
