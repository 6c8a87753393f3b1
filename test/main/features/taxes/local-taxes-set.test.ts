import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { demoPackageTag } from '../../../../src/main/features/demo/seed';
import { registerAtTheCounter, type Counter } from '../../../support/register';
import { value } from '../../../support/result';
import { signIn } from '../../../support/session';

/** Issue #24: a store sets its own city and county taxes through the register, checked and audited, and its next sale carries them. */
let counter: Counter;
beforeEach(async () => {
  counter = await registerAtTheCounter({ state: { code: 'CO', timeZone: 'America/Denver' }, drawerTwenties: 10 });
});
afterEach(() => counter.dispose());

const denver = {
  id: 'denver-special',
  name: 'Denver special marijuana tax 5.5%',
  jurisdiction: 'City and County of Denver',
  rateBp: 550,
  appliesTo: 'cannabis' as const,
  medicalExempt: true,
  effectiveFrom: '2019-01-01',
  effectiveTo: null,
  citation: 'D.R.M.C. §53-705 (verify the current rate with the city)',
};

describe('local taxes set by the store', () => {
  it('a manager sets them (audited); the next sale carries them on its receipt', async () => {
    const { core, database } = counter;
    value(await core.send('taxes-local-set', { taxes: [denver] }));
    expect(value(await core.send('taxes-local-get', {})).taxes).toEqual([denver]);
    expect(database.sqlite.prepare("SELECT count(*) AS n FROM audit_log WHERE action = 'settings.taxes_local'").get()).toEqual({ n: 1 });
    const { cartId } = value(await core.send('cart-open', {}));
    value(await core.send('cart-scan', { cartId, code: demoPackageTag(2) }));
    value(
      await core.send('customer-check-in', {
        cartId,
        saleType: 'adult',
        method: 'manual',
        id: { idNumber: 'D1', firstName: 'Ana', lastName: 'Ruiz', dateOfBirth: '1990-01-01', expiry: '2031-01-01', issuer: 'CO' },
      }),
    );
    const sale = value(await core.send('sale-complete', { cartId, tenders: [{ tender: 'cash', tenderedCents: 100_000 }] }));
    const receipt = value(await core.send('sale-receipt', { saleId: sale.saleId }));
    expect(JSON.stringify(receipt)).toContain('Denver special marijuana tax 5.5%');
  });

  it.each([
    ['two periods of one tax that overlap', [denver, { ...denver, rateBp: 600, effectiveFrom: '2020-01-01' }], 'INVALID_INPUT', 'overlap'],
    ['a period that ends before it starts', [{ ...denver, effectiveTo: '2018-01-01' }], 'INVALID_INPUT', 'effectiveTo'],
    ['a rate as a fraction', [{ ...denver, rateBp: 5.5 }], 'INVALID_INPUT', 'rateBp'],
  ])('refuses %s, naming the field', async (_label, taxes, code, words) => {
    expect(await counter.core.send('taxes-local-set', { taxes })).toMatchObject({ ok: false, error: { code, message: expect.stringContaining(words) } });
  });

  it('is not for the counter to change', async () => {
    await signIn(counter.core, 'budtender');
    expect(await counter.core.send('taxes-local-set', { taxes: [denver] })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });
});
