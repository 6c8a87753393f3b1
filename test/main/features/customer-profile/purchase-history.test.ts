import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { demoPackageTag } from '../../../../src/main/features/demo/seed';
import { checkInSaved } from '../../../support/check-in';
import { registerAtTheCounter, type Counter } from '../../../support/register';
import { value } from '../../../support/result';

/** Issue #22: a customer's purchase history on their card, newest first, a page at a time. */
let counter: Counter;
const customerId = 'customer-demo-adult';
beforeEach(async () => {
  counter = await registerAtTheCounter({ role: 'manager', drawerTwenties: 10 });
});
afterEach(() => counter.dispose());

async function sell(quantity: number, tenders: Array<{ tender: 'cash'; tenderedCents: number }> = [{ tender: 'cash', tenderedCents: 100_000 }]) {
  const { core, database } = counter;
  const { cartId } = value(await core.send('cart-open', {}));
  value(await core.send('cart-scan', { cartId, code: demoPackageTag(1), quantity }));
  await checkInSaved(core, database, cartId, customerId);
  const sale = value(await core.send('sale-complete', { cartId, tenders }));
  const line = database.sqlite.prepare('SELECT id FROM sale_lines WHERE sale_id = ?').get(sale.saleId) as { id: string };
  return { saleId: sale.saleId, lineId: line.id };
}
const minutes = (n: number) => (counter.clock.now = new Date(counter.clock.now.getTime() + n * 60_000));

describe('a customer’s purchase history', () => {
  it('lists sales newest first with register, lines, tenders, returns, the void and points, a page at a time', async () => {
    const { core } = counter;
    const first = await sell(1);
    minutes(10);
    const second = await sell(2);
    value(
      await core.send('sale-return', {
        saleId: second.saleId,
        lines: [{ saleLineId: second.lineId, quantity: 1 }],
        reason: 'Changed mind',
        disposition: 'inventory',
      }),
    );
    minutes(10);
    const third = await sell(1);
    value(await core.send('sale-void', { saleId: third.saleId, reason: 'Rung on the wrong customer' }));

    const page1 = value(await core.send('customer-purchases', { customerId, limit: 2 }));
    expect(page1.items.map((s) => s.saleId)).toEqual([third.saleId, second.saleId]);
    const [voided, returned] = page1.items;
    expect(voided).toMatchObject({ status: 'voided', voidedAt: expect.any(String), register: 'Counter 1' });
    expect(voided?.points.adjusted).toBe(-(voided?.points.earned ?? 0));
    expect(returned).toMatchObject({
      status: 'completed',
      lines: [{ productName: expect.any(String), quantity: 2, unit: 'each', returnedQuantity: 1 }],
      tenders: [{ tender: 'cash', amountCents: returned?.totalCents }],
      returns: [{ returnNumber: expect.any(String), refundCents: expect.any(Number) }],
    });
    expect(returned?.points.earned).toBeGreaterThan(0);
    expect(returned?.points.adjusted).toBeLessThan(0);
    expect(page1.nextCursor).not.toBeNull();

    const page2 = value(await core.send('customer-purchases', { customerId, limit: 2, cursor: page1.nextCursor ?? '' }));
    expect(page2.items.map((s) => s.saleId)).toEqual([first.saleId]);
    expect(page2.items[0]).toMatchObject({ status: 'completed', returns: [], points: { adjusted: 0, redeemed: 0 } });
    expect(page2.nextCursor).toBeNull();
  });

  it('pages through sales made in the same millisecond without repeating or skipping one', async () => {
    const sold = [await sell(1), await sell(1), await sell(1)].map((s) => s.saleId);
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = value(await counter.core.send('customer-purchases', { customerId, limit: 1, ...(cursor === undefined ? {} : { cursor }) }));
      seen.push(...page.items.map((s) => s.saleId));
      cursor = page.nextCursor ?? undefined;
    } while (cursor !== undefined);
    expect(seen).toHaveLength(3);
    expect([...seen].sort()).toEqual([...sold].sort());
    expect(seen).toEqual([...seen].sort().reverse());
  });

  it('refuses a broken cursor and a customer of no record, with typed errors', async () => {
    const { core } = counter;
    expect(await core.send('customer-purchases', { customerId, cursor: 'page-two' })).toMatchObject({
      ok: false,
      error: { code: 'PURCHASE_HISTORY_CURSOR_INVALID' },
    });
    expect(await core.send('customer-purchases', { customerId: 'nobody' })).toMatchObject({ ok: false, error: { code: 'CUSTOMER_NOT_FOUND' } });
    expect(value(await core.send('customer-purchases', { customerId })).items).toEqual([]);
  });
});
