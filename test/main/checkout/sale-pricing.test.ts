import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { SaleLineInput } from '../../../src/main/checkout/ports';
import { priceSale, type ManualDiscount } from '../../../src/main/checkout/sale-pricing';
import { taxRulesFor } from '../../../src/main/taxes/tax-tables';
import type { ProductCategory } from '../../../src/shared/contract/values';

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
    const priced = priceSale([line('l1', 'flower', 3_500, 2), line('l2', 'accessory', 1_800, 1)], { manualDiscounts: [], taxRules: caToday, customerType: 'adult' });
    expect(priced.lines[0]).toMatchObject({ grossCents: 7_000, netCents: 7_000, taxes: [{ taxId: 'ca-cannabis-excise-2025q4', amountCents: 1_050 }, { taxId: 'ca-sales-oakland', amountCents: 718 }], totalCents: 8_768 });
    expect(priced.lines[1]?.taxes).toEqual([{ taxId: 'ca-sales-oakland', name: 'Sales tax (Oakland) 10.25%', amountCents: 185 }]);
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

  it('prices weighed goods per gram, half up', () => {
    expect(priceSale([line('l1', 'flower', 900, 3_543, 'weight')], { manualDiscounts: [], taxRules: [], customerType: 'adult' }).lines[0]?.grossCents).toBe(3_189); // 31.887 → 31.89
  });

  it('allocates an order discount across lines so they sum exactly, and applies line discounts first', () => {
    const discounts: ManualDiscount[] = [
      { id: 'd1', kind: 'amount', value: 500, cartLineId: 'l1', reason: 'damaged box' },
      { id: 'd2', kind: 'amount', value: 1_001, cartLineId: null, reason: 'promotion failed to apply' },
    ];
    const priced = priceSale([line('l1', 'flower', 3_500, 1), line('l2', 'vape', 3_000, 1), line('l3', 'edible', 2_000, 1)], { manualDiscounts: discounts, taxRules: [], customerType: 'adult' });
    // After the line discount the nets are 3000, 3000, 2000: $10.01 splits 375.375 / 375.375 / 250.25 → 376, 375, 250.
    expect(priced.lines.map((l) => l.discountCents)).toEqual([500 + 376, 375, 250]);
    expect(priced.discountCents).toBe(1_501);
  });

  it('never lets a discount take a line below zero', () => {
    const priced = priceSale([line('l1', 'flower', 1_000, 1)], { manualDiscounts: [{ id: 'd', kind: 'amount', value: 5_000, cartLineId: null, reason: 'x' }], taxRules: caToday, customerType: 'adult' });
    expect(priced.lines[0]).toMatchObject({ netCents: 0, taxCents: 0, totalCents: 0 });
  });

  const arbitraryLine = fc.record({
    category: fc.constantFrom<ProductCategory>('flower', 'vape', 'edible', 'accessory', 'topical'),
    price: fc.integer({ min: 1, max: 20_000 }),
    quantity: fc.integer({ min: 1, max: 10 }),
  });
  const arbitraryDiscount = fc.record({ kind: fc.constantFrom<'percent' | 'amount'>('percent', 'amount'), value: fc.integer({ min: 1, max: 12_000 }), onLine: fc.option(fc.nat(5)) });

  it('property: line totals, discounts and taxes always sum to the sale figures; nothing is negative', () => {
    fc.assert(
      fc.property(fc.array(arbitraryLine, { minLength: 1, maxLength: 6 }), fc.array(arbitraryDiscount, { maxLength: 3 }), fc.constantFrom('adult', 'medical') as fc.Arbitrary<'adult' | 'medical'>, (specs, ds, customerType) => {
        const lines = specs.map((s, i) => line(`l${i + 1}`, s.category, s.price, s.quantity));
        const discounts = ds.map((d, i): ManualDiscount => ({ id: `d${i}`, kind: d.kind, value: d.value, cartLineId: d.onLine === null ? null : (lines[d.onLine % lines.length]?.lineId ?? null), reason: 'r' }));
        const p = priceSale(lines, { manualDiscounts: discounts, taxRules: caToday, customerType: customerType });
        const sum = (f: (x: (typeof p.lines)[number]) => number) => p.lines.reduce((s, x) => s + f(x), 0);
        return (
          sum((l) => l.totalCents) === p.totalCents &&
          sum((l) => l.taxCents) === p.taxCents &&
          sum((l) => l.discountCents) === p.discountCents &&
          p.lines.every((l) => l.netCents >= 0 && l.netCents === l.grossCents - l.discountCents && l.discounts.reduce((s, d) => s + d.amountCents, 0) === l.discountCents) &&
          p.subtotalCents - p.discountCents + p.taxCents === p.totalCents
        );
      }),
      { numRuns: 500 },
    );
  });

  it('property: adding then removing a discount restores the original total', () => {
    fc.assert(
      fc.property(fc.array(arbitraryLine, { minLength: 1, maxLength: 5 }), arbitraryDiscount, (specs, d) => {
        const lines = specs.map((s, i) => line(`l${i + 1}`, s.category, s.price, s.quantity));
        const before = priceSale(lines, { manualDiscounts: [], taxRules: caToday, customerType: 'adult' }).totalCents;
        const withDiscount = priceSale(lines, { manualDiscounts: [{ id: 'd', kind: d.kind, value: d.value, cartLineId: null, reason: 'r' }], taxRules: caToday, customerType: 'adult' }).totalCents;
        return withDiscount <= before && priceSale(lines, { manualDiscounts: [], taxRules: caToday, customerType: 'adult' }).totalCents === before;
      }),
    );
  });
});
