import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { demoUpc } from '../../../../src/main/features/demo/seed';
import { checkInSaved } from '../../../support/check-in';
import { value } from '../../../support/result';
import { registerAtTheCounter, type Counter } from '../../../support/register';

/** Issue #17, item 4: the cart's live limit meter, by the sale gate's own engine. */
let counter: Counter;
beforeEach(async () => {
  counter = await registerAtTheCounter({ drawerTwenties: 20 });
});
afterEach(() => counter.dispose());

const BLUE_DREAM_35 = 0;
const ZKITTLEZ_28G = 8;
const JORDAN = 'customer-demo-adult';

async function cartWith(...indexes: number[]): Promise<string> {
  const { core } = counter;
  const { cartId } = value(await core.send('cart-open', {}));
  for (const index of indexes) value(await core.send('cart-scan', { cartId, code: demoUpc(index) }));
  return cartId;
}
const flower = async (cartId: string) => {
  const limits = value(await counter.core.send('cart-limits', { cartId }));
  return { customerCounted: limits.customerCounted, flower: limits.buckets.find((b) => b.bucket === 'flower') };
};

describe('the cart’s limit meter', () => {
  it('measures the cart alone before an ID check, per bucket, updating with each line', async () => {
    const { core } = counter;
    const cartId = await cartWith();
    const empty = value(await core.send('cart-limits', { cartId }));
    expect(empty.customerCounted).toBe(false);
    expect(empty.buckets.map((b) => b.bucket)).toEqual(['flower', 'concentrate', 'immature_plant']);
    expect(empty.buckets.every((b) => b.cart.num === 0 && b.prior.num === 0)).toBe(true);
    value(await core.send('cart-scan', { cartId, code: demoUpc(BLUE_DREAM_35) }));
    expect(await flower(cartId)).toEqual({
      customerCounted: false,
      flower: {
        ruleId: 'CA-AU-NONCONC',
        bucket: 'flower',
        unit: 'mg',
        period: 'calendar_day',
        limit: 28_500,
        prior: { num: 0, den: 1 },
        cart: { num: 3_500, den: 1 },
        over: false,
      },
    });
    value(await core.send('cart-scan', { cartId, code: demoUpc(BLUE_DREAM_35) }));
    expect((await flower(cartId)).flower?.cart).toEqual({ num: 7_000, den: 1 });
  });

  it('counts what the checked-in customer bought earlier today, and says "over" exactly when the gate refuses', async () => {
    const { core, database } = counter;
    const first = await cartWith(ZKITTLEZ_28G);
    await checkInSaved(core, database, first, JORDAN);
    value(await core.send('sale-complete', { cartId: first, tenders: [{ tender: 'cash', tenderedCents: 2_000_000 }] }));
    const second = await cartWith(BLUE_DREAM_35);
    expect((await flower(second)).customerCounted).toBe(false);
    await checkInSaved(core, database, second, JORDAN);
    const meter = await flower(second);
    expect(meter).toMatchObject({ customerCounted: true, flower: { prior: { num: 28_000, den: 1 }, cart: { num: 3_500, den: 1 }, over: true } });
    const refused = await core.send('sale-complete', { cartId: second, tenders: [{ tender: 'cash', tenderedCents: 2_000_000 }] });
    expect(refused).toMatchObject({ ok: false, error: { code: 'COMPLIANCE_BLOCKED', message: expect.stringContaining('flower') } });
  });

  it('is only for a cart at this terminal', async () => {
    expect(await counter.core.send('cart-limits', { cartId: 'no-such-cart' })).toMatchObject({ ok: false, error: { code: 'CART_NOT_FOUND' } });
  });
});
