import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { demoPackageTag } from '../../../../src/main/features/demo/seed';
import { value } from '../../../support/result';
import { registerAtTheCounter, type Counter } from '../../../support/register';
import { signIn } from '../../../support/session';

/** Issue #16, finding 7: stock held by carts nobody comes back to is released, and a drawer does not close over it. */
let counter: Counter;
let database: Counter['database'];
let core: Counter['core'];
beforeEach(async () => {
  counter = await registerAtTheCounter({ drawerTwenties: 5 });
  ({ database, core } = counter);
});
afterEach(() => counter.dispose());
/** Moves the register's clock on by some minutes. */
const later = (minutes: number) => (counter.clock.now = new Date(counter.clock.now.getTime() + minutes * 60_000));

const TAG = demoPackageTag(101); // the 510 battery: 24 units
const sellable = async () => {
  const { cartId } = value(await core.send('cart-open', {}));
  const result = await core.send('cart-scan', { cartId, code: TAG, quantity: 24 });
  return result.ok;
};
async function cartHolding(units: number): Promise<string> {
  const { cartId } = value(await core.send('cart-open', {}));
  value(await core.send('cart-scan', { cartId, code: TAG, quantity: units }));
  return cartId;
}
const audits = () => (database.sqlite.prepare("SELECT count(*) AS n FROM audit_log WHERE action = 'cart.release'").get() as { n: number }).n;

describe('carts that hold stock', () => {
  it('releases a cart left open past the idle setting (a reload, a crash), audited', async () => {
    await cartHolding(20);
    later(10);
    expect(value(await core.send('carts-held', {})).items).toEqual([expect.objectContaining({ status: 'open', lines: 1, units: 20 })]);
    later(25); // 35 minutes idle
    expect(value(await core.send('carts-held', {})).items).toEqual([]);
    expect(audits()).toBe(1);
    expect(await sellable()).toBe(true);
  });

  it('keeps a parked cart for longer, then releases it too', async () => {
    const cartId = await cartHolding(20);
    value(await core.send('cart-park', { cartId, label: 'Back after the ATM' }));
    later(60);
    expect(value(await core.send('carts-held', {})).items).toEqual([expect.objectContaining({ status: 'parked', label: 'Back after the ATM' })]);
    later(4 * 60);
    expect(value(await core.send('carts-held', {})).items).toEqual([]);
  });

  it('stops a drawer close while carts hold stock, until one is released with a reason', async () => {
    const cartId = await cartHolding(3);
    expect(await core.send('drawer-count', { count: { '2000': 5 } })).toMatchObject({
      ok: false,
      error: { code: 'CARTS_HOLD_STOCK', message: expect.stringContaining('release it on the Drawer screen') },
    });
    value(await core.send('cart-release', { cartId, reason: 'Customer left' }));
    expect(audits()).toBe(1);
    expect(await core.send('cart-scan', { cartId, code: TAG })).toMatchObject({ ok: false, error: { code: 'CART_ABANDONED' } });
    expect(await core.send('drawer-count', { count: { '2000': 5 } })).toMatchObject({ ok: true });
  });
});

/** Issue #17, item 3: a reload does not leave a cart holding stock unseen — the counter shows it again. */
describe('the cart left open at this till', () => {
  it('is the newest open cart of the person signed in, with its lines; none once it is parked or completed', async () => {
    expect(value(await core.send('cart-current', {})).cart).toBeNull();
    const older = await cartHolding(1);
    later(1);
    const cartId = await cartHolding(2);
    value(await core.send('cart-scan', { cartId, code: demoPackageTag(102) }));
    const current = value(await core.send('cart-current', {})).cart;
    expect(current?.cartId).toBe(cartId);
    expect(current?.lines.map((l) => l.quantity)).toEqual([2, 1]);
    value(await core.send('cart-park', { cartId, label: 'ATM' }));
    expect(value(await core.send('cart-current', {})).cart?.cartId).toBe(older);
    value(await core.send('cart-release', { cartId: older, reason: 'Customer left' }));
    expect(value(await core.send('cart-current', {})).cart).toBeNull();
  });

  it('is not someone else’s: their open cart stays listed on the Drawer screen instead', async () => {
    const cartId = await cartHolding(2);
    await signIn(core, 'budtender');
    expect(value(await core.send('cart-current', {})).cart).toBeNull();
    expect(value(await core.send('carts-held', {})).items).toEqual([expect.objectContaining({ cartId, status: 'open' })]);
  });

  it('is released, not restored, once idle past the store setting', async () => {
    await cartHolding(2);
    later(31);
    expect(value(await core.send('cart-current', {})).cart).toBeNull();
    expect(audits()).toBe(1);
  });
});
