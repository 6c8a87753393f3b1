import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { demoPackageTag } from '../../../../src/main/features/demo/seed';
import { checkInSaved } from '../../../support/check-in';
import { value } from '../../../support/result';
import { registerAtTheCounter, type Counter } from '../../../support/register';

/** Issue #17, item 12: the Returns screen lists the day's last 50 sales to pick from. */
let counter: Counter;
beforeEach(async () => {
  counter = await registerAtTheCounter({ drawerTwenties: 20 });
});
afterEach(() => counter.dispose());

const BATTERY = demoPackageTag(101); // the 510 battery: under no purchase limit

async function sell(): Promise<string> {
  const { core, database } = counter;
  const { cartId } = value(await core.send('cart-open', {}));
  value(await core.send('cart-scan', { cartId, code: BATTERY }));
  await checkInSaved(core, database, cartId, 'customer-demo-adult');
  return value(await core.send('sale-complete', { cartId, tenders: [{ tender: 'cash', tenderedCents: 10_000 }] })).saleNumber;
}
const later = (minutes: number) => (counter.clock.now = new Date(counter.clock.now.getTime() + minutes * 60_000));

describe('the day’s recent sales', () => {
  it('lists this store day’s sales newest first, with total, budtender, lines and status', async () => {
    const { core } = counter;
    expect(value(await core.send('sales-recent', {})).items).toEqual([]);
    const first = await sell();
    later(5);
    const second = await sell();
    const { items } = value(await core.send('sales-recent', {}));
    expect(items.map((s) => s.saleNumber)).toEqual([second, first]);
    expect(items[0]).toMatchObject({ status: 'completed', budtender: 'Morgan Manager', lines: 1, totalCents: expect.any(Number) });
    value(await core.send('sale-void', { saleId: items[1]?.saleId ?? '', reason: 'Rung twice' }));
    expect(value(await core.send('sales-recent', {})).items.map((s) => s.status)).toEqual(['completed', 'voided']);
  });

  it('keeps to the store-local day (yesterday’s sales are not listed) and to the last 50', async () => {
    const { core, database } = counter;
    const yesterday = await sell();
    // 10:00 in Los Angeles; the next store day starts at midnight there.
    later(15 * 60);
    expect(value(await core.send('sales-recent', {})).items).toEqual([]);
    const today = await sell();
    // Copies of today's sale, a minute apart, stand for a busy day.
    const row = database.sqlite.prepare('SELECT * FROM sales WHERE sale_number = ?').get(today) as Record<string, unknown>;
    const insert = database.sqlite.prepare(
      `INSERT INTO sales (${Object.keys(row).join(', ')}) VALUES (${Object.keys(row)
        .map((k) => `@${k}`)
        .join(', ')})`,
    );
    for (let i = 1; i <= 55; i++)
      insert.run({
        ...row,
        id: `busy-${i}`,
        sale_number: `Z1-${String(i).padStart(6, '0')}`,
        cart_id: null,
        completed_at: Number(row['completed_at']) - i * 60_000,
      });
    const { items } = value(await core.send('sales-recent', {}));
    expect(items).toHaveLength(50);
    expect(items[0]?.saleNumber).toBe(today);
    expect(items[49]?.saleNumber).toBe('Z1-000049');
    expect(items.some((s) => s.saleNumber === yesterday)).toBe(false);
  });
});
