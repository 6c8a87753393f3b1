import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../../../src/main/core/create-core';
import { demoProducts } from '../../../../src/main/features/demo/catalog';
import { demoPackageTag } from '../../../../src/main/features/demo/seed';
import type { CatalogIndexItem } from '../../../../src/shared/contract/catalog';
import { checkInSaved } from '../../../support/check-in';
import { signIn } from '../../../support/session';
import { openTempDatabase, testPiiKeys, type TempDatabase } from '../../../support/temp-db';
import { value } from '../../../support/result';

let database: TempDatabase;
let core: Core;
let clock = new Date('2026-11-24T18:00:00Z');
beforeEach(() => {
  clock = new Date('2026-11-24T18:00:00Z');
  database = openTempDatabase({ demo: true });
  core = createCore({ piiKeys: testPiiKeys, database, now: () => clock, idleLockMs: 120_000 });
});
afterEach(() => database.dispose());

async function wholeIndex(limit: number): Promise<CatalogIndexItem[]> {
  const items: CatalogIndexItem[] = [];
  for (let offset = 0; ; offset += limit) {
    const page = value(await core.send('catalog-index', { offset, limit }));
    items.push(...page.items);
    if (offset + limit >= page.total) return items;
  }
}

describe('catalog-index', () => {
  it('is refused until someone signs in', async () => {
    expect(await core.send('catalog-index', {})).toMatchObject({ ok: false, error: { code: 'SIGNED_OUT' } });
  });

  it('pages through every active product in SKU order, none twice, with the figures catalog-search gives', async () => {
    await signIn(core);
    const items = await wholeIndex(20);
    expect(items).toHaveLength(demoProducts.length);
    expect(new Set(items.map((i) => i.productId)).size).toBe(demoProducts.length);
    expect(items.map((i) => i.sku)).toEqual(items.map((i) => i.sku).sort());
    const searched = value(await core.send('catalog-search', { limit: 200 })).items;
    for (const item of searched) {
      const { packageTags, ...row } = items.find((i) => i.productId === item.productId) ?? { packageTags: [] };
      expect(row).toEqual(item);
      expect(packageTags).toHaveLength(item.sellablePackages);
    }
    expect(items.flatMap((i) => i.packageTags)).toContain(demoPackageTag(6));
  });

  it('leaves out inactive products and packages that cannot be sold', async () => {
    await signIn(core);
    const [first, second] = await wholeIndex(100);
    if (first === undefined || second === undefined) throw new Error('demo catalog too small');
    database.sqlite.prepare('UPDATE products SET active = 0 WHERE id = ?').run(first.productId);
    const heldTag = second.packageTags[0];
    database.sqlite.prepare("UPDATE packages SET status = 'on_hold' WHERE tag = ?").run(heldTag);
    const after = await wholeIndex(100);
    expect(after.map((i) => i.productId)).not.toContain(first.productId);
    const held = after.find((i) => i.productId === second.productId);
    expect(held?.packageTags).not.toContain(heldTag);
    expect(held?.sellablePackages).toBe(second.sellablePackages - 1);
  });

  it('answers only the products asked for: stock after a sale', async () => {
    await signIn(core, 'manager');
    value(await core.send('drawer-open', { count: { '2000': 5 } }));
    const tag = demoPackageTag(2);
    const before = (await wholeIndex(100)).find((i) => i.packageTags.includes(tag));
    if (before === undefined) throw new Error(`no product with package ${tag}`);
    const cart = value(await core.send('cart-open', {}));
    value(await core.send('cart-scan', { cartId: cart.cartId, code: tag }));
    await checkInSaved(core, database, cart.cartId, 'customer-demo-adult');
    value(await core.send('sale-complete', { cartId: cart.cartId, tenders: [{ tender: 'cash', tenderedCents: 20_000 }] }));
    const page = value(await core.send('catalog-index', { productIds: [before.productId, 'no-such-product'] }));
    expect(page.total).toBe(1);
    expect(page.items.map((i) => [i.productId, i.available])).toEqual([[before.productId, before.available - 1]]);
  });

  it('refuses pages larger than 5,000 products and strangers in the payload', async () => {
    await signIn(core);
    expect(await core.send('catalog-index', { limit: 5001 })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(await core.invoke('catalog-index', { limit: 10, text: 'x' })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
  });

  it('loading it in the background does not keep an idle register unlocked', async () => {
    await signIn(core);
    for (let i = 0; i < 3; i += 1) {
      clock = new Date(clock.getTime() + 30_000);
      expect((await core.send('catalog-index', { limit: 10 })).ok).toBe(true);
    }
    // Two minutes after the last thing the budtender did, pages loaded meanwhile or not.
    clock = new Date(clock.getTime() + 31_000);
    expect(await core.send('catalog-index', { limit: 10 })).toMatchObject({ ok: false, error: { code: 'SESSION_LOCKED' } });
  });
});
