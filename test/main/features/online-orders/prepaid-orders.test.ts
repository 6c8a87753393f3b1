import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { demoPackageTag } from '../../../../src/main/features/demo/seed';
import { signGreentillWebhook } from '../../../../src/relay/features/platforms';
import type { Relay } from '../../../../src/relay/app';
import { startTestPostgres, type TestPostgres } from '../../../support/postgres';
import { connectStore, startTestRelay } from '../../../relay/support';
import { registerAtTheCounter, type Counter } from '../../../support/register';
import { checkInSaved } from '../../../support/check-in';
import { signIn } from '../../../support/session';
import { value } from '../../../support/result';

/**
 * Prepaid online orders (issue #21): an order the platform marks paid
 * (Greentill webhook v1 `order.payment`) hands over with a `prepaid` tender
 * for what the platform charged — outside the drawer, no change, the receipt
 * says prepaid — and a price difference between platform and register is
 * recorded and shown, and never charged silently: a shortfall is refused
 * until staff add a tender for it.
 */

let pg: TestPostgres;
let relay: Relay & { dispose(): Promise<void> };
let credential: string;
let greentillPath: string;
const SECRET = 'prepaid-menu-webhook-secret-1';
let counter: Counter;
let orders = 0;
const SKU = 'GT-0001';
const OLDER = demoPackageTag(1);
const JORDAN = 'customer-demo-adult';

beforeAll(async () => {
  pg = await startTestPostgres();
  relay = await startTestRelay(pg);
  const store = await connectStore(relay.database.db, { greentill: { secret: SECRET } });
  greentillPath = store.connections.greentill!.webhookPath;
  credential = store.credential;
}, 60_000);
afterAll(async () => {
  await relay?.dispose();
  pg?.stop();
});
beforeEach(async () => {
  counter = await registerAtTheCounter({ drawerTwenties: 20 });
  await signIn(counter.core, 'admin');
  value(await counter.core.send('online-orders-connect', { url: relay.url, credential }));
});
afterEach(() => counter.dispose());

const sql = <T>(query: string, ...args: unknown[]) => counter.database.sqlite.prepare(query).all(...args) as T[];

