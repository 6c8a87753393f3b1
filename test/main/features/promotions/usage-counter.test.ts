import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { promotionUsage } from '../../../../src/main/features/promotions/promotion-store';
import type { Result } from '../../../../src/shared/errors';
import { checkInSaved } from '../../../support/check-in';
import { registerAtTheCounter, type Counter } from '../../../support/register';

/**
 * Promotion usage as a counter kept in each sale's transaction (issue #18),
 * checked against the count it replaces: distinct sales over every promoted
 * sale line, which voids and returns never changed.
 */
let counter: Counter;
beforeEach(async () => {
  counter = await registerAtTheCounter({ drawerTwenties: 20 });
  const insert = counter.database.sqlite.prepare(
    "INSERT INTO promotions (id, store_id, name, definition, active, created_at) VALUES (?, 'store-demo-oakland', ?, ?, 1, 0)",
  );
  // Two limited promotions that can meet on one sale, and the demo's unlimited edibles buy-2-get-1 beside them.
  insert.run(
    'first-3-flower',
    'First three flower sales: 10 % off',
    JSON.stringify({ usageLimit: 3, scope: { categories: ['flower'] }, kind: { type: 'percent_off', bp: 1_000 } }),
  );
  insert.run(
    'pre-roll-dollar',
    'Pre-rolls: $1 off, 50 sales',
    JSON.stringify({ usageLimit: 50, scope: { categories: ['preroll'] }, kind: { type: 'amount_off', cents: 100 } }),
  );
});
afterEach(() => counter.dispose());

function value<T>(result: Result<T>): T {
  if (!result.ok) throw new Error(JSON.stringify(result.error));
  return result.value;
}

const tagOf = (name: string): string =>
  (
    counter.database.sqlite
      .prepare('SELECT k.tag FROM packages k JOIN products p ON p.id = k.product_id WHERE p.name = ? ORDER BY k.packaged_date LIMIT 1')
      .get(name) as { tag: string }
  ).tag;

async function sell(items: Array<[string, number]>) {
  const { core, database } = counter;
  const cart = value(await core.send('cart-open', {}));
  for (const [name, quantity] of items) value(await core.send('cart-scan', { cartId: cart.cartId, code: tagOf(name), quantity }));
  await checkInSaved(core, database, cart.cartId, 'customer-demo-adult');
  return value(await core.send('sale-complete', { cartId: cart.cartId, tenders: [{ tender: 'cash', tenderedCents: 200_000 }] }));
}

/** The count the counter replaces, as it was written before (promotion-store.ts until issue #18). */
function countedOverLines(): Record<string, number> {
  const rows = counter.database.sqlite
    .prepare('SELECT promotion_id AS id, count(DISTINCT sale_id) AS n FROM sale_discounts WHERE promotion_id IS NOT NULL GROUP BY promotion_id')
    .all() as Array<{ id: string; n: number }>;
  return Object.fromEntries(rows.map((r) => [r.id, r.n]));
}

/** The promotions that have a usage limit: the only ones whose count is read (eligibility.ts). */
function limited(): string[] {
  return (
    counter.database.sqlite.prepare("SELECT id FROM promotions WHERE json_extract(definition, '$.usageLimit') IS NOT NULL ORDER BY id").all() as Array<{
      id: string;
    }>
  ).map((r) => r.id);
}

function expectCounterAgrees(): void {
  const counted = countedOverLines();
  const kept = promotionUsage(counter.database.db);
  expect(Object.keys(kept).sort()).toEqual(limited().filter((id) => counted[id] !== undefined));
  for (const id of limited()) expect(kept[id], id).toBe(counted[id]);
}

const lineIdsOf = (saleId: string) =>
  counter.database.sqlite.prepare('SELECT id, quantity FROM sale_lines WHERE sale_id = ? ORDER BY line_number').all(saleId) as Array<{
    id: string;
    quantity: number;
  }>;

describe('promotion usage counter (issue #18)', () => {
  it('agrees with the count over promoted lines through sales, voids and returns, and still ends a promotion at its limit', async () => {
    expectCounterAgrees();
    // Two flower lines and a pre-roll: both limited promotions, each counted once for the sale.
    const first = await sell([
      ['Blue Dream 3.5g', 1],
      ['Blue Dream 7g', 1],
      ['Blue Dream Pre-Roll 1g', 2],
    ]);
    expect(first.discountCents).toBeGreaterThan(0);
    expectCounterAgrees();
    expect(promotionUsage(counter.database.db)).toEqual({ 'first-3-flower': 1, 'pre-roll-dollar': 1 });

    // The unlimited edibles promotion is counted by the old query, and has no counter.
    await sell([['Sour Watermelon Gummies 10x10mg', 3]]);
    expect(countedOverLines()['promo-demo-edibles-b2g1']).toBe(1);
    expectCounterAgrees();

    // A void the same day: the voided sale's lines stay on file, so it still counts.
    const voided = await sell([['Blue Dream 3.5g', 1]]);
    value(await counter.core.send('sale-void', { saleId: voided.saleId, reason: 'Customer changed their mind' }));
    expectCounterAgrees();
    expect(promotionUsage(counter.database.db)['first-3-flower']).toBe(2);

    // A return of part of a sale, then of the rest: the sale still counts once.
    const returned = await sell([
      ['Blue Dream 3.5g', 1],
      ['Blue Dream Pre-Roll 1g', 1],
    ]);
    const [flowerLine, prerollLine] = lineIdsOf(returned.saleId);
    if (flowerLine === undefined || prerollLine === undefined) throw new Error('expected two lines');
    value(
      await counter.core.send('sale-return', {
        saleId: returned.saleId,
        lines: [{ saleLineId: flowerLine.id, quantity: 1 }],
        reason: 'Wrong item',
        disposition: 'inventory',
      }),
    );
    expectCounterAgrees();
    value(
      await counter.core.send('sale-return', {
        saleId: returned.saleId,
        lines: [{ saleLineId: prerollLine.id, quantity: 1 }],
        reason: 'Wrong item',
        disposition: 'quarantine',
      }),
    );
    expectCounterAgrees();
    expect(promotionUsage(counter.database.db)).toEqual({ 'first-3-flower': 3, 'pre-roll-dollar': 2 });

    // The limit is reached: the next flower sale gets no discount, and neither count moves for it.
    const after = await sell([['Blue Dream 3.5g', 1]]);
    expect(after.discountCents).toBe(0);
    expectCounterAgrees();
    expect(promotionUsage(counter.database.db)['first-3-flower']).toBe(3);
  });

  it('leaves nothing behind when the sale does not commit', async () => {
    const { core, database } = counter;
    const cart = value(await core.send('cart-open', {}));
    value(await core.send('cart-scan', { cartId: cart.cartId, code: tagOf('Blue Dream 3.5g'), quantity: 1 }));
    await checkInSaved(core, database, cart.cartId, 'customer-demo-adult');
    // Cash short of the total: refused before anything is written.
    expect((await core.send('sale-complete', { cartId: cart.cartId, tenders: [{ tender: 'cash', tenderedCents: 100 }] })).ok).toBe(false);
    expect(promotionUsage(database.db)).toEqual({});
    expectCounterAgrees();
  });
});
