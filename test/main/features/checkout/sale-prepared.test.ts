import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { demoPackageTag } from '../../../../src/main/features/demo/seed';
import { checkInSaved } from '../../../support/check-in';
import { value } from '../../../support/result';
import { registerAtTheCounter, type Counter } from '../../../support/register';

/**
 * Issue #18: a statement built and compiled per call costs a sale 35–110 µs
 * where a prepared one costs 4–6. Once a register has made one sale, the next
 * one — adult-use, with a limited product, a customer, cash — compiles nothing.
 */
let counter: Counter;
beforeEach(async () => {
  counter = await registerAtTheCounter({ drawerTwenties: 20 });
});
afterEach(() => counter.dispose());

async function sell(): Promise<string> {
  const { core, database } = counter;
  const { cartId } = value(await core.send('cart-open', {}));
  value(await core.send('cart-scan', { cartId, code: demoPackageTag(101) }));
  value(await core.send('cart-scan', { cartId, code: demoPackageTag(1) }));
  await checkInSaved(core, database, cartId, 'customer-demo-adult');
  counter.clock.now = new Date(counter.clock.now.getTime() + 60_000);
  const prepare = vi.spyOn(database.sqlite, 'prepare');
  try {
    const sale = value(await core.send('sale-complete', { cartId, tenders: [{ tender: 'cash', tenderedCents: 20_000 }] }));
    return `${sale.saleNumber} ${prepare.mock.calls.map(([source]) => String(source).replace(/\s+/g, ' ').slice(0, 100)).join(' | ')}`;
  } finally {
    prepare.mockRestore();
  }
}

describe('the sale’s statements (issue #18)', () => {
  it('compiles no statement for a register’s second sale', async () => {
    await sell();
    const second = await sell();
    expect(second).toMatch(/^\S+ $/);
  });
});
