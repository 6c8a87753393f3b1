import { describe, expect, it } from 'vitest';
import type { SaleLineInput } from '../../../src/main/checkout/ports';
import { priceSale, type ManualDiscount } from '../../../src/main/checkout/sale-pricing';
import type { LocalTax } from '../../../src/main/taxes/local-taxes';
import { localTaxes } from '../../../src/main/taxes/local-taxes';
import { stateTaxTables, taxRulesFor } from '../../../src/main/taxes/tax-tables';
import type { CustomerType, ProductCategory } from '../../../src/shared/contract/values';

/**
 * One cart per state, category and sale type; every expected figure is
 * worked by hand from the cited rule (rates in basis points, half up per
 * line unless the rule says otherwise), never from the table under test.
 */
const line = (category: ProductCategory, unitPriceCents: number, quantity = 1, potency: number | null = null): SaleLineInput => ({
  lineId: `l-${category}-${unitPriceCents}`,
  lineNumber: 1,
  productId: 'p',
  name: category,
  brand: 'b',
  category,
  sellingMode: 'each',
  packageTag: 'T',
  packageUnit: 'each',
  quantity,
  unitPriceCents,
  netWeightMg: 0,
  thcMg: 0,
  thcPotencyBp: potency,
});
const taxesOf = (state: string, day: string, l: SaleLineInput, customerType: CustomerType, local: LocalTax[] = [], manualDiscounts: ManualDiscount[] = []) =>
  Object.fromEntries((priceSale([l], { manualDiscounts, taxRules: taxRulesFor(state, day, local), customerType }).lines[0]?.taxes ?? []).map((t) => [t.taxId, t.amountCents]));
const day = '2026-06-15';

