import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { labTestingStates } from '../../../../src/main/platform/db/schema';
import { checkInSaved } from '../../../support/check-in';
import { registerAtTheCounter, type Counter } from '../../../support/register';
import { value } from '../../../support/result';

/**
 * A package whose lab state is not passed (TestPassed, or NotRequired for
 * accessories) is sold on no path: a tag scan, a UPC or SKU scan (FIFO skips
 * it), the catalogue the counter searches, and the sale's own commit when the
 * state changed after the scan (a failed result downloaded mid-sale).
 */
let counter: Counter;
let flower: { tags: string[]; upc: string; sku: string; productId: string };
beforeEach(async () => {
  counter = await registerAtTheCounter({ role: 'manager', drawerTwenties: 10 });
  const rows = counter.database.sqlite
    .prepare("SELECT k.tag, p.upc, p.sku, p.id FROM packages k JOIN products p ON p.id = k.product_id WHERE p.name = 'Jack Herer 3.5g' ORDER BY k.tag")
    .all() as Array<{ tag: string; upc: string; sku: string; id: string }>;
  flower = { tags: rows.map((r) => r.tag), upc: rows[0]!.upc, sku: rows[0]!.sku, productId: rows[0]!.id };
});
afterEach(() => counter.dispose());

const setLab = (state: string) =>
  counter.database.sqlite.prepare(`UPDATE packages SET lab_testing_state = ? WHERE product_id = ?`).run(state, flower.productId);

describe('lab state gates every sale path', () => {
  const notPassed = labTestingStates.filter((s) => s !== 'TestPassed' && s !== 'NotRequired');

  it.each(notPassed)('%s: refused by tag, UPC and SKU, and absent from the catalogue', async (state) => {
    setLab(state);
    const cart = value(await counter.core.send('cart-open', {}));
    expect(await counter.core.send('cart-scan', { cartId: cart.cartId, code: flower.tags[0]! })).toMatchObject({
      ok: false,
      error: { code: 'PACKAGE_UNTESTED' },
    });
    for (const code of [flower.upc, flower.sku])
      expect(await counter.core.send('cart-scan', { cartId: cart.cartId, code })).toMatchObject({ ok: false, error: { code: 'OUT_OF_STOCK' } });
    const index = value(await counter.core.send('catalog-index', { limit: 5000 }));
    expect(index.items.find((i) => i.productId === flower.productId)).toMatchObject({ available: 0, sellablePackages: 0 });
  });

  it.each(notPassed)('%s after the scan: the sale refuses to complete and writes nothing', async (state) => {
    const cart = value(await counter.core.send('cart-open', {}));
    value(await counter.core.send('cart-scan', { cartId: cart.cartId, code: flower.tags[0]! }));
    await checkInSaved(counter.core, counter.database, cart.cartId, 'customer-demo-adult');
    setLab(state);
    expect(await counter.core.send('sale-complete', { cartId: cart.cartId, tenders: [{ tender: 'cash', tenderedCents: 10_000 }] })).toMatchObject({
      ok: false,
      error: { code: 'PACKAGE_UNTESTED' },
    });
    expect(counter.database.sqlite.prepare('SELECT count(*) AS n FROM sales').get()).toEqual({ n: 0 });
    setLab('TestPassed');
    expect(await counter.core.send('sale-complete', { cartId: cart.cartId, tenders: [{ tender: 'cash', tenderedCents: 10_000 }] })).toMatchObject({ ok: true });
  });
});
