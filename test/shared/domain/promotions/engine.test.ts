import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applyPromotions, type PromotableLine } from '../../../../src/shared/domain/promotions/engine';
import { promotionDefinition, type Promotion } from '../../../../src/shared/domain/promotions/promotion';
import type { PromotionMoment } from '../../../../src/shared/domain/promotions/eligibility';

const line = (productId: string, category: PromotableLine['category'], unitCents: number, quantity = 1, brand = 'Coastline Farms'): PromotableLine => ({
  productId,
  category,
  brand,
  sellingMode: 'each',
  quantity,
  grossCents: unitCents * quantity,
});
const promo = (id: string, definition: unknown): Promotion => ({ ...promotionDefinition.parse(definition), id, name: id });
// Tuesday 24 Nov 2026, 10:00 in Los Angeles.
const moment = (overrides: Partial<PromotionMoment> = {}): PromotionMoment => ({
  at: new Date('2026-11-24T18:00:00Z'),
  timeZone: 'America/Los_Angeles',
  customerGroups: [],
  usage: {},
  ...overrides,
});
const total = (d: ReturnType<typeof applyPromotions>) => d.reduce((s, x) => s + x.amountCents, 0);

describe('promotion kinds', () => {
  it('percent off, scoped to a category', () => {
    const d = applyPromotions(
      [line('a', 'flower', 3_500, 2), line('b', 'vape', 3_000)],
      [promo('flower10', { scope: { categories: ['flower'] }, kind: { type: 'percent_off', bp: 1_000 } })],
      moment(),
    );
    expect(d).toEqual([{ lineIndex: 0, promotionId: 'flower10', name: 'flower10', amountCents: 700 }]);
  });

  it('amount off each unit, scoped to a brand, never below zero', () => {
    const d = applyPromotions(
      [line('a', 'flower', 300, 2, 'Cheap Co'), line('b', 'flower', 3_500)],
      [promo('brand5', { scope: { brands: ['Cheap Co'] }, kind: { type: 'amount_off', cents: 500 } })],
      moment(),
    );
    expect(total(d)).toBe(600);
  });

  it('fixed price per unit', () => {
    expect(total(applyPromotions([line('a', 'preroll', 1_200, 3)], [promo('fixed', { kind: { type: 'fixed_price', cents: 1_000 } })], moment()))).toBe(600);
  });

  it('buy 2 get 1 at half price: the cheapest in each group of three', () => {
    const d = applyPromotions(
      [line('a', 'edible', 2_000, 2), line('b', 'edible', 1_500, 1), line('c', 'edible', 1_800, 1)],
      [promo('b2g1', { scope: { categories: ['edible'] }, kind: { type: 'buy_x_get_y', buy: 2, get: 1, bp: 5_000 } })],
      moment(),
    );
    // Sorted 2000, 2000, 1800 | 1500: one full group, the 1800 unit is half price; the fourth unit waits for a group.
    expect(d).toEqual([{ lineIndex: 2, promotionId: 'b2g1', name: 'b2g1', amountCents: 900 }]);
  });

  it('bundle: a flower and a pre-roll together for $40, saving shared in proportion', () => {
    const d = applyPromotions(
      [line('a', 'flower', 3_500), line('b', 'preroll', 1_200), line('c', 'vape', 3_000)],
      [promo('bundle', { kind: { type: 'bundle', components: [{ categories: ['flower'] }, { categories: ['preroll'] }], cents: 4_000 } })],
      moment(),
    );
    expect(total(d)).toBe(700);
    expect(d.map((x) => x.lineIndex).sort()).toEqual([0, 1]);
  });
});