type Row = [label: string, state: string, l: SaleLineInput, customer: CustomerType, expected: Record<string, number>, source: string];
const rows: Row[] = [
  // Colorado
  ['CO adult flower $100: 15% RMST, no state sales tax', 'CO', line('flower', 10_000), 'adult', { 'co-rmst-2017': 1_500 }, 'C.R.S. 39-28.8-202(1)(a)(I); 39-26-729(1)(a)'],
  ['CO medical flower $100: 2.9% sales tax, no RMST', 'CO', line('flower', 10_000), 'medical', { 'co-sales-medical': 290 }, 'C.R.S. 39-26-106; 39-28.8-202 (retail only)'],
  ['CO adult accessory $20: 2.9% sales tax', 'CO', line('accessory', 2_000), 'adult', { 'co-sales-accessory': 58 }, 'CDOR Marijuana Tax page'],
  // Massachusetts
  ['MA adult edible $50: 10.75% excise + 6.25% sales', 'MA', line('edible', 5_000), 'adult', { 'ma-marijuana-excise': 538, 'ma-sales-marijuana': 313 }, 'M.G.L. c.64N §2; c.64H §2'],
  ['MA medical flower $50: untaxed', 'MA', line('flower', 5_000), 'medical', {}, '830 CMR 64N.1.1(1)(b)'],
  ['MA medical accessory $20: 6.25% sales', 'MA', line('accessory', 2_000), 'medical', { 'ma-sales-accessory': 125 }, 'M.G.L. c.64H §2'],
  // Illinois: by type and potency
  ['IL adult flower 22% THC $40: 10% excise + 6.25% ROT', 'IL', line('flower', 4_000, 1, 2_200), 'adult', { 'il-cpet-low': 400, 'il-rot-adult': 250 }, '410 ILCS 705/65-10(a)(1)'],
  ['IL adult flower exactly 35% THC: still 10%', 'IL', line('flower', 4_000, 1, 3_500), 'adult', { 'il-cpet-low': 400, 'il-rot-adult': 250 }, '65-10(a)(1) "at or below 35%"'],
  ['IL adult concentrate 35.01% THC $60: 25% excise', 'IL', line('concentrate', 6_000, 1, 3_501), 'adult', { 'il-cpet-high': 1_500, 'il-rot-adult': 375 }, '65-10(a)(2)'],
  ['IL adult edible $20 (any potency): 20% excise', 'IL', line('edible', 2_000), 'adult', { 'il-cpet-infused': 400, 'il-rot-adult': 125 }, '65-10(a)(3)'],
  ['IL medical flower $40: 1% ROT, no excise', 'IL', line('flower', 4_000, 1, 2_200), 'medical', { 'il-rot-medical': 40 }, '65-10(c); 35 ILCS 120/2-10'],
  // Washington
  ['WA adult vape $30: 37% excise + 6.5% state sales', 'WA', line('vape', 3_000), 'adult', { 'wa-excise-2024': 1_110, 'wa-sales-state': 195 }, 'RCW 69.50.535; 82.08.020'],
  ['WA medical (recognition card) vape $30: no excise, no sales tax (from 6 Jun 2024)', 'WA', line('vape', 3_000), 'medical', {}, 'HB 1453 (2024); RCW 82.08.9998'],
  // Oregon
  ['OR adult flower $10.01: 17% rounded up to the cent', 'OR', line('flower', 1_001), 'adult', { 'or-marijuana-tax': 171 }, 'ORS 475C.674(2),(3): 170.17 → 171'],
  ['OR medical cardholder: exempt', 'OR', line('flower', 1_001), 'medical', {}, 'ORS 475C.678(2)'],
  ['OR accessory: no sales tax', 'OR', line('accessory', 2_000), 'adult', {}, 'Oregon has no sales tax'],
  // Nevada
  ['NV adult preroll $15: 10% excise + 6.85% sales', 'NV', line('preroll', 1_500), 'adult', { 'nv-retail-excise': 150, 'nv-sales-state': 103 }, 'NRS 372A.290(3)'],
  ['NV medical preroll $15: sales tax only', 'NV', line('preroll', 1_500), 'medical', { 'nv-sales-state': 103 }, 'marijuana.nv.gov Taxes'],
  // New York
  ['NY adult beverage $12: 9% + 4% local', 'NY', line('beverage', 1_200), 'adult', { 'ny-auc-retail-state': 108, 'ny-auc-retail-local': 48 }, 'Tax Law §493(b),(c)'],
  ['NY medical: no register tax', 'NY', line('tincture', 6_000), 'medical', {}, 'Tax Law §490 (on the registered organisation)'],
  // Arizona
  ['AZ adult topical $25: 16% excise + 5.6% TPT', 'AZ', line('topical', 2_500), 'adult', { 'az-marijuana-excise': 400, 'az-tpt-state': 140 }, 'A.R.S. 42-5452(A),(D)'],
  ['AZ medical topical $25: TPT only', 'AZ', line('topical', 2_500), 'medical', { 'az-tpt-state': 140 }, 'A.R.S. 42-5452(A) second sentence'],
  // Florida
  ['FL medical flower $45: exempt', 'FL', line('flower', 4_500), 'medical', {}, 's. 212.08(2), F.S.'],
  // Michigan: sales tax on price plus excise
  ['MI adult flower $100: 10% excise, 6% of $110', 'MI', line('flower', 10_000), 'adult', { 'mi-marihuana-excise': 1_000, 'mi-sales': 660 }, 'R 205.141(1) worked example'],
  ['MI medical flower $100: 6% only', 'MI', line('flower', 10_000), 'medical', { 'mi-sales': 600 }, 'MCL 333.27963(4)'],
];

