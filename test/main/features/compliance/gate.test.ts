import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ageOn } from '../../../../src/shared/domain/compliance/age';
import { createCore, type Core } from '../../../../src/main/core/create-core';
import type { Result } from '../../../../src/shared/errors';
import { checkInSaved } from '../../../support/check-in';
import { signIn } from '../../../support/session';
import { openTempDatabase, testPiiKeys, type TempDatabase } from '../../../support/temp-db';

let database: TempDatabase;
let core: Core;
let clock = new Date('2026-11-24T18:00:00Z'); // 10:00 in Los Angeles
beforeEach(async () => {
  clock = new Date('2026-11-24T18:00:00Z');
  database = openTempDatabase({ demo: true });
  core = createCore({ piiKeys: testPiiKeys, database, now: () => clock, idleLockMs: 86_400_000 });
  await signIn(core, 'manager');
  await core.send('drawer-open', { count: { '2000': 20 } });
});
afterEach(() => database.dispose());

function value<T>(result: Result<T> | { readonly ok: false; readonly refusal: unknown }): T {
  if (!result.ok) throw new Error(JSON.stringify('error' in result ? result.error : result.refusal));
  return result.value;
}

/** The older package of a demo product, by name. */
const tagOf = (name: string): string =>
  (
    database.sqlite
      .prepare('SELECT k.tag FROM packages k JOIN products p ON p.id = k.product_id WHERE p.name = ? ORDER BY k.packaged_date LIMIT 1')
      .get(name) as { tag: string }
  ).tag;

/** A saved customer checks in with their ID (every visit), then pays; a refused check-in is returned as it is. */
async function sell(customerId: string | null, items: Array<[string, number]>) {
  const cart = value(await core.send('cart-open', {}));
  for (const [name, quantity] of items) value(await core.send('cart-scan', { cartId: cart.cartId, code: tagOf(name), quantity }));
  if (customerId !== null) {
    const checkIn = await checkInSaved(core, database, cart.cartId, customerId);
    if (checkIn.outcome === 'refused') return { ok: false as const, refusal: checkIn.refusal };
  }
  return core.send('sale-complete', { cartId: cart.cartId, tenders: [{ tender: 'cash', tenderedCents: 200_000 }] });
}

describe('ages (store-local date)', () => {
  it.each([
    ['2005-11-24', '2026-11-24', 21], // the 21st birthday itself: of age (4 CCR §15404)
    ['2005-11-25', '2026-11-24', 20], // the day before
    ['2004-02-29', '2025-02-28', 20], // leap-day birthday: a year older on 1 March in a common year
    ['2004-02-29', '2025-03-01', 21],
    ['2004-02-29', '2028-02-29', 24],
  ])('born %s is %i on %s', (dob, day, age) => expect(ageOn(dob, day)).toBe(age));
});

describe('the compliance gate on every sale (California rules)', () => {
  it('completes a sale for a checked-in adult, with change and CA taxes, and records the decision', async () => {
    const sale = value(await sell('customer-demo-adult', [['Blue Dream 3.5g', 1]]));
    expect(sale).toMatchObject({ subtotalCents: 3_500, taxCents: 525 + 359, totalCents: 4_384, changeCents: 200_000 - 4_384 });
    const decision = JSON.parse((database.sqlite.prepare('SELECT compliance_decision AS d FROM sales WHERE id = ?').get(sale.saleId) as { d: string }).d);
    expect(decision).toMatchObject({ allowed: true, rulePack: 'CA-2026-12', violations: [] });
  });

  it('refuses a sale with nobody checked in', async () => {
    expect(await sell(null, [['Blue Dream 3.5g', 1]])).toMatchObject({ ok: false, error: { code: 'CHECK_IN_REQUIRED' } });
  });

  it('refuses a 20-year-old adult-use customer, saying why', async () => {
    expect(await sell('customer-demo-young', [['Blue Dream 3.5g', 1]])).toMatchObject({
      ok: false,
      refusal: { code: 'UNDERAGE', message: expect.stringContaining('The customer is 20: 21 is the minimum') },
    });
  });

  it('refuses a medical sale on an expired card with the renewal guidance', async () => {
    expect(await sell('customer-demo-medical-expired', [['Blue Dream 3.5g', 1]])).toMatchObject({
      ok: false,
      refusal: { code: 'MEDICAL_EXPIRED', message: expect.stringContaining('renew through the state portal') },
    });
  });

  it('allows exactly the daily flower limit and blocks one more unit, naming category and amount (4 CCR §15409)', async () => {
    // Zkittlez 28 g = 28,000 mg; the CA limit is 28,500 mg per day.
    value(await sell('customer-demo-adult', [['Zkittlez 28g', 1]]));
    const over = await sell('customer-demo-adult', [['Blue Dream 3.5g', 1]]); // + 3.5 g the same local day
    expect(over).toMatchObject({
      ok: false,
      error: {
        code: 'COMPLIANCE_BLOCKED',
        message: 'Over the daily flower limit by 3 g: 31.5 g of 28.5 g (4 CCR §15409(a)(1)); 0.5 g left today. Remove items to continue.',
      },
    });
    expect(database.sqlite.prepare('SELECT count(*) AS n FROM sales').get()).toEqual({ n: 1 });
    clock = new Date('2026-11-25T08:00:01Z'); // past local midnight: a new day
    expect((await sell('customer-demo-adult', [['Blue Dream 3.5g', 1]])).ok).toBe(true);
  });

  it('counts manufactured products by THC content in the concentrate bucket', async () => {
    // THC Tincture 1,000 mg: over the 8,000 mg concentrate limit at 9 units.
    expect((await sell('customer-demo-adult', [['THC Tincture 1000mg 30ml', 8]])).ok).toBe(true);
    expect(await sell('customer-demo-adult', [['THC Tincture 1000mg 30ml', 1]])).toMatchObject({
      ok: false,
      error: { message: expect.stringContaining('daily concentrate limit') },
    });
  });
});

describe('promotions on a completed sale', () => {
  it('applies the edibles buy-2-get-1 from the database, records it on the sale, and counts its use', async () => {
    const sale = value(await sell('customer-demo-adult', [['Sour Watermelon Gummies 10x10mg', 3]]));
    // 3 × $20: the third at half price = $10 off; taxes on $50.
    expect(sale).toMatchObject({ subtotalCents: 6_000, discountCents: 1_000 });
    expect(database.sqlite.prepare('SELECT promotion_id AS id, amount_cents AS amount FROM sale_discounts WHERE sale_id = ?').all(sale.saleId)).toEqual([
      { id: 'promo-demo-edibles-b2g1', amount: 1_000 },
    ]);
    const day = value(await core.send('report-day', { day: '2026-11-24' }));
    expect(day.discountsByPromotion).toEqual([
      { source: 'promotion', promotionId: 'promo-demo-edibles-b2g1', name: 'Edibles: buy 2, get 1 half price', amountCents: 1_000 },
    ]);
  });
});
