import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../../../src/main/core/create-core';
import { signIn } from '../../../support/session';
import { openTempDatabase, testPiiKeys, type TempDatabase } from '../../../support/temp-db';
import { value } from '../../../support/result';
import { SEARCH_COUNT_CAP } from '../../../../src/main/features/catalog/search';

/**
 * `catalog-search` reads a page of matches and then the stock of that page
 * only (issue #18): the count of all matches, the order, and each product's
 * sellable stock must be what one query over everything would give.
 */

let database: TempDatabase;
let core: Core;
beforeEach(async () => {
  database = openTempDatabase({ demo: true });
  core = createCore({ piiKeys: testPiiKeys, database, now: () => new Date('2026-11-24T18:00:00Z'), idleLockMs: 120_000 });
  await signIn(core, 'budtender');
});
afterEach(() => database.dispose());

/** Every active product matching, with its sellable stock, by one query over everything (the reference). */
function reference(text: string): Array<{ name: string; available: number; sellablePackages: number }> {
  return database.sqlite
    .prepare(
      `SELECT p.name AS name,
              coalesce(sum(CASE WHEN k.status = 'active' AND k.lab_testing_state IN ('TestPassed','NotRequired') AND k.quantity_on_hand > 0 THEN k.quantity_on_hand END), 0) AS available,
              count(CASE WHEN k.status = 'active' AND k.lab_testing_state IN ('TestPassed','NotRequired') AND k.quantity_on_hand > 0 THEN 1 END) AS sellablePackages
       FROM products p LEFT JOIN packages k ON k.product_id = p.id
       WHERE p.active = 1 AND (p.name LIKE ? OR p.brand LIKE ? OR p.strain LIKE ? OR p.sku LIKE ?)
       GROUP BY p.id ORDER BY p.name, p.id`,
    )
    .all(...Array(4).fill(`%${text}%`)) as Array<{ name: string; available: number; sellablePackages: number }>;
}

describe('catalog-search', () => {
  it('pages through every match in name order with the count of all of them and each one’s sellable stock', async () => {
    const expected = reference('a');
    expect(expected.length).toBeGreaterThan(6);
    const seen: Array<{ name: string; available: number; sellablePackages: number }> = [];
    for (let offset = 0; offset < expected.length; offset += 4) {
      const page = value(await core.send('catalog-search', { text: 'a', limit: 4, offset }));
      expect(page.total).toBe(expected.length);
      seen.push(...page.items.map((i) => ({ name: i.name, available: i.available, sellablePackages: i.sellablePackages })));
    }
    expect(seen).toEqual(expected);
  });

  it('counts the matches on a page past the last, and finds nothing for a word no product has', async () => {
    const all = reference('a').length;
    expect(value(await core.send('catalog-search', { text: 'a', limit: 4, offset: all + 10 }))).toEqual({ total: all, more: false, items: [] });
    expect(value(await core.send('catalog-search', { text: 'no product is called this' }))).toEqual({ total: 0, more: false, items: [] });
  });

  it('counts up to the cap and says there are more; finds the same whatever the order of the words', async () => {
    // 1,100 copies of a product, each its own SKU and name: a word in all of them is past the count's cap.
    const row = database.sqlite.prepare('SELECT * FROM products WHERE active = 1 ORDER BY name LIMIT 1').get() as Record<string, unknown>;
    const insert = database.sqlite.prepare(
      `INSERT INTO products (${Object.keys(row).join(', ')}) VALUES (${Object.keys(row)
        .map((k) => `@${k}`)
        .join(', ')})`,
    );
    database.sqlite.transaction(() => {
      for (let i = 0; i < 1_100; i += 1)
        insert.run({ ...row, id: `cap-${i}`, sku: `CAP-${String(i).padStart(5, '0')}`, upc: null, name: `Capped Kush ${i}`, image_id: null });
    })();
    const many = value(await core.send('catalog-search', { text: 'capped', limit: 50 }));
    expect(many).toMatchObject({ total: SEARCH_COUNT_CAP, more: true });
    expect(many.items).toHaveLength(50);
    // The rarer word is tested first; the answer is the same as in the order typed.
    const typed = value(await core.send('catalog-search', { text: 'kush 1099', limit: 50 }));
    const swapped = value(await core.send('catalog-search', { text: '1099 KUSH', limit: 50 }));
    expect(typed).toEqual(swapped);
    expect(typed).toMatchObject({ total: 1, more: false, items: [{ name: 'Capped Kush 1099' }] });
  });
});
