import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestPostgres, type TestPostgres } from '../../../support/postgres';
import { startFakeJane, type FakeJane } from '../../../support/fake-marketplaces/jane';
import { startFakeGreentillPlatform, type FakeGreentillPlatform } from '../../../support/fake-marketplaces/greentill-webhook';
import { connectStore, startTestRelay, storeClient, until } from '../../support';
import type { Relay } from '../../../../src/relay/app';
import { relayBacklog } from '../../../../src/relay/features/backlog';

/**
 * Statuses back to Jane and to a Greentill order webhook v1 platform,
 * through the relay's job queue as Leafly's: forward-only, superseded
 * statuses collapse, final states final, and — with the platform failing
 * (5xx) and answers lost after the change was made — each status reaches
 * each platform once, in order.
 */

type Status = 'confirmed' | 'ready' | 'picked_up' | 'canceled';
const JANE: Record<Status, string> = { confirmed: 'staff_member_review', ready: 'ready_for_pickup', picked_up: 'finished', canceled: 'cancelled' };
const ORDERS = 30;

let pg: TestPostgres;
let relay: Relay & { dispose(): Promise<void> };
let jane: FakeJane;
let gt: FakeGreentillPlatform;
let store: Awaited<ReturnType<typeof connectStore>>;

beforeAll(async () => {
  pg = await startTestPostgres();
  relay = await startTestRelay(pg);
  jane = await startFakeJane({ retryMs: 50 });
  gt = await startFakeGreentillPlatform({ retryMs: 50 });
  store = await connectStore(relay.database.db, {
    jane: { secret: jane.secret, apiBase: jane.url, apiKey: jane.apiKey },
    greentill: { secret: gt.secret, apiBase: gt.statusUrl },
  });
  jane.setWebhookUrl(`${relay.url}${store.connections.jane!.webhookPath}`);
  gt.setWebhookUrl(`${relay.url}${store.connections.greentill!.webhookPath}`);
}, 60_000);
afterAll(async () => {
  await jane?.close();
  await gt?.close();
  await relay?.dispose();
  pg?.stop();
});

const client = () => storeClient(() => relay.url, store.credential);
const sendStatus = (platform: 'jane' | 'greentill', orderId: string, statusId: string, status: Status) =>
  client().status({
    statusId,
    connectionId: store.connections[platform]!.connectionId,
    orderId,
    status,
    cancelReason: status === 'canceled' ? 'customer' : null,
  });
const janeStatus = (id: string) => jane.carts.get(id)!.status;
const gtStatus = (id: string) => gt.orders.get(id)!.status;