describe('state tax tables', () => {
  it.each(rows)('%s', (_label, state, l, customer, expected, source) => {
    expect(source.length).toBeGreaterThan(0);
    expect(taxesOf(state, day, l, customer)).toEqual(expected);
  });

  it('ships a table for every state with a purchase-limit rule pack, each rule cited and dated', () => {
    expect(Object.keys(stateTaxTables).sort()).toEqual(['AZ', 'CA', 'CO', 'FL', 'IL', 'MA', 'MI', 'NV', 'NY', 'OR', 'WA']);
    for (const table of Object.values(stateTaxTables)) {
      expect(table.sources.length).toBeGreaterThan(0);
      for (const rule of table.rules) {
        expect(rule.citation, rule.id).not.toBe('');
        expect(rule.effectiveTo === null || rule.effectiveFrom < rule.effectiveTo, rule.id).toBe(true);
        expect(Number.isSafeInteger(rule.rateBp), rule.id).toBe(true);
      }
    }
  });

  it('changes rates on their dates: CO 10% → 15% on 1 Jul 2017, WA medical excise exemption from 6 Jun 2024', () => {
    expect(taxesOf('CO', '2017-06-30', line('flower', 10_000), 'adult')).toEqual({ 'co-rmst-2014': 1_000 });
    expect(taxesOf('CO', '2017-07-01', line('flower', 10_000), 'adult')).toEqual({ 'co-rmst-2017': 1_500 });
    expect(taxesOf('WA', '2024-06-05', line('vape', 3_000), 'medical')).toEqual({ 'wa-excise-2015': 1_110 });
    expect(taxesOf('WA', '2024-06-06', line('vape', 3_000), 'medical')).toEqual({});
  });

  it('taxes the discounted price: MA 20% off $50 → $40 base for every tax', () => {
    const l = line('flower', 5_000);
    expect(taxesOf('MA', day, l, 'adult', [], [{ id: 'd', kind: 'percent', value: 2_000, cartLineId: l.lineId, reason: 'staff' }])).toEqual({ 'ma-marijuana-excise': 430, 'ma-sales-marijuana': 250 });
  });

  it('rounds Oregon once per receipt, up, and shares it across the lines exactly', () => {
    const lines = [line('flower', 1_001), { ...line('edible', 1_001), lineId: 'l2' }];
    const priced = priceSale(lines, { manualDiscounts: [], taxRules: taxRulesFor('OR', day), customerType: 'adult' });
    // 17% of $20.02 = $3.4034 → $3.41 on the receipt (per line it would be 171 + 171 = 342).
    expect(priced.taxCents).toBe(341);
    expect(priced.lines.map((p) => p.taxCents).reduce((a, b) => a + b)).toBe(341);
  });

  it('adds the store local taxes, exempting medical where the ordinance does', () => {
    const local = localTaxes.parse([{ id: 'boston', name: 'Boston local option 3%', jurisdiction: 'MA/Boston', rateBp: 300, appliesTo: 'cannabis', medicalExempt: true, effectiveFrom: '2019-01-01', effectiveTo: null, citation: 'M.G.L. c.64N §3' }]);
    expect(taxesOf('MA', day, line('flower', 5_000), 'adult', local)).toMatchObject({ 'local-boston': 150 });
    expect(taxesOf('MA', day, line('flower', 5_000), 'medical', local)).toEqual({});
  });

  it('refuses overlapping periods of one local tax and a potency-banded tax without potency', () => {
    const period = { id: 'city-x', name: 'X', jurisdiction: 'X', rateBp: 100, appliesTo: 'all', medicalExempt: false, citation: 'c' };
    expect(localTaxes.safeParse([{ ...period, effectiveFrom: '2026-01-01', effectiveTo: null }, { ...period, effectiveFrom: '2026-06-01', effectiveTo: null }]).success).toBe(false);
    expect(localTaxes.safeParse([{ ...period, effectiveFrom: '2026-01-01', effectiveTo: '2026-06-01' }, { ...period, effectiveFrom: '2026-06-01', effectiveTo: null }]).success).toBe(true);
    expect(() => taxesOf('IL', day, line('flower', 4_000), 'adult')).toThrow(expect.objectContaining({ code: 'TAX_POTENCY_UNKNOWN' }));
  });
});
