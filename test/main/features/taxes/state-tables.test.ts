import { describe, expect, it } from 'vitest';
import type { SaleLineInput } from '../../../../src/shared/domain/pricing/sale-line';
import { priceSale, type ManualDiscount } from '../../../../src/shared/domain/pricing/sale-pricing';
import type { LocalTax } from '../../../../src/shared/domain/taxes/local-taxes';
import { localTaxes } from '../../../../src/shared/domain/taxes/local-taxes';
import { stateTaxTables, taxRulesFor } from '../../../../src/shared/domain/taxes/tax-tables';
import type { CustomerType, ProductCategory } from '../../../../src/shared/contract/values';

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
  Object.fromEntries(
    (priceSale([l], { manualDiscounts, taxRules: taxRulesFor(state, day, local), customerType }).lines[0]?.taxes ?? []).map((t) => [t.taxId, t.amountCents]),
  );
const day = '2026-06-15';

type Row = [label: string, state: string, l: SaleLineInput, customer: CustomerType, expected: Record<string, number>, source: string];
const rows: Row[] = [
  // Colorado
  [
    'CO adult flower $100: 15% RMST, no state sales tax',
    'CO',
    line('flower', 10_000),
    'adult',
    { 'co-rmst-2017': 1_500 },
    'C.R.S. 39-28.8-202(1)(a)(I); 39-26-729(1)(a)',
  ],
  [
    'CO medical flower $100: 2.9% sales tax, no RMST',
    'CO',
    line('flower', 10_000),
    'medical',
    { 'co-sales-medical': 290 },
    'C.R.S. 39-26-106; 39-28.8-202 (retail only)',
  ],
  ['CO adult accessory $20: 2.9% sales tax', 'CO', line('accessory', 2_000), 'adult', { 'co-sales-accessory': 58 }, 'CDOR Marijuana Tax page'],
  // Massachusetts
  [
    'MA adult edible $50: 10.75% excise + 6.25% sales',
    'MA',
    line('edible', 5_000),
    'adult',
    { 'ma-marijuana-excise': 538, 'ma-sales-marijuana': 313 },
    'M.G.L. c.64N §2; c.64H §2',
  ],
  ['MA medical flower $50: untaxed', 'MA', line('flower', 5_000), 'medical', {}, '830 CMR 64N.1.1(1)(b)'],
  ['MA medical accessory $20: 6.25% sales', 'MA', line('accessory', 2_000), 'medical', { 'ma-sales-accessory': 125 }, 'M.G.L. c.64H §2'],
  // Illinois: by type and potency
  [
    'IL adult flower 22% THC $40: 10% excise + 6.25% ROT',
    'IL',
    line('flower', 4_000, 1, 2_200),
    'adult',
    { 'il-cpet-low': 400, 'il-rot-adult': 250 },
    '410 ILCS 705/65-10(a)(1)',
  ],
  [
    'IL adult flower exactly 35% THC: still 10%',
    'IL',
    line('flower', 4_000, 1, 3_500),
    'adult',
    { 'il-cpet-low': 400, 'il-rot-adult': 250 },
    '65-10(a)(1) "at or below 35%"',
  ],
  [
    'IL adult concentrate 35.01% THC $60: 25% excise',
    'IL',
    line('concentrate', 6_000, 1, 3_501),
    'adult',
    { 'il-cpet-high': 1_500, 'il-rot-adult': 375 },
    '65-10(a)(2)',
  ],
  ['IL adult edible $20 (any potency): 20% excise', 'IL', line('edible', 2_000), 'adult', { 'il-cpet-infused': 400, 'il-rot-adult': 125 }, '65-10(a)(3)'],
  ['IL medical flower $40: 1% ROT, no excise', 'IL', line('flower', 4_000, 1, 2_200), 'medical', { 'il-rot-medical': 40 }, '65-10(c); 35 ILCS 120/2-10'],
  // Washington
  [
    'WA adult vape $30: 37% excise + 6.5% state sales',
    'WA',
    line('vape', 3_000),
    'adult',
    { 'wa-excise-2024': 1_110, 'wa-sales-state': 195 },
    'RCW 69.50.535; 82.08.020',
  ],
  [
    'WA medical (recognition card) vape $30: no excise, no sales tax (from 6 Jun 2024)',
    'WA',
    line('vape', 3_000),
    'medical',
    {},
    'HB 1453 (2024); RCW 82.08.9998',
  ],
  // Oregon
  [
    'OR adult flower $10.01: 17% rounded up to the cent',
    'OR',
    line('flower', 1_001),
    'adult',
    { 'or-marijuana-tax': 171 },
    'ORS 475C.674(2),(3): 170.17 → 171',
  ],
  ['OR medical cardholder: exempt', 'OR', line('flower', 1_001), 'medical', {}, 'ORS 475C.678(2)'],
  ['OR accessory: no sales tax', 'OR', line('accessory', 2_000), 'adult', {}, 'Oregon has no sales tax'],
  // Nevada
  [
    'NV adult preroll $15: 10% excise + 6.85% sales',
    'NV',
    line('preroll', 1_500),
    'adult',
    { 'nv-retail-excise': 150, 'nv-sales-state': 103 },
    'NRS 372A.290(3)',
  ],
  ['NV medical preroll $15: sales tax only', 'NV', line('preroll', 1_500), 'medical', { 'nv-sales-state': 103 }, 'marijuana.nv.gov Taxes'],
  // New York
  [
    'NY adult beverage $12: 9% + 4% local',
    'NY',
    line('beverage', 1_200),
    'adult',
    { 'ny-auc-retail-state': 108, 'ny-auc-retail-local': 48 },
    'Tax Law §493(b),(c)',
  ],
  ['NY medical: no register tax', 'NY', line('tincture', 6_000), 'medical', {}, 'Tax Law §490 (on the registered organisation)'],
  // Arizona
  [
    'AZ adult topical $25: 16% excise + 5.6% TPT',
    'AZ',
    line('topical', 2_500),
    'adult',
    { 'az-marijuana-excise': 400, 'az-tpt-state': 140 },
    'A.R.S. 42-5452(A),(D)',
  ],
  ['AZ medical topical $25: TPT only', 'AZ', line('topical', 2_500), 'medical', { 'az-tpt-state': 140 }, 'A.R.S. 42-5452(A) second sentence'],
  // Florida
  ['FL medical flower $45: exempt', 'FL', line('flower', 4_500), 'medical', {}, 's. 212.08(2), F.S.'],
  // Michigan: sales tax on price plus excise
  [
    'MI adult flower $100: 10% excise, 6% of $110',
    'MI',
    line('flower', 10_000),
    'adult',
    { 'mi-marihuana-excise': 1_000, 'mi-sales': 660 },
    'R 205.141(1) worked example',
  ],
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
    expect(taxesOf('MA', day, l, 'adult', [], [{ id: 'd', kind: 'percent', value: 2_000, cartLineId: l.lineId, reason: 'staff' }])).toEqual({
      'ma-marijuana-excise': 430,
      'ma-sales-marijuana': 250,
    });
  });

  // Rate changes and start dates (CO and WA 2024: the test above; AZ, IL, MI, NV, FL: none in their tables), each a day either side of the change in the store-local calendar (the instant → day step has its own test in sale-taxes.test.ts).
  type Change = [
    label: string,
    state: string,
    l: SaleLineInput,
    customer: CustomerType,
    before: [string, Record<string, number>],
    after: [string, Record<string, number>],
    source: string,
  ];
  const changes: Change[] = [
    [
      'CA excise 15% → 19% on 1 Jul 2025',
      'CA',
      line('flower', 10_000),
      'adult',
      ['2025-06-30', { 'ca-cannabis-excise-2023': 1_500, 'ca-sales-oakland': 1_025 }],
      ['2025-07-01', { 'ca-cannabis-excise-2025q3': 1_900, 'ca-sales-oakland': 1_025 }],
      'Rev. & Tax. Code §34011.2(c); CDTFA rate change to 19% from 1 Jul 2025',
    ],
    [
      'CA excise 19% → 15% on 1 Oct 2025',
      'CA',
      line('flower', 10_000),
      'adult',
      ['2025-09-30', { 'ca-cannabis-excise-2025q3': 1_900, 'ca-sales-oakland': 1_025 }],
      ['2025-10-01', { 'ca-cannabis-excise-2025q4': 1_500, 'ca-sales-oakland': 1_025 }],
      'AB 564 (2025), restoring 15% from 1 Oct 2025',
    ],
    [
      'WA medical excise exemption ends 1 Jul 2029',
      'WA',
      line('vape', 3_000),
      'medical',
      ['2029-06-30', {}],
      ['2029-07-01', { 'wa-excise-2029': 1_110 }],
      'RCW 69.50.535(6), HB 1453 (2024): medical exemption until 30 Jun 2029',
    ],
    [
      'OR cardholder exemption ends 1 Jan 2028',
      'OR',
      line('flower', 1_001),
      'medical',
      ['2027-12-31', {}],
      ['2028-01-01', { 'or-marijuana-tax-2028': 171 }],
      'Or. Laws 2021 c.525 §44; ORS 475C.674(3) (170.17 → 171)',
    ],
    [
      'MA adult-use taxes start 1 Jul 2018',
      'MA',
      line('edible', 5_000),
      'adult',
      ['2018-06-30', {}],
      ['2018-07-01', { 'ma-marijuana-excise': 538, 'ma-sales-marijuana': 313 }],
      'M.G.L. c.64N §2; c.64H §2 (first adult-use sales 1 Jul 2018, the table’s start)',
    ],
    [
      'NY adult-use tax starts 29 Dec 2022',
      'NY',
      line('beverage', 1_200),
      'adult',
      ['2022-12-28', {}],
      ['2022-12-29', { 'ny-auc-retail-state': 108, 'ny-auc-retail-local': 48 }],
      'N.Y. Tax Law §493(b),(c) (first adult-use sales 29 Dec 2022, the table’s start)',
    ],
  ];
  it.each(changes)('changes rates on their date: %s', (_label, state, l, customer, [dayBefore, before], [dayAfter, after], source) => {
    expect(source.length).toBeGreaterThan(0);
    expect(taxesOf(state, dayBefore, l, customer)).toEqual(before);
    expect(taxesOf(state, dayAfter, l, customer)).toEqual(after);
  });

  // A discount in every state that taxes: every tax is on the price actually charged (net of the discount), worked by hand.
  const off = (l: SaleLineInput, kind: 'percent' | 'amount', value: number): ManualDiscount[] => [
    { id: 'd', kind, value, cartLineId: l.lineId, reason: 'staff' },
  ];
  type Discounted = [
    label: string,
    state: string,
    l: SaleLineInput,
    customer: CustomerType,
    discount: ManualDiscount[],
    expected: Record<string, number>,
    source: string,
  ];
  const discounted: Discounted[] = [
    [
      'CA $5 off $40 flower → $35: 15% + 10.25%',
      'CA',
      line('flower', 4_000),
      'adult',
      off(line('flower', 4_000), 'amount', 500),
      { 'ca-cannabis-excise-2025q4': 525, 'ca-sales-oakland': 359 },
      'Rev. & Tax. Code §34011.2; §6051: on the price charged, 358.75 → 359',
    ],
    [
      'CO 10% off $100 flower → $90: RMST 15%',
      'CO',
      line('flower', 10_000),
      'adult',
      off(line('flower', 10_000), 'percent', 1_000),
      { 'co-rmst-2017': 1_350 },
      'C.R.S. §39-28.8-202(1)(a)(I): on the price charged',
    ],
    [
      'MI $10 off $100 flower → $90: 10% excise, 6% of $99',
      'MI',
      line('flower', 10_000),
      'adult',
      off(line('flower', 10_000), 'amount', 1_000),
      { 'mi-marihuana-excise': 900, 'mi-sales': 594 },
      'MCL 333.27963(1); R 205.141(1): 6% of ($90 + $9 excise)',
    ],
    [
      'IL 25% off a 40% THC concentrate $60 → $45: 25% + 6.25%',
      'IL',
      line('concentrate', 6_000, 1, 4_000),
      'adult',
      off(line('concentrate', 6_000, 1, 4_000), 'percent', 2_500),
      { 'il-cpet-high': 1_125, 'il-rot-adult': 281 },
      '410 ILCS 705/65-10(a)(2); 35 ILCS 120/2-10: on the price charged, 281.25 → 281',
    ],
    [
      'WA $5 off a $30 vape → $25: 37% + 6.5%',
      'WA',
      line('vape', 3_000),
      'adult',
      off(line('vape', 3_000), 'amount', 500),
      { 'wa-excise-2024': 925, 'wa-sales-state': 163 },
      'RCW 69.50.535; RCW 82.08.020: on the price charged, 162.5 → 163',
    ],
    [
      'OR 10% off $10.01 → $9.01: 17% up to the cent',
      'OR',
      line('flower', 1_001),
      'adult',
      off(line('flower', 1_001), 'percent', 1_000),
      { 'or-marijuana-tax': 154 },
      'ORS 475C.674(2),(3): discount 100.1 → 100; 17% of 901 = 153.17 → 154',
    ],
    [
      'NV $3 off a $15 preroll → $12: 10% + 6.85%',
      'NV',
      line('preroll', 1_500),
      'adult',
      off(line('preroll', 1_500), 'amount', 300),
      { 'nv-retail-excise': 120, 'nv-sales-state': 82 },
      'NRS 372A.290(3); NRS 372.105: on the price charged, 82.2 → 82',
    ],
    [
      'NY 20% off a $12 beverage → $9.60: 9% + 4%',
      'NY',
      line('beverage', 1_200),
      'adult',
      off(line('beverage', 1_200), 'percent', 2_000),
      { 'ny-auc-retail-state': 86, 'ny-auc-retail-local': 38 },
      'N.Y. Tax Law §493(b),(c): on the price charged, 86.4 → 86, 38.4 → 38',
    ],
    [
      'AZ 10% off a $25 topical → $22.50: 16% + 5.6%',
      'AZ',
      line('topical', 2_500),
      'adult',
      off(line('topical', 2_500), 'percent', 1_000),
      { 'az-marijuana-excise': 360, 'az-tpt-state': 126 },
      'A.R.S. §42-5452(A); §42-5010: on the price charged',
    ],
    ['FL 10% off medical flower: still exempt', 'FL', line('flower', 4_500), 'medical', off(line('flower', 4_500), 'percent', 1_000), {}, 's. 212.08(2), F.S.'],
  ];
  it.each(discounted)('taxes the discounted price: %s', (_label, state, l, customer, discount, expected, source) => {
    expect(source.length).toBeGreaterThan(0);
    expect(taxesOf(state, day, l, customer, [], discount)).toEqual(expected);
  });

  it('rounds Oregon once per receipt, up, and shares it across the lines exactly', () => {
    const lines = [line('flower', 1_001), { ...line('edible', 1_001), lineId: 'l2' }];
    const priced = priceSale(lines, { manualDiscounts: [], taxRules: taxRulesFor('OR', day), customerType: 'adult' });
    // 17% of $20.02 = $3.4034 → $3.41 on the receipt (per line it would be 171 + 171 = 342).
    expect(priced.taxCents).toBe(341);
    expect(priced.lines.map((p) => p.taxCents).reduce((a, b) => a + b)).toBe(341);
  });

  it('adds the store local taxes, exempting medical where the ordinance does', () => {
    const local = localTaxes.parse([
      {
        id: 'boston',
        name: 'Boston local option 3%',
        jurisdiction: 'MA/Boston',
        rateBp: 300,
        appliesTo: 'cannabis',
        medicalExempt: true,
        effectiveFrom: '2019-01-01',
        effectiveTo: null,
        citation: 'M.G.L. c.64N §3',
      },
    ]);
    expect(taxesOf('MA', day, line('flower', 5_000), 'adult', local)).toMatchObject({ 'local-boston': 150 });
    expect(taxesOf('MA', day, line('flower', 5_000), 'medical', local)).toEqual({});
  });

  it('refuses overlapping periods of one local tax and a potency-banded tax without potency', () => {
    const period = { id: 'city-x', name: 'X', jurisdiction: 'X', rateBp: 100, appliesTo: 'all', medicalExempt: false, citation: 'c' };
    expect(
      localTaxes.safeParse([
        { ...period, effectiveFrom: '2026-01-01', effectiveTo: null },
        { ...period, effectiveFrom: '2026-06-01', effectiveTo: null },
      ]).success,
    ).toBe(false);
    expect(
      localTaxes.safeParse([
        { ...period, effectiveFrom: '2026-01-01', effectiveTo: '2026-06-01' },
        { ...period, effectiveFrom: '2026-06-01', effectiveTo: null },
      ]).success,
    ).toBe(true);
    expect(() => taxesOf('IL', day, line('flower', 4_000), 'adult')).toThrow(expect.objectContaining({ code: 'TAX_POTENCY_UNKNOWN' }));
  });
});
