import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from '../../../../src/main/entries/cli/index';
import { demoPackageTag } from '../../../../src/main/features/demo/seed';
import { checkInSaved } from '../../../support/check-in';
import { captureIo } from '../../../support/cli';
import { registerAtTheCounter, type Counter } from '../../../support/register';
import { value } from '../../../support/result';

let counter: Counter;
beforeEach(async () => {
  counter = await registerAtTheCounter({ role: 'manager', drawerTwenties: 10 });
});
afterEach(() => counter.dispose());

describe('npm run cli -- customer-purchases', () => {
  it('prints the customer card’s purchase history, a page at a time; refuses an unknown customer and a bad limit', async () => {
    const { core, database } = counter;
    const { cartId } = value(await core.send('cart-open', {}));
    value(await core.send('cart-scan', { cartId, code: demoPackageTag(1), quantity: 1 }));
    await checkInSaved(core, database, cartId, 'customer-demo-adult');
    const { saleId } = value(await core.send('sale-complete', { cartId, tenders: [{ tender: 'cash', tenderedCents: 100_000 }] }));
    const db = join(database.dir, 'register.sqlite');

    const io = captureIo();
    expect(await runCli(['customer-purchases', '--db', db, '--customer', 'customer-demo-adult', '--limit', '5'], io)).toBe(0);
    expect(JSON.parse(io.out())).toMatchObject({ items: [{ saleId, register: 'Counter 1', lines: [{ quantity: 1 }] }], nextCursor: null });
    const unknown = captureIo();
    expect(await runCli(['customer-purchases', '--db', db, '--customer', 'nobody'], unknown)).toBe(1);
    expect(JSON.parse(unknown.out())).toMatchObject({ error: { code: 'CUSTOMER_NOT_FOUND' } });
    const bad = captureIo();
    expect(await runCli(['customer-purchases', '--db', db, '--customer', 'customer-demo-adult', '--limit', '500'], bad)).toBe(1);
  });
});
