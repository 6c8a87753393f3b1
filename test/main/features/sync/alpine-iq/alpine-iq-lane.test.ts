import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LOYALTY_FEED_LANE } from '../../../../../src/main/features/sync/lanes';
import { Dispatcher } from '../../../../../src/main/features/sync/dispatcher';
import { AlpineIqLane } from '../../../../../src/main/features/sync/alpine-iq/lane';
import { loadLoyaltyFeedSettings } from '../../../../../src/main/features/sync/alpine-iq/settings';
import { voidSale } from '../../../../../src/main/features/checkout/void-sale';
import { startFakeAlpineIq, type FakeAlpineIq } from '../../../../support/fake-alpine-iq';
import { checkInSaved } from '../../../../support/check-in';
import { fastSync } from '../../../../support/metrc-lane';
import { registerAtTheCounter, type Counter } from '../../../../support/register';
import { value } from '../../../../support/result';
import { signIn } from '../../../../support/session';
import { testPiiKeys } from '../../../../support/temp-db';

const KEY = 'alpine-test-key-0001';
let counter: Counter;
let fake: FakeAlpineIq;
beforeEach(async () => {
  fake = await startFakeAlpineIq(KEY);
  counter = await registerAtTheCounter({ role: 'admin', drawerTwenties: 10 });
});
afterEach(async () => {
  counter.dispose();
  await fake.close();
});

const feedRows = () =>
  counter.database.sqlite.prepare('SELECT kind, status, attempts FROM outbox WHERE destination = ? ORDER BY id').all(LOYALTY_FEED_LANE) as Array<{
    kind: string;
    status: string;
    attempts: number;
  }>;

async function sell(customerId: string): Promise<string> {
  const cart = value(await counter.core.send('cart-open', {}));
  const tag = (
    counter.database.sqlite
      .prepare("SELECT tag FROM packages WHERE quantity_on_hand >= 20 AND lab_testing_state = 'TestPassed' ORDER BY tag LIMIT 1")
      .get() as { tag: string }
  ).tag;
  value(await counter.core.send('cart-scan', { cartId: cart.cartId, code: tag }));
  await checkInSaved(counter.core, counter.database, cart.cartId, customerId);
  return value(await counter.core.send('sale-complete', { cartId: cart.cartId, tenders: [{ tender: 'cash', tenderedCents: 20_000 }] })).saleId;
}

const dispatcher = () => {
  const settings = loadLoyaltyFeedSettings(counter.database.db, testPiiKeys);
  if (settings === null) throw new Error('feed not set up');
  return new Dispatcher({ db: counter.database.db, adapters: [new AlpineIqLane(settings, { timeoutMs: 500 })], ...fastSync });
};

describe('the loyalty platform feed (Alpine IQ lane)', () => {
  it('queues nothing while the store has no feed set up', async () => {
    await sell('customer-demo-adult');
    expect(feedRows()).toEqual([]);
  });

  it('sends each saved customer’s sale and member once as the platform sees it, through 503s and a dropped answer; a void updates the sale', async () => {
    value(await counter.core.send('loyalty-feed-settings-set', { baseUrl: fake.url, apiKey: KEY, enabled: true }));
    expect(value(await counter.core.send('loyalty-feed-settings-get', {}))).toEqual({ configured: true, baseUrl: fake.url, enabled: true });
    // The key is stored sealed, and never in the audit log.
    expect(JSON.stringify(counter.database.sqlite.prepare('SELECT value FROM settings').all())).not.toContain(KEY);
    expect(JSON.stringify(counter.database.sqlite.prepare("SELECT after FROM audit_log WHERE action = 'settings.loyalty_feed'").all())).not.toContain(KEY);

    const first = await sell('customer-demo-adult');
    const second = await sell('customer-demo-adult');
    expect(feedRows().map((r) => r.kind)).toEqual(['member.create_update', 'sale.create_update', 'member.create_update', 'sale.create_update']);

    fake.fail503(2);
    fake.applyThenDrop(1);
    const sync = dispatcher();
    const result = await sync.drain(LOYALTY_FEED_LANE, 10_000);
    expect(result).toMatchObject({ pending: 0, deadLettered: 0 });
    expect([...fake.sales.keys()].sort()).toEqual([first, second].sort());
    expect(fake.sales.get(first)).toMatchObject({ status: 'completed', pointsEarned: expect.any(Number) });
    expect(fake.members.get('customer-demo-adult')).toMatchObject({ tier: 'Green' });
    // The dropped answer was sent again: the platform took it as an update of the same sale or member, not a new one.
    expect(fake.stats.requests).toBeGreaterThanOrEqual(4 + 2 + 1);

    voidSale(counter.database.db, {
      saleId: first,
      terminalId: counter.core.terminalId,
      staffId: 'staff-demo-admin',
      approvedBy: 'staff-demo-admin',
      reason: 'x',
      now: counter.clock.now,
    });
    await sync.drain(LOYALTY_FEED_LANE, 10_000);
    expect(fake.sales.get(first)).toMatchObject({ status: 'voided', pointsEarned: 0 });
    expect(fake.sales.size).toBe(2);
    await sync.stop();
  });

  it('parks items the platform refuses for a bad key, with the fix in words', async () => {
    value(await counter.core.send('loyalty-feed-settings-set', { baseUrl: fake.url, apiKey: 'wrong-key-000', enabled: true }));
    await sell('customer-demo-adult');
    const sync = dispatcher();
    await sync.drain(LOYALTY_FEED_LANE, 2_000);
    await sync.stop();
    expect(
      counter.database.sqlite.prepare('SELECT status, last_error AS error FROM outbox WHERE destination = ? LIMIT 1').get(LOYALTY_FEED_LANE),
    ).toMatchObject({
      status: 'dead',
      error: expect.stringContaining('refused the API key'),
    });
    expect(fake.sales.size).toBe(0);
  });

  it('only a role with credentials.edit sets it up', async () => {
    await signIn(counter.core, 'manager');
    expect(await counter.core.send('loyalty-feed-settings-set', { baseUrl: fake.url, apiKey: KEY, enabled: true })).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
  });
});
