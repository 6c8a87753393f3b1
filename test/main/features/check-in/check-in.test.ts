import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../../../src/main/core/create-core';
import { demoPackageTag } from '../../../../src/main/features/demo/seed';
import type { CommandInput } from '../../../../src/shared/contract';
import { signIn } from '../../../support/session';
import { openTempDatabase, testPiiKeys, type TempDatabase } from '../../../support/temp-db';
import { value } from '../../../support/result';

let database: TempDatabase;
let core: Core;
let cartId = '';
beforeEach(async () => {
  database = openTempDatabase({ demo: true });
  core = createCore({ piiKeys: testPiiKeys, database, now: () => new Date('2026-11-24T18:00:00Z') });
  await signIn(core, 'manager');
  await core.send('drawer-open', { count: { '2000': 5 } });
  cartId = value(await core.send('cart-open', {})).cartId;
});
afterEach(() => database.dispose());

const id = (dateOfBirth: string, expiry = '2030-01-01') => ({ idNumber: 'D1234567', firstName: 'Ana', lastName: 'Ruiz', dateOfBirth, expiry, issuer: 'CA' });
const checkIn = (input: Partial<CommandInput<'customer-check-in'>> & { id: ReturnType<typeof id> }) =>
  core.send('customer-check-in', { cartId, saleType: 'adult', method: 'manual', ...input });
const verifications = () => database.sqlite.prepare('SELECT outcome, refusal_code AS code, method FROM id_verifications ORDER BY verified_at').all();

describe('check-in from an ID', () => {
  it('accepts an adult-use customer of age without keeping a customer record, and shows today’s limits', async () => {
    const result = value(await checkIn({ id: id('2005-11-24') })); // 21 today
    expect(result).toMatchObject({ outcome: 'accepted', refusal: null, age: 21, name: 'Ana Ruiz' });
    expect(result.limits.find((l) => l.bucket === 'flower')).toEqual({
      bucket: 'flower',
      limit: 28_500,
      used: 0,
      remaining: 28_500,
      unit: 'mg',
      rule: '4 CCR §15409(a)(1)',
      ruleId: 'CA-AU-NONCONC',
      period: 'calendar_day',
    });
    expect(database.sqlite.prepare("SELECT count(*) AS n FROM customers WHERE last_name = 'Ruiz'").get()).toEqual({ n: 0 });
    // The anonymous customer can now buy, checked per transaction.
    value(await core.send('cart-scan', { cartId, code: demoPackageTag(2) }));
    expect((await core.send('sale-complete', { cartId, tenders: [{ tender: 'cash', tenderedCents: 10_000 }] })).ok).toBe(true);
  });

  it.each([
    ['the day before the 21st birthday', id('2005-11-25'), 'UNDERAGE'],
    ['an expired ID', id('1990-01-01', '2026-11-23'), 'ID_EXPIRED'],
    ['a birth date in the future', id('2027-01-01'), 'ID_DATES_INVALID'],
  ])('refuses %s and records the refused check', async (_label, document, code) => {
    expect(await checkIn({ id: document })).toMatchObject({ ok: true, value: { outcome: 'refused', refusal: { code } } });
    expect(verifications()).toEqual([{ outcome: 'refused', code, method: 'manual' }]);
    expect(await core.send('cart-scan', { cartId, code: demoPackageTag(2) })).toMatchObject({ ok: true });
    expect(await core.send('sale-complete', { cartId, tenders: [{ tender: 'cash', tenderedCents: 10_000 }] })).toMatchObject({
      ok: false,
      error: { code: 'CHECK_IN_REQUIRED' },
    });
  });

  it('accepts an ID expiring today', async () => {
    expect(await checkIn({ id: id('1990-01-01', '2026-11-24') })).toMatchObject({ ok: true, value: { outcome: 'accepted' } });
  });

  it('finds a medical patient by registration number, and refuses an expired card with the renewal guidance', async () => {
    const ok = value(await checkIn({ saleType: 'medical', medicalRegistration: 'ca-mmic-2207841', id: id('1978-11-03') }));
    expect(ok).toMatchObject({ outcome: 'accepted', medicalExpiry: '2027-08-31' });
    expect(database.sqlite.prepare('SELECT customer_id AS c, customer_type AS t FROM carts WHERE id = ?').get(cartId)).toEqual({
      c: 'customer-demo-medical',
      t: 'medical',
    });
    const expired = value(await checkIn({ saleType: 'medical', medicalRegistration: 'CA-MMIC-1993320', id: id('1985-06-21') }));
    expect(expired.refusal).toMatchObject({ code: 'MEDICAL_EXPIRED', message: expect.stringContaining('renew through the state portal') });
  });
});
