import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { demoPackageTag } from '../../../src/main/features/demo/seed';
import { signIn } from '../../support/session';
import { value } from '../../support/result';
import { registerAtTheCounter, type Counter } from '../../support/register';

/** Issue #16, findings 5, 12 and 13: what the counter can type is bounded, and a completed sale is never rung twice. */
let counter: Counter;
let database: Counter['database'];
let core: Counter['core'];
beforeEach(async () => {
  counter = await registerAtTheCounter({ drawerTwenties: 5 });
  ({ database, core } = counter);
});
afterEach(() => counter.dispose());

const count = (table: string) => (database.sqlite.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
async function checkedInCart(): Promise<string> {
  const { cartId } = value(await core.send('cart-open', {}));
  value(await core.send('cart-scan', { cartId, code: demoPackageTag(2) }));
  value(
    await core.send('customer-check-in', {
      cartId,
      saleType: 'adult',
      method: 'manual',
      id: { idNumber: 'D1', firstName: 'Ana', lastName: 'Ruiz', dateOfBirth: '1990-01-01', expiry: '2031-01-01', issuer: 'CA' },
    }),
  );
  return cartId;
}

describe('money typed at the counter is bounded (finding 5)', () => {
  it('refuses ten cash tenders of 2^53 − 1 before anything is written', async () => {
    const cartId = await checkedInCart();
    const [sales, outbox, audit] = [count('sales'), count('outbox'), count('audit_log')];
    const huge = Array.from({ length: 10 }, () => ({ tender: 'cash' as const, tenderedCents: Number.MAX_SAFE_INTEGER }));
    expect(await core.send('sale-complete', { cartId, tenders: huge })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT', message: expect.stringContaining('At most $100,000.00') },
    });
    expect([count('sales'), count('outbox'), count('audit_log')]).toEqual([sales, outbox, audit]);
  });

  it('refuses a paid-out over the bound', async () => {
    expect(await core.send('drawer-paid', { direction: 'out', amountCents: 10_000_001, reason: 'supplies' })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT' },
    });
  });
});

describe('a retried completion answers the same sale (finding 5)', () => {
  it('completes a cart once, whatever the number of requests', async () => {
    const cartId = await checkedInCart();
    const first = value(await core.send('sale-complete', { cartId, tenders: [{ tender: 'cash', tenderedCents: 10_000 }] }));
    const again = value(await core.send('sale-complete', { cartId, tenders: [{ tender: 'cash', tenderedCents: 10_000 }] }));
    expect(again).toMatchObject({ saleId: first.saleId, saleNumber: first.saleNumber, totalCents: first.totalCents, changeCents: first.changeCents });
    expect(count('sales')).toBe(1);
    expect(database.sqlite.prepare("SELECT count(*) AS n FROM outbox WHERE kind = 'receipt.create'").get()).toEqual({ n: 1 });
  });
});

describe('counter text and dates (finding 12)', () => {
  it.each([
    ['a control character', { firstName: 'Ana\u0007', lastName: 'Ruiz', dateOfBirth: '1990-01-01' }, 'firstName', 'control characters'],
    ['a lone surrogate', { firstName: 'Ana', lastName: 'Ru\ud800iz', dateOfBirth: '1990-01-01' }, 'lastName', 'broken character'],
    ['a birth date of 9999-12-31', { firstName: 'Ana', lastName: 'Ruiz', dateOfBirth: '9999-12-31' }, 'dateOfBirth', 'out of range'],
    ['a birth date in the future', { firstName: 'Ana', lastName: 'Ruiz', dateOfBirth: '2099-01-01' }, 'dateOfBirth', 'future'],
  ])('refuses %s, naming the field', async (_label, fields, field, words) => {
    const before = count('customers');
    const result = await core.send('customer-create', { customerType: 'adult', ...fields });
    expect(result).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', message: expect.stringMatching(new RegExp(`^${field}: .*${words}`)) } });
    expect(count('customers')).toBe(before);
  });
});

describe('Metrc’s address (finding 13)', () => {
  const settings = { apiVersion: 'v2' as const, licenseNumber: 'C10-0000786-LIC', vendorKey: 'vendor-key-123', userKey: 'user-key-123' };
  it.each(['http://api-ca.metrc.com', 'http://10.0.0.5:8080', 'https://user:pw@api-ca.metrc.com'])(
    'refuses %s: the keys would travel in clear or on screen',
    async (baseUrl) => {
      await signIn(core, 'admin');
      expect(await core.send('metrc-settings-set', { baseUrl, ...settings })).toMatchObject({
        ok: false,
        error: { code: 'INVALID_INPUT', message: expect.stringContaining('https://') },
      });
    },
  );
  it.each(['https://api-ca.metrc.com', 'http://127.0.0.1:8123', 'http://localhost:8123'])('takes %s', async (baseUrl) => {
    await signIn(core, 'admin');
    expect(await core.send('metrc-settings-set', { baseUrl, ...settings })).toMatchObject({ ok: true });
  });
});