/** A paid order for one GT-0001 from the store's own menu, through the relay, accepted, picked, ready and handed over: its cart. */
async function paidOrderAtTheCounter(payment: Record<string, unknown> | null): Promise<{ orderId: string; platformOrderId: string; cartId: string }> {
  const { core } = counter;
  const platformOrderId = `P-${process.pid}-${++orders}`;
  const raw = JSON.stringify({
    id: `evt-${platformOrderId}`,
    type: 'order.created',
    order: { id: platformOrderId, customerName: 'Sam R.', items: [{ productRef: SKU, name: 'Blue Dream 3.5g', quantity: 1, unitPriceCents: 3500 }], payment },
  });
  const posted = await fetch(`${relay.url}${greentillPath}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...signGreentillWebhook(SECRET, raw, new Date()) },
    body: raw,
  });
  expect(posted.status).toBe(200);
  const order = value(await core.send('online-orders-pull', {})).orders.find((o) => o.platformOrderId === platformOrderId)!;
  value(await core.send('online-order-accept', { orderId: order.id }));
  value(await core.send('online-order-pick', { orderId: order.id, tag: OLDER }));
  value(await core.send('online-order-ready', { orderId: order.id }));
  const { cartId } = value(await core.send('online-order-handover', { orderId: order.id }));
  await checkInSaved(core, counter.database, cartId, JORDAN);
  return { orderId: order.id, platformOrderId, cartId };
}

const prepaidOf = async (orderId: string) => value(await counter.core.send('online-orders-list', {})).orders.find((o) => o.id === orderId)!.prepaid;

describe('prepaid online orders', () => {
  it('hands over with a prepaid tender for what the platform charged: no drawer, no change, the receipt says prepaid, the difference recorded', async () => {
    const { orderId, cartId } = await paidOrderAtTheCounter({ status: 'paid', amountCents: 5_000, reference: 'pay_123' });
    expect(await prepaidOf(orderId)).toEqual({ amountCents: 5_000, reference: 'pay_123', registerTotalCents: null, differenceCents: null });
    const sale = value(await counter.core.send('sale-complete', { cartId, tenders: [] }));
    const total = sale.totalCents;
    expect(total).toBeLessThan(5_000);
    expect(sale.tenders).toEqual([{ tender: 'prepaid', amountCents: total, tenderedCents: 5_000, changeCents: 0, reference: 'pay_123' }]);
    expect(sale.changeCents).toBe(0);
    expect(sql('SELECT tender, amount_cents, tendered_cents, change_cents, drawer_session_id FROM payments WHERE sale_id = ?', sale.saleId)).toEqual([
      { tender: 'prepaid', amount_cents: total, tendered_cents: 5_000, change_cents: 0, drawer_session_id: null },
    ]);
    expect(await prepaidOf(orderId)).toEqual({ amountCents: 5_000, reference: 'pay_123', registerTotalCents: total, differenceCents: 5_000 - total });
    const receipt = value(await counter.core.send('sale-receipt', { saleId: sale.saleId }));
    expect(receipt.tenders).toEqual([{ label: 'Prepaid online pay_123', amountCents: 5_000 }]);
    expect(receipt.footer[0]).toMatch(/^Prepaid online order: the platform charged \$50\.00, \$[\d.]+ more than this receipt's total of \$[\d.]+\.$/);
  });

  it('never charges a shortfall silently: refused with both amounts, nothing written, until staff add a tender for the difference', async () => {
    const { orderId, cartId } = await paidOrderAtTheCounter({ status: 'paid', amountCents: 1_000, reference: 'pay_short' });
    const refused = await counter.core.send('sale-complete', { cartId, tenders: [] });
    expect(refused).toMatchObject({ ok: false, error: { code: 'PREPAID_DIFFERENCE_DUE' } });
    if (refused.ok) throw new Error('completed');
    expect(refused.error.message).toMatch(/^The platform charged \$10\.00 but the register's total is \$[\d.]+: \$[\d.]+ more is due\./);
    expect(sql('SELECT count(*) AS n FROM sales WHERE cart_id = ?', cartId)).toEqual([{ n: 0 }]);
    const sale = value(await counter.core.send('sale-complete', { cartId, tenders: [{ tender: 'cash', tenderedCents: 10_000 }] }));
    const total = sale.totalCents;
    expect(sale.tenders.map((t) => [t.tender, t.amountCents])).toEqual([
      ['prepaid', 1_000],
      ['cash', total - 1_000],
    ]);
    expect((await prepaidOf(orderId))?.differenceCents).toBe(1_000 - total);
    const receipt = value(await counter.core.send('sale-receipt', { saleId: sale.saleId }));
    expect(receipt.footer[0]).toContain('less than this receipt');
  });

  it('takes no prepaid tender for an unpaid order or an ordinary cart, and refunds a prepaid sale only on its platform', async () => {
    const { orderId, cartId } = await paidOrderAtTheCounter({ status: 'unpaid', amountCents: 5_000, reference: 'pay_later' });
    expect(await prepaidOf(orderId)).toBeNull();
    expect(await counter.core.send('sale-complete', { cartId, tenders: [] })).toMatchObject({ ok: false, error: { code: 'PAYMENT_MISSING' } });

    const paid = await paidOrderAtTheCounter({ status: 'paid', amountCents: 9_000, reference: 'pay_9' });
    const sale = value(await counter.core.send('sale-complete', { cartId: paid.cartId, tenders: [] }));
    const voided = await counter.core.send('sale-void', { saleId: sale.saleId, reason: 'customer changed mind' });
    expect(voided).toMatchObject({ ok: false, error: { code: 'REFUND_PREPAID' } });
  });
});
