import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { demoPackageTag } from '../../../../src/main/features/demo/seed';
import { signIn } from '../../../support/session';
import { value } from '../../../support/result';
import { registerAtTheCounter, type Counter } from '../../../support/register';

/** Issue #16, finding 15: a manual discount has a ceiling per role, as a setting. */
let counter: Counter;
let database: Counter['database'];
let core: Counter['core'];
let cartId = '';
beforeEach(async () => {
  counter = await registerAtTheCounter();
  ({ database, core } = counter);
  cartId = value(await core.send('cart-open', {})).cartId;
  value(await core.send('cart-scan', { cartId, code: demoPackageTag(2) }));
});
afterEach(() => counter.dispose());

const discount = (kind: 'percent' | 'amount', amount: number) =>
  core.send('cart-manual-discount', { cartId, kind, value: amount, reasonCode: 'customer_service', reason: 'Long wait at the counter' });

describe('manual discount ceilings', () => {
  it('stops a manager at 50 % or $500 by default, so nobody at the till can zero a cart and its taxes', async () => {
    expect(await discount('percent', 10_000)).toMatchObject({
      ok: false,
      error: { code: 'DISCOUNT_OVER_CEILING', message: expect.stringContaining('at most 50% off') },
    });
    expect(await discount('amount', 50_001)).toMatchObject({
      ok: false,
      error: { code: 'DISCOUNT_OVER_CEILING', message: expect.stringContaining('$500.00') },
    });
    expect(await discount('percent', 5_000)).toMatchObject({ ok: true });
  });

  it('an admin sets a role’s ceiling; the change is audited and applies at once', async () => {
    await signIn(core, 'admin');
    value(await core.send('discount-ceilings-set', { role: 'manager', percentBp: 3_000, amountCents: 10_000 }));
    expect(value(await core.send('discount-ceilings-get', {})).ceilings).toContainEqual({ role: 'manager', percentBp: 3_000, amountCents: 10_000 });
    expect(database.sqlite.prepare("SELECT count(*) AS n FROM audit_log WHERE action = 'settings.discount_ceiling'").get()).toEqual({ n: 1 });
    await signIn(core, 'manager');
    expect(await discount('percent', 3_000)).toMatchObject({ ok: true });
    expect(await discount('percent', 3_001)).toMatchObject({ ok: false, error: { code: 'DISCOUNT_OVER_CEILING' } });
  });

  it('is never raised by the role it limits', async () => {
    expect(await core.send('discount-ceilings-set', { role: 'manager', percentBp: 10_000, amountCents: 10_000_000 })).toMatchObject({
      ok: false,
      error: { code: 'OWN_CEILING' },
    });
  });

  it('is not for the counter to change', async () => {
    await signIn(core, 'budtender');
    expect(await core.send('discount-ceilings-set', { role: 'lead', percentBp: 10_000, amountCents: 10_000_000 })).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
  });
});