describe('when and for whom', () => {
  const happyHour = promo('happy', { timeOfDay: { from: '16:00', to: '18:00' }, kind: { type: 'percent_off', bp: 2_000 } });
  it.each([
    ['2026-11-24T23:59:00Z', 0], // 15:59 in Los Angeles: not yet
    ['2026-11-25T00:00:00Z', 200], // 16:00
    ['2026-11-25T01:59:00Z', 200], // 17:59
    ['2026-11-25T02:00:00Z', 0], // 18:00: over
  ])('happy hour 16:00–18:00 store-local at %s takes %i off $10', (iso, off) => {
    expect(total(applyPromotions([line('a', 'flower', 1_000)], [happyHour], moment({ at: new Date(iso) })))).toBe(off);
  });

  it('happy hour follows the store clock across the DST change (8 Mar 2026)', () => {
    // 16:30 PDT on 8 March is 23:30 UTC; the day before, 16:30 PST was 00:30 UTC next day.
    expect(total(applyPromotions([line('a', 'flower', 1_000)], [happyHour], moment({ at: new Date('2026-03-08T23:30:00Z') })))).toBe(200);
    expect(total(applyPromotions([line('a', 'flower', 1_000)], [happyHour], moment({ at: new Date('2026-03-08T00:30:00Z') })))).toBe(200);
  });

  it('day of week, in the store zone', () => {
    const tuesdays = promo('tue', { daysOfWeek: [2], kind: { type: 'percent_off', bp: 1_000 } });
    expect(total(applyPromotions([line('a', 'flower', 1_000)], [tuesdays], moment()))).toBe(100);
    // 02:00 UTC Wednesday is still Tuesday evening in Los Angeles.
    expect(total(applyPromotions([line('a', 'flower', 1_000)], [tuesdays], moment({ at: new Date('2026-11-25T02:00:00Z') })))).toBe(100);
    expect(total(applyPromotions([line('a', 'flower', 1_000)], [tuesdays], moment({ at: new Date('2026-11-25T18:00:00Z') })))).toBe(0);
  });

  it('customer groups: a veteran discount only for veterans', () => {
    const vets = promo('vet', { customerGroups: ['veteran'], kind: { type: 'percent_off', bp: 1_500 } });
    expect(total(applyPromotions([line('a', 'flower', 1_000)], [vets], moment()))).toBe(0);
    expect(total(applyPromotions([line('a', 'flower', 1_000)], [vets], moment({ customerGroups: ['veteran'] })))).toBe(150);
  });

  it('usage limits and date windows', () => {
    const limited = promo('first100', {
      usageLimit: 100,
      startsAt: '2026-11-01T00:00:00Z',
      endsAt: '2026-12-01T00:00:00Z',
      kind: { type: 'amount_off', cents: 100 },
    });
    expect(total(applyPromotions([line('a', 'flower', 1_000)], [limited], moment({ usage: { first100: 99 } })))).toBe(100);
    expect(total(applyPromotions([line('a', 'flower', 1_000)], [limited], moment({ usage: { first100: 100 } })))).toBe(0);
    expect(total(applyPromotions([line('a', 'flower', 1_000)], [limited], moment({ at: new Date('2026-12-01T00:00:00Z') })))).toBe(0);
  });
});

describe('stacking', () => {
  const tenOff = promo('ten', { priority: 1, kind: { type: 'percent_off', bp: 1_000 } });
  const dollarOff = promo('dollar', { priority: 2, kind: { type: 'amount_off', cents: 100 } });
  it('stackable promotions apply in priority order on what is left', () => {
    // $1 off first (priority 2): 1000 → 900; then 10 %: 90. Total 190.
    expect(applyPromotions([line('a', 'flower', 1_000)], [tenOff, dollarOff], moment())).toEqual([
      { lineIndex: 0, promotionId: 'dollar', name: 'dollar', amountCents: 100 },
      { lineIndex: 0, promotionId: 'ten', name: 'ten', amountCents: 90 },
    ]);
  });

  it('an exclusive promotion applies alone, when it beats the stack', () => {
    const big = promo('big', { exclusive: true, kind: { type: 'percent_off', bp: 3_000 } });
    expect(applyPromotions([line('a', 'flower', 1_000)], [tenOff, dollarOff, big], moment()).map((d) => d.promotionId)).toEqual(['big']);
    const small = promo('small', { exclusive: true, kind: { type: 'percent_off', bp: 500 } });
    expect(applyPromotions([line('a', 'flower', 1_000)], [tenOff, dollarOff, small], moment()).map((d) => d.promotionId)).toEqual(['dollar', 'ten']);
  });

  it('refuses a definition it cannot read', () => {
    expect(promotionDefinition.safeParse({ kind: { type: 'percent_off', bp: 20_000 } }).success).toBe(false);
    expect(promotionDefinition.safeParse({ kind: { type: 'mystery' } }).success).toBe(false);
  });

  it('property: promotions never discount more than the price, nor below zero per line', () => {
    const arbitraryPromo = fc.oneof(
      fc.record({ type: fc.constant('percent_off' as const), bp: fc.integer({ min: 1, max: 10_000 }) }),
      fc.record({ type: fc.constant('amount_off' as const), cents: fc.integer({ min: 1, max: 50_000 }) }),
      fc.record({ type: fc.constant('fixed_price' as const), cents: fc.integer({ min: 0, max: 5_000 }) }),
      fc.record({
        type: fc.constant('buy_x_get_y' as const),
        buy: fc.integer({ min: 1, max: 3 }),
        get: fc.integer({ min: 1, max: 2 }),
        bp: fc.integer({ min: 1, max: 10_000 }),
      }),
    );
    fc.assert(
      fc.property(
        fc.array(fc.record({ price: fc.integer({ min: 1, max: 20_000 }), quantity: fc.integer({ min: 1, max: 5 }) }), { minLength: 1, maxLength: 5 }),
        fc.array(arbitraryPromo, { maxLength: 4 }),
        (specs, kinds) => {
          const lines = specs.map((s, i) => line(`p${i}`, 'flower', s.price, s.quantity));
          const discounts = applyPromotions(
            lines,
            kinds.map((kind, i) => promo(`k${i}`, { kind })),
            moment(),
          );
          return (
            lines.every((l, i) => discounts.filter((d) => d.lineIndex === i).reduce((s, d) => s + d.amountCents, 0) <= l.grossCents) &&
            discounts.every((d) => d.amountCents >= 0)
          );
        },
      ),
    );
  });
});