describe('statuses back to Jane and Greentill webhook v1 platforms', () => {
  it('reaches each platform once per status, in order, through 5xx answers and lost answers', async () => {
    const item = { product_id: 'sku-1', name: 'Gummies', count: 1, price_cents: 2000 };
    for (let i = 0; i < ORDERS; i += 1) {
      jane.checkout(`J-${i}`, [item]);
      gt.submit(`G-${i}`, [{ productRef: 'sku-2', name: 'Pre-roll', quantity: 1, unitPriceCents: 1200 }]);
    }
    await jane.delivery.settled();
    await gt.delivery.settled();
    const plan = (i: number): Status[] => (i % 5 === 0 ? ['confirmed', 'canceled'] : ['confirmed', 'ready', 'picked_up']);
    jane.failNextApiCalls(15);
    jane.loseNextAnswers(12);
    gt.failNextCalls(15);
    gt.loseNextAnswers(12);
    for (let step = 0; step < 3; step += 1) {
      for (let i = 0; i < ORDERS; i += 1) {
        const status = plan(i)[step];
        if (status === undefined) continue;
        expect((await sendStatus('jane', `J-${i}`, `J-${i}-${step}`, status)).body).toEqual({ accepted: true, outcome: 'queued' });
        expect((await sendStatus('greentill', `G-${i}`, `G-${i}-${step}`, status)).body).toEqual({ accepted: true, outcome: 'queued' });
      }
      // People's pace: each step lands before the next is made (a backlog collapses; tested below).
      const landed = (i: number) => plan(i)[Math.min(step, plan(i).length - 1)]!;
      await until(
        () => Array.from({ length: ORDERS }, (_, i) => janeStatus(`J-${i}`) === JANE[landed(i)] && gtStatus(`G-${i}`) === landed(i)).every(Boolean),
        20_000,
        `step ${step} on both platforms`,
      );
      // …and the relay has heard back (a lost answer is sent again before the next status could collapse it).
      await until(async () => (await relayBacklog(relay.database.db)).waiting === 0, 20_000, `step ${step} settled on the relay`);
    }
    for (let i = 0; i < ORDERS; i += 1) {
      const cart = jane.carts.get(`J-${i}`)!;
      expect(cart.history.filter((h) => h.by === 'partner').map((h) => h.status)).toEqual(plan(i).map((s) => JANE[s]));
      expect(cart.refused).toEqual([]);
      const order = gt.orders.get(`G-${i}`)!;
      expect(order.history.map((h) => h.status)).toEqual(plan(i));
      expect(order.history.map((h) => h.id)).toEqual(plan(i).map((_, step) => `G-${i}-${step}`));
      expect(order.refused).toEqual([]);
    }
    // The faults happened: lost answers were sent again (the receiver saw the same id twice) or found already there (Jane).
    expect(jane.apiCalls).toMatchObject({ failed: 15, lost: 12 });
    expect(gt.calls).toMatchObject({ failed: 15, lost: 12, badSignature: 0 });
    expect(gt.calls.duplicates).toBe(12);
    expect(gt.orders.get('G-0')!.history[1]!.cancelReason).toBe('customer');
  }, 90_000);

  it('collapses statuses queued while the platform fails into the latest, and refuses anything after a final status', async () => {
    jane.checkout('J-c', [{ product_id: 'sku-1', name: 'Gummies', count: 1, price_cents: 2000 }]);
    gt.submit('G-c', [{ productRef: 'sku-2', name: 'Pre-roll', quantity: 1, unitPriceCents: 1200 }]);
    await jane.delivery.settled();
    await gt.delivery.settled();
    jane.failNextApiCalls(1_000_000);
    gt.failNextCalls(1_000_000);
    await sendStatus('jane', 'J-c', 'jc1', 'confirmed');
    await sendStatus('greentill', 'G-c', 'gc1', 'confirmed');
    for (const [p, id] of [
      ['jane', 'J-c'],
      ['greentill', 'G-c'],
    ] as const) {
      await sendStatus(p, id, `${id}-2`, 'ready');
      await sendStatus(p, id, `${id}-3`, 'picked_up');
      const late = await sendStatus(p, id, `${id}-4`, 'canceled');
      expect(late.status).toBe(409);
      expect((late.body as { error: { code: string } }).error.code).toBe('RELAY_STATUS_FINAL');
    }
    jane.failNextApiCalls(0);
    gt.failNextCalls(0);
    await until(() => janeStatus('J-c') === 'finished' && gtStatus('G-c') === 'picked_up', 15_000, 'the final status on both');
    // Sent: in order, each once, ending final. Collapsed: at least one of the three on each platform, whichever a
    // worker was not holding mid-call when the next came (a held one still goes) — never all three sent.
    const janeSent = jane.carts
      .get('J-c')!
      .history.filter((h) => h.by === 'partner')
      .map((h) => h.status);
    const gtSent = gt.orders.get('G-c')!.history.map((h) => h.status);
    expect(['staff_member_review', 'ready_for_pickup', 'finished'].filter((s) => janeSent.includes(s))).toEqual(janeSent);
    expect(['confirmed', 'ready', 'picked_up'].filter((s) => gtSent.includes(s))).toEqual(gtSent);
    expect([janeSent.at(-1), gtSent.at(-1)]).toEqual(['finished', 'picked_up']);
    expect([janeSent.length, gtSent.length].every((n) => n < 3)).toBe(true);
    expect(jane.carts.get('J-c')!.refused).toEqual([]);
    expect(gt.orders.get('G-c')!.refused).toEqual([]);
  }, 30_000);

  it('only records statuses for a connection made without a status address', async () => {
    const bare = await connectStore(relay.database.db, { jane: { secret: 'jane-bare-secret-000001' } });
    const body = JSON.stringify({ cart_id: 'J-bare', status: 'pending', products: [{ product_id: 'sku-1', name: 'Gummies', count: 1, price_cents: 2000 }] });
    const res = await fetch(`${relay.url}${bare.connections.jane!.webhookPath}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: 'Bearer jane-bare-secret-000001' },
      body,
    });
    expect(res.status).toBe(200);
    const answer = await storeClient(() => relay.url, bare.credential).status({
      statusId: 'b1',
      connectionId: bare.connections.jane!.connectionId,
      orderId: 'J-bare',
      status: 'confirmed',
    });
    expect(answer.body).toEqual({ accepted: true, outcome: 'recorded' });
  });
});
