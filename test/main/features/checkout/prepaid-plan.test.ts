import { afterEach, describe, expect, it } from 'vitest';
import { openTempDatabase, type TempDatabase } from '../../../support/temp-db';

let temp: TempDatabase | undefined;
afterEach(() => temp?.dispose());

describe('the prepaid-order check every sale and cart view makes', () => {
  it('finds the cart’s order by index, never by reading every order the store ever took', () => {
    temp = openTempDatabase({ demo: true });
    const plan = (
      temp.sqlite
        .prepare('EXPLAIN QUERY PLAN SELECT 1 FROM online_orders o JOIN online_order_prepayments p ON p.order_id = o.id WHERE o.cart_id = ?')
        .all('c') as Array<{
        detail: string;
      }>
    ).map((r) => r.detail);
    expect(plan.some((d) => d.startsWith('SCAN'))).toBe(false);
    expect(plan.join(' ')).toContain('online_orders_cart_idx');
  });
});
