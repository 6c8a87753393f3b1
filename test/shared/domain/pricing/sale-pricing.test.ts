import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { SaleLineInput } from '../../../../src/shared/domain/pricing/sale-line';
import { priceSale, type ManualDiscount } from '../../../../src/shared/domain/pricing/sale-pricing';
import { taxRulesFor } from '../../../../src/shared/domain/taxes/tax-tables';
import type { TaxRule } from '../../../../src/shared/domain/taxes/tax-rule';
import { promotionDefinition } from '../../../../src/shared/domain/promotions/promotion';
import type { ProductCategory } from '../../../../src/shared/contract/values';

const line = (lineId: string, category: ProductCategory, unitPriceCents: number, quantity: number, sellingMode: 'each' | 'weight' = 'each'): SaleLineInput => ({
  lineId,
  lineNumber: Number(lineId.replace(/\D/g, '')) || 1,
  productId: `p-${lineId}`,
  name: lineId,
  brand: 'b',
  category,
  sellingMode,
  packageTag: 'TAG',
  packageUnit: sellingMode === 'weight' ? 'mg' : 'each',
  quantity,
  unitPriceCents,
  netWeightMg: 1000,
  thcMg: 100,
});
const caToday = taxRulesFor('CA', '2026-11-24');

describe('pricing a sale in California', () => {
  it('adds the 15% excise and Oakland sales tax per line, accessories without excise', () => {
    const priced = priceSale([line('l1', 'flower', 3_500, 2), line('l2', 'accessory', 1_800, 1)], {
      manualDiscounts: [],
      taxRules: caToday,
      customerType: 'adult',
    });
    expect(priced.lines[0]).toMatchObject({
      grossCents: 7_000,
      netCents: 7_000,
      taxes: [
        { taxId: 'ca-cannabis-excise-2025q4', amountCents: 1_050 },
        { taxId: 'ca-sales-oakland', amountCents: 718 },
      ],
      totalCents: 8_768,
    });
    expect(priced.lines[1]?.taxes.map(({ taxId, name, amountCents }) => ({ taxId, name, amountCents }))).toEqual([
      { taxId: 'ca-sales-oakland', name: 'Sales tax (Oakland) 10.25%', amountCents: 185 },
    ]);
    expect(priced.totalCents).toBe(8_768 + 1_985);
  });

  it('exempts a medical card holder from sales tax but not the excise', () => {
    const priced = priceSale([line('l1', 'flower', 3_500, 1)], { manualDiscounts: [], taxRules: caToday, customerType: 'medical' });
    expect(priced.lines[0]?.taxes.map((t) => t.taxId)).toEqual(['ca-cannabis-excise-2025q4']);
  });

  it('uses the rate in force on the sale day (19% excise in Q3 2025)', () => {
    const priced = priceSale([line('l1', 'flower', 10_000, 1)], { manualDiscounts: [], taxRules: taxRulesFor('CA', '2025-08-15'), customerType: 'adult' });
    expect(priced.lines[0]?.taxes[0]).toMatchObject({ taxId: 'ca-cannabis-excise-2025q3', amountCents: 1_900 });
  });

  const rule = (overrides: Partial<TaxRule>): TaxRule => ({
    id: 't',
    name: 'Tax',
    jurisdiction: 'X',
    rateBp: 1_000,
    base: 'net',
    mode: 'exclusive',
    categories: ['flower'],
    exemptCustomerTypes: [],
    effectiveFrom: '2020-01-01',
    effectiveTo: null,
    citation: 'test',
    verify: false,
    ...overrides,
  });

  it('extracts an inclusive tax from the shelf price instead of adding it', () => {
    const priced = priceSale([line('l1', 'flower', 1_100, 1)], { manualDiscounts: [], taxRules: [rule({ mode: 'inclusive' })], customerType: 'adult' });
    // $11.00 includes 10 %: $1.00 of it is tax; the customer pays $11.00.
    expect(priced.lines[0]).toMatchObject({ netCents: 1_100, taxCents: 100, totalCents: 1_100 });
    expect(priced.totalCents).toBe(1_100);
  });

  it('stacks an inclusive and an exclusive tax on one line', () => {
    const priced = priceSale([line('l1', 'flower', 1_100, 1)], {
      manualDiscounts: [],
      taxRules: [rule({ id: 'in', mode: 'inclusive' }), rule({ id: 'ex', rateBp: 500 })],
      customerType: 'adult',
    });
    expect(priced.lines[0]?.taxes.map(({ taxId, name, amountCents }) => ({ taxId, name, amountCents }))).toEqual([
      { taxId: 'in', name: 'Tax', amountCents: 100 },
      { taxId: 'ex', name: 'Tax', amountCents: 55 },
    ]);
    expect(priced.lines[0]?.totalCents).toBe(1_155);
  });

  it('taxes the pre-discount price, or a markup base, where the rule says so', () => {
    const discount: ManualDiscount = { id: 'd', kind: 'amount', value: 500, cartLineId: null, reason: 'r' };
    const onGross = priceSale([line('l1', 'flower', 2_000, 1)], { manualDiscounts: [discount], taxRules: [rule({ base: 'gross' })], customerType: 'adult' });
    expect(onGross.lines[0]).toMatchObject({ netCents: 1_500, taxCents: 200 });
    const onMarkup = priceSale([line('l1', 'flower', 1_000, 1)], {
      manualDiscounts: [],
      taxRules: [rule({ base: 'markup', markupBp: 8_000, rateBp: 1_500 })],
      customerType: 'adult',
    });
    expect(onMarkup.lines[0]?.taxCents).toBe(270); // 15 % of ($10 + 80 %)
  });

  it('prices weighed goods per gram, half up', () => {
    expect(priceSale([line('l1', 'flower', 900, 3_543, 'weight')], { manualDiscounts: [], taxRules: [], customerType: 'adult' }).lines[0]?.grossCents).toBe(
      3_189,
    ); // 31.887 → 31.89
  });

  it('allocates an order discount across lines so they sum exactly, and applies line discounts first', () => {
    const discounts: ManualDiscount[] = [
      { id: 'd1', kind: 'amount', value: 500, cartLineId: 'l1', reason: 'damaged box' },
      { id: 'd2', kind: 'amount', value: 1_001, cartLineId: null, reason: 'promotion failed to apply' },
    ];
    const priced = priceSale([line('l1', 'flower', 3_500, 1), line('l2', 'vape', 3_000, 1), line('l3', 'edible', 2_000, 1)], {
      manualDiscounts: discounts,
      taxRules: [],
      customerType: 'adult',
    });
    // After the line discount the nets are 3000, 3000, 2000: $10.01 splits 375.375 / 375.375 / 250.25 → 376, 375, 250.
    expect(priced.lines.map((l) => l.discountCents)).toEqual([500 + 376, 375, 250]);
    expect(priced.discountCents).toBe(1_501);
  });

  it('never lets a discount take a line below zero', () => {
    const priced = priceSale([line('l1', 'flower', 1_000, 1)], {
      manualDiscounts: [{ id: 'd', kind: 'amount', value: 5_000, cartLineId: null, reason: 'x' }],
      taxRules: caToday,
      customerType: 'adult',
    });
    expect(priced.lines[0]).toMatchObject({ netCents: 0, taxCents: 0, totalCents: 0 });
  });

  const arbitraryLine = fc.record({
    category: fc.constantFrom<ProductCategory>('flower', 'vape', 'edible', 'accessory', 'topical'),
    price: fc.integer({ min: 1, max: 20_000 }),
    quantity: fc.integer({ min: 1, max: 10 }),
  });
  const arbitraryDiscount = fc.record({
    kind: fc.constantFrom<'percent' | 'amount'>('percent', 'amount'),
    value: fc.integer({ min: 1, max: 12_000 }),
    onLine: fc.option(fc.nat(5)),
  });

  it('property: line totals, discounts and taxes always sum to the sale figures; nothing is negative', () => {
    fc.assert(
      fc.property(
        fc.array(arbitraryLine, { minLength: 1, maxLength: 6 }),
        fc.array(arbitraryDiscount, { maxLength: 3 }),
        fc.constantFrom('adult', 'medical') as fc.Arbitrary<'adult' | 'medical'>,
        (specs, ds, customerType) => {
          const lines = specs.map((s, i) => line(`l${i + 1}`, s.category, s.price, s.quantity));
          const discounts = ds.map((d, i): ManualDiscount => ({
            id: `d${i}`,
            kind: d.kind,
            value: d.value,
            cartLineId: d.onLine === null ? null : (lines[d.onLine % lines.length]?.lineId ?? null),
            reason: 'r',
          }));
          const p = priceSale(lines, { manualDiscounts: discounts, taxRules: caToday, customerType: customerType });
          const sum = (f: (x: (typeof p.lines)[number]) => number) => p.lines.reduce((s, x) => s + f(x), 0);
          return (
            sum((l) => l.totalCents) === p.totalCents &&
            sum((l) => l.taxCents) === p.taxCents &&
            sum((l) => l.discountCents) === p.discountCents &&
            p.lines.every(
              (l) => l.netCents >= 0 && l.netCents === l.grossCents - l.discountCents && l.discounts.reduce((s, d) => s + d.amountCents, 0) === l.discountCents,
            ) &&
            p.subtotalCents - p.discountCents + p.taxCents === p.totalCents
          );
        },
      ),
      { numRuns: 500 },
    );
  });

  it('property: applying then removing a promotion restores the original total', () => {
    const moment = { at: new Date('2026-11-24T18:00:00Z'), timeZone: 'America/Los_Angeles', customerGroups: [], usage: {} };
    fc.assert(
      fc.property(
        fc.array(arbitraryLine, { minLength: 1, maxLength: 5 }),
        fc.integer({ min: 1, max: 10_000 }),
        fc.integer({ min: 1, max: 3 }),
        (specs, bp, buy) => {
          const lines = specs.map((s, i) => line(`l${i + 1}`, s.category, s.price, s.quantity));
          const promotions = [
            { ...promotionDefinition.parse({ kind: { type: 'percent_off', bp } }), id: 'p1', name: 'p1' },
            { ...promotionDefinition.parse({ kind: { type: 'buy_x_get_y', buy, get: 1, bp } }), id: 'p2', name: 'p2' },
          ];
          const base = { manualDiscounts: [], taxRules: caToday, customerType: 'adult' as const };
          const before = priceSale(lines, base).totalCents;
          const promoted = priceSale(lines, { ...base, promotions, moment });
          const sum = promoted.lines.reduce((s, l) => s + l.totalCents, 0);
          return promoted.totalCents <= before && sum === promoted.totalCents && priceSale(lines, { ...base, promotions: [], moment }).totalCents === before;
        },
      ),
    );
  });

  it('property: adding then removing a discount restores the original total', () => {
    fc.assert(
      fc.property(fc.array(arbitraryLine, { minLength: 1, maxLength: 5 }), arbitraryDiscount, (specs, d) => {
        const lines = specs.map((s, i) => line(`l${i + 1}`, s.category, s.price, s.quantity));
        const before = priceSale(lines, { manualDiscounts: [], taxRules: caToday, customerType: 'adult' }).totalCents;
        const withDiscount = priceSale(lines, {
          manualDiscounts: [{ id: 'd', kind: d.kind, value: d.value, cartLineId: null, reason: 'r' }],
          taxRules: caToday,
          customerType: 'adult',
        }).totalCents;
        return withDiscount <= before && priceSale(lines, { manualDiscounts: [], taxRules: caToday, customerType: 'adult' }).totalCents === before;
      }),
    );
  });
});
