import { afterEach, describe, expect, it } from 'vitest';
import { purchaseHistoryQuery } from '../../../../src/main/features/customer-profile/purchase-history';
import { openTempDatabase, type TempDatabase } from '../../../support/temp-db';

let temp: TempDatabase | undefined;
afterEach(() => temp?.dispose());

/**
 * The purchase history reads sales_customer_time_idx (customer, completed
 * at, id) alone (issue #22, migrations/0034_customer_profiles): newest first and the cursor's
 * tie-break come from the index order, with no sort. Dropping `id` from the
 * index brings back a temporary B-tree over every sale of the customer at
 * every page; a query that stops naming the customer reads every sale.
 */
describe('the purchase history query plan', () => {
  it('searches the customer’s sales by the index, in index order, on the first page and the next', () => {
    temp = openTempDatabase({ demo: true });
    const { db, sqlite } = temp;
    for (const cursor of [undefined, '1764000000000.sale-x']) {
      const query = purchaseHistoryQuery(db, 'customer-x', cursor, 10).toSQL();
      const plan = (sqlite.prepare(`EXPLAIN QUERY PLAN ${query.sql}`).all(...query.params) as Array<{ detail: string }>).map((r) => r.detail);
      expect(plan, String(cursor)).toHaveLength(1);
      expect(plan[0]).toMatch(/^SEARCH sales USING INDEX sales_customer_time_idx \(customer_id=\?/);
      expect(plan.join()).not.toContain('TEMP B-TREE');
    }
  });
});
