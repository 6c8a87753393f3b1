import { and, asc, eq, or, sql } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { products, productSearchText } from '../../../../src/main/platform/db/schema';
import { openTempDatabase, type TempDatabase } from '../../../support/temp-db';

let temp: TempDatabase | undefined;
afterEach(() => temp?.dispose());

/**
 * The catalog search reads products_search_idx alone (issue #18): the index is
 * hand-written SQL over productSearchText (migrations/0030), and SQLite uses
 * it only while the search writes exactly the indexed expression. A change to
 * either side alone turns every search into a read of every product row.
 */
describe('the catalog search query plan', () => {
  it('finds, orders and counts matches from the search index alone (one walk)', () => {
    temp = openTempDatabase({ demo: true });
    const { db, sqlite } = temp;
    const words = ['blue', '123'];
    const filter = and(
      eq(products.storeId, 'any-store'),
      eq(products.active, true),
      ...words.map((w) => or(sql`instr(${productSearchText(products)}, lower(${w})) > 0`, eq(products.upc, w))),
      eq(products.category, 'flower'),
    );
    const page = db.select({ id: products.id }).from(products).where(filter).orderBy(asc(products.name), asc(products.id)).limit(50).toSQL();
    // One walk gives the page and the count (search.ts): it must stay on the index alone.
    for (const query of [page]) {
      const plan = (sqlite.prepare(`EXPLAIN QUERY PLAN ${query.sql}`).all(...query.params) as Array<{ detail: string }>).map((r) => r.detail);
      expect(plan).toEqual(['SEARCH products USING COVERING INDEX products_search_idx (store_id=? AND active=?)']);
    }
  });
});
