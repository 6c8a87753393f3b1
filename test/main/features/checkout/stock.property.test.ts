import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../../../src/main/core/create-core';
import { demoPackageTag } from '../../../../src/main/features/demo/seed';
import { checkInSaved } from '../../../support/check-in';
import { signIn } from '../../../support/session';
import { openTempDatabase, testPiiKeys, type TempDatabase } from '../../../support/temp-db';

/**
 * Whatever carts are rung, parked or abandoned across terminals' worth of
 * commands, a package's stock never goes below zero and always equals what
 * it held less what was sold.
 */
let database: TempDatabase;
let core: Core;
beforeAll(async () => {
  database = openTempDatabase({ demo: true });
  core = createCore({ piiKeys: testPiiKeys, database, idleLockMs: 86_400_000 });
  await signIn(core, 'manager');
  await core.send('drawer-open', { count: { '2000': 10 } });
});
afterAll(() => database.dispose());

const onHand = (tag: string) => (database.sqlite.prepare('SELECT quantity_on_hand AS q FROM packages WHERE tag = ?').get(tag) as { q: number }).q;
const sold = (tag: string) =>
  (
    database.sqlite
      .prepare("SELECT coalesce(sum(l.quantity), 0) AS q FROM sale_lines l JOIN sales s ON s.id = l.sale_id WHERE l.package_tag = ? AND s.status = 'completed'")
      .get(tag) as { q: number }
  ).q;

describe('stock', () => {
  it('property: never negative, always initial − sold', async () => {
    // Accessories (no purchase limit) so the limit never hides a stock problem: the 510 battery, packages 101/102 (24 and 6 units).
    const tags = [demoPackageTag(101), demoPackageTag(102)];
    const initial = Object.fromEntries(tags.map((t) => [t, onHand(t)]));
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.record({ tag: fc.constantFrom(...tags), quantity: fc.integer({ min: 1, max: 12 }), complete: fc.boolean() }), {
          minLength: 1,
          maxLength: 6,
        }),
        async (ops) => {
          const cart = await core.send('cart-open', {});
          if (!cart.ok) return false;
          for (const op of ops) await core.send('cart-scan', { cartId: cart.value.cartId, code: op.tag, quantity: op.quantity });
          await checkInSaved(core, database, cart.value.cartId, 'customer-demo-adult');
          if (ops.some((o) => o.complete))
            await core.send('sale-complete', { cartId: cart.value.cartId, tenders: [{ tender: 'cash', tenderedCents: 1_000_000 }] });
          else
            await core
              .send('cart-park', { cartId: cart.value.cartId, label: 'later' })
              .then(() => database.sqlite.prepare("UPDATE carts SET status = 'abandoned' WHERE id = ?").run(cart.value.cartId));
          return tags.every((t) => onHand(t) >= 0 && onHand(t) === (initial[t] ?? 0) - sold(t));
        },
      ),
      { numRuns: 40 },
    );
    expect(tags.reduce((s, t) => s + sold(t), 0)).toBeGreaterThan(0);
  });
});
