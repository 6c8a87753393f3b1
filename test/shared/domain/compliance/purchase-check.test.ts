import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { rulePackFor } from '../../../../src/shared/domain/compliance/rule-packs';
import { checkPurchase, type PurchaseCase } from '../../../../src/shared/domain/compliance/purchase-check';
import { ounces } from '../../../../src/shared/domain/compliance/rule-helpers';
import type { LimitItem } from '../../../../src/shared/domain/compliance/limit-item';
import { STORE_ZONES } from '../../../support/store-zones';

/**
 * Table-driven cases, one line each, citing the rule they exercise. The
 * base customer is an adult resident, 36, with a valid ID, buying at
 * in the afternoon, store time, on 15 June 2026.
 */
const item = (category: LimitItem['category'], netWeightMg: number, thcMg = 0, quantity = 1): LimitItem => ({ category, netWeightMg, thcMg, quantity });
const flower = (mg: number, quantity = 1) => item('flower', mg, 0, quantity);
const conc = (mg: number, quantity = 1) => item('concentrate', mg, Math.round(mg * 0.8), quantity);
const edible = (thcMg: number, quantity = 1) => item('edible', 50_000, thcMg, quantity);

function base(state: string, overrides: Partial<PurchaseCase> = {}): PurchaseCase {
  return {
    customerType: 'adult',
    resident: true,
    at: new Date('2026-06-15T23:00:00Z'), // afternoon on 15 June in every US zone
    timeZone: STORE_ZONES[state] ?? 'UTC',
    dateOfBirth: '1990-01-01',
    idExpiry: '2030-01-01',
    medicalExpiry: null,
    prior: [],
    cart: [],
    ...overrides,
  };
}

type Row = [label: string, state: string, overrides: Partial<PurchaseCase>, expected: string[], cites: string];
const medical = { customerType: 'medical' as const, medicalExpiry: '2027-01-01' };

const rows: Row[] = [
  // --- ages and IDs (every state's age rule)
  ...(['CA', 'CO', 'MI', 'MA', 'IL', 'WA', 'OR', 'NV', 'NY', 'AZ'] as const).flatMap((s): Row[] => [
    [`${s}: 21st birthday today is of age`, s, { dateOfBirth: '2005-06-15', cart: [flower(1_000)] }, [], rulePackFor(s).ages[0]?.citation ?? ''],
    [
      `${s}: the day before the 21st birthday is underage`,
      s,
      { dateOfBirth: '2005-06-16', cart: [flower(1_000)] },
      ['UNDERAGE'],
      rulePackFor(s).ages[0]?.citation ?? '',
    ],
  ]),
  ['CA: ID expiring today is valid through the day', 'CA', { idExpiry: '2026-06-15', cart: [flower(1_000)] }, [], '4 CCR §15404'],
  ['CA: ID expired yesterday is refused', 'CA', { idExpiry: '2026-06-14', cart: [flower(1_000)] }, ['ID_EXPIRED'], '4 CCR §15404'],
  [
    'CA: a birth date in the future is refused',
    'CA',
    { dateOfBirth: '2027-01-01', cart: [flower(1_000)] },
    ['ID_DATES_INVALID', 'UNDERAGE'],
    'B&P Code §26140; 4 CCR §15404',
  ],
  [
    'CA: leap-day birthday turns 21 on 1 March in a common year',
    'CA',
    { dateOfBirth: '2004-02-29', at: new Date('2025-03-01T20:00:00Z'), cart: [flower(1_000)] },
    [],
    'B&P Code §26140',
  ],
  [
    'CA: leap-day birthday still 20 on 28 February',
    'CA',
    { dateOfBirth: '2004-02-29', at: new Date('2025-02-28T20:00:00Z'), cart: [flower(1_000)] },
    ['UNDERAGE'],
    'B&P Code §26140; 4 CCR §15404',
  ],
  ['CA: medical patient aged 18 may buy', 'CA', { ...medical, dateOfBirth: '2008-06-15', cart: [flower(1_000)] }, [], 'B&P Code §26140(b)'],
  [
    'CA: medical card expired',
    'CA',
    { customerType: 'medical', medicalExpiry: '2026-06-14', cart: [flower(1_000)] },
    ['MEDICAL_EXPIRED'],
    'H&S Code §11362.71',
  ],
  ['CA: medical card expiring today is valid', 'CA', { customerType: 'medical', medicalExpiry: '2026-06-15', cart: [flower(1_000)] }, [], 'H&S Code §11362.71'],
  ['FL: no adult-use sales', 'FL', { cart: [flower(1_000)] }, ['SALE_TYPE_NOT_OFFERED'], 'F.S. 381.986'],
  ['FL: a registered patient may buy', 'FL', { ...medical, cart: [flower(1_000)] }, [], 'F.S. 381.986'],

  // --- California: separate buckets, per day
  ['CA: exactly 28.5 g of flower', 'CA', { cart: [flower(28_500)] }, [], '4 CCR §15409(a)(1)'],
  ['CA: one milligram over 28.5 g', 'CA', { cart: [flower(28_501)] }, ['LIMIT_EXCEEDED:flower'], '4 CCR §15409(a)(1)'],
  [
    'CA: earlier purchase the same day counts',
    'CA',
    { prior: [{ ...flower(20_000), time: new Date('2026-06-15T17:00:00Z') }], cart: [flower(8_501)] },
    ['LIMIT_EXCEEDED:flower'],
    '4 CCR §15409(a)(1)',
  ],
  [
    'CA: yesterday (store-local) does not count',
    'CA',
    { prior: [{ ...flower(20_000), time: new Date('2026-06-15T06:59:00Z') }], cart: [flower(8_501)] },
    [],
    '4 CCR §15409(a)(1)',
  ],
  ['CA: exactly 8 g concentrate', 'CA', { cart: [conc(8_000)] }, [], '4 CCR §15409(a)(2)'],
  [
    'CA: vapes count by the concentrate they hold (net weight): 10 × 1 g is over 8 g',
    'CA',
    { cart: [item('vape', 1_000, 850, 10)] },
    ['LIMIT_EXCEEDED:concentrate'],
    '4 CCR §15409(a)(2)',
  ],
  ['CA: edibles count by THC: 80 × 100 mg is exactly 8 g', 'CA', { cart: [edible(100, 80)] }, [], '4 CCR §15409(a)(2)'],
  ['CA: flower and concentrate are separate buckets', 'CA', { cart: [flower(28_500), conc(8_000)] }, [], '4 CCR §15409(a)'],
  ['CA: 6 immature plants', 'CA', { cart: [item('immature_plant', 0, 0, 6)] }, [], '4 CCR §15409(a)(3)'],
  ['CA: 7 immature plants', 'CA', { cart: [item('immature_plant', 0, 0, 7)] }, ['LIMIT_EXCEEDED:immature_plant'], '4 CCR §15409(a)(3)'],
  ['CA: medical 8 oz of flower per day', 'CA', { ...medical, cart: [flower(ounces(8))] }, [], '4 CCR §15409(b)(1)'],
  ['CA: medical over 8 oz', 'CA', { ...medical, cart: [flower(ounces(8) + 1)] }, ['LIMIT_EXCEEDED:flower'], '4 CCR §15409(b)(1)'],
  ['CA: accessories never count', 'CA', { cart: [item('accessory', 0, 0, 50)] }, [], '4 CCR §15409'],
  [
    'CA: local midnight across the DST change (1 Nov 2026): 23:30 PDT and 00:30 PST are different days',
    'CA',
    { at: new Date('2026-11-02T08:30:00Z'), prior: [{ ...flower(28_000), time: new Date('2026-11-01T06:30:00Z') }], cart: [flower(1_000)] },
    [],
    '4 CCR §15409 (calendar day, store zone)',
  ],
  [
    'CA: the same local day across the fall-back hour',
    'CA',
    { at: new Date('2026-11-01T09:30:00Z'), prior: [{ ...flower(28_000), time: new Date('2026-11-01T08:30:00Z') }], cart: [flower(1_000)] },
    ['LIMIT_EXCEEDED:flower'],
    '4 CCR §15409 (calendar day, store zone)',
  ],

  // --- Colorado: equivalency toward the ounce per sale; concentrate 8 g per day
  ['CO: 1 oz of flower', 'CO', { cart: [flower(ounces(1))] }, [], 'C.R.S. 44-10-601'],
  ['CO: 8 g concentrate equals the ounce', 'CO', { cart: [conc(8_000)] }, [], '1 CCR 212-3 equivalency'],
  [
    'CO: half an ounce of flower + 4 g concentrate is exactly one ounce-equivalent',
    'CO',
    { cart: [flower(Math.floor(ounces(1) / 2)), conc(4_000)] },
    [],
    '1 CCR 212-3 equivalency',
  ],
  [
    'CO: half an ounce + 4.1 g concentrate is over',
    'CO',
    { cart: [flower(Math.floor(ounces(1) / 2)), conc(4_100)] },
    ['LIMIT_EXCEEDED:total'],
    '1 CCR 212-3 equivalency',
  ],
  ['CO: 800 mg THC of edibles equals the ounce', 'CO', { cart: [edible(100, 8)] }, [], '1 CCR 212-3 equivalency'],
  ['CO: 900 mg THC of edibles is over', 'CO', { cart: [edible(100, 9)] }, ['LIMIT_EXCEEDED:total'], '1 CCR 212-3 equivalency'],
  [
    'CO: concentrate earlier today counts toward the daily 8 g',
    'CO',
    { prior: [{ ...conc(6_000), time: new Date('2026-06-15T15:00:00Z') }], cart: [conc(2_500)] },
    ['LIMIT_EXCEEDED:concentrate'],
    'HB21-1317',
  ],
  [
    'CO medical 18–20: 2 g of concentrate a day is the limit',
    'CO',
    { ...medical, dateOfBirth: '2007-01-01', cart: [conc(2_000)] },
    [],
    'HB21-1317; C.R.S. 44-10-501 (patients 18–20: 2 g/day)',
  ],
  [
    'CO medical 18–20: 2.1 g of concentrate is over',
    'CO',
    { ...medical, dateOfBirth: '2007-01-01', cart: [conc(2_100)] },
    ['LIMIT_EXCEEDED:concentrate'],
    'HB21-1317; C.R.S. 44-10-501 (patients 18–20: 2 g/day)',
  ],
  [
    'CO medical: on the 21st birthday the 8 g limit applies',
    'CO',
    { ...medical, dateOfBirth: '2005-06-15', cart: [conc(8_000)] },
    [],
    'HB21-1317; C.R.S. 44-10-501 (patients 21 and over)',
  ],
  [
    'CO medical: the day before turning 21 the 2 g limit still applies',
    'CO',
    { ...medical, dateOfBirth: '2005-06-16', cart: [conc(2_500)] },
    ['LIMIT_EXCEEDED:concentrate'],
    'HB21-1317; C.R.S. 44-10-501 (patients 18–20: 2 g/day)',
  ],
  [
    'CO: the per-sale ounce ignores earlier sales',
    'CO',
    { prior: [{ ...flower(ounces(1)), time: new Date('2026-06-15T15:00:00Z') }], cart: [flower(ounces(1))] },
    [],
    'C.R.S. 44-10-601 (per transaction)',
  ],

  // --- Michigan
  ['MI: 2.5 oz per transaction', 'MI', { cart: [flower(ounces(2.5))] }, [], 'MCL 333.27955'],
  ['MI: over 2.5 oz', 'MI', { cart: [flower(ounces(2.5) + 1)] }, ['LIMIT_EXCEEDED:total'], 'MCL 333.27955'],
  ['MI: 15 g concentrate within the 2.5 oz', 'MI', { cart: [conc(15_000)] }, [], 'R 420.506'],
  ['MI: 16 g concentrate', 'MI', { cart: [conc(16_000)] }, ['LIMIT_EXCEEDED:concentrate'], 'R 420.506'],
  ['MI: vape carts count as concentrate', 'MI', { cart: [item('vape', 1_000, 850, 16)] }, ['LIMIT_EXCEEDED:concentrate'], 'R 420.506'],
  [
    'MI: medical 10 oz per 30 days',
    'MI',
    { ...medical, prior: [{ ...flower(ounces(8)), time: new Date('2026-06-01T15:00:00Z') }], cart: [flower(ounces(2.5))] },
    ['LIMIT_EXCEEDED:total'],
    'R 420.506',
  ],
  [
    'MI: medical purchases older than 30 days drop out',
    'MI',
    { ...medical, prior: [{ ...flower(ounces(8)), time: new Date('2026-05-10T15:00:00Z') }], cart: [flower(ounces(2.5))] },
    [],
    'R 420.506',
  ],

  // --- Massachusetts
  ['MA: 5 g of THC in concentrate equals the ounce', 'MA', { cart: [item('concentrate', 7_000, 5_000)] }, [], '935 CMR 500.140(3)'],
  ['MA: 500 mg THC edibles equals the ounce', 'MA', { cart: [edible(100, 5)] }, [], '935 CMR 500.140(3)'],
  [
    'MA: half an ounce + 300 mg edibles is over',
    'MA',
    { cart: [flower(Math.ceil(ounces(1) / 2)), edible(100, 3)] },
    ['LIMIT_EXCEEDED:total'],
    '935 CMR 500.140(3)',
  ],
  ['MA: topicals are not counted', 'MA', { cart: [flower(ounces(1)), item('topical', 10_000, 500, 5)] }, [], '935 CMR 500.140(3)'],

  // --- Illinois: non-residents get half
  ['IL: resident 30 g flower', 'IL', { cart: [flower(30_000)] }, [], '410 ILCS 705/10-10(a)(1)'],
  ['IL: resident 30.001 g', 'IL', { cart: [flower(30_001)] }, ['LIMIT_EXCEEDED:flower'], '410 ILCS 705/10-10(a)(1)'],
  ['IL: non-resident 15 g flower', 'IL', { resident: false, cart: [flower(15_000)] }, [], '410 ILCS 705/10-10(b)(1)'],
  ['IL: non-resident 16 g flower', 'IL', { resident: false, cart: [flower(16_000)] }, ['LIMIT_EXCEEDED:flower'], '410 ILCS 705/10-10(b)(1)'],
  ['IL: resident 500 mg THC infused', 'IL', { cart: [edible(100, 5)] }, [], '410 ILCS 705/10-10(a)(2)'],
  ['IL: non-resident 300 mg THC infused', 'IL', { resident: false, cart: [edible(100, 3)] }, ['LIMIT_EXCEEDED:infused'], '410 ILCS 705/10-10(b)(3)'],
  ['IL: non-resident 2.5 g concentrate', 'IL', { resident: false, cart: [conc(2_500)] }, [], '410 ILCS 705/10-10(b)(2)'],

  // --- Washington
  ['WA: 1 oz usable', 'WA', { cart: [flower(ounces(1))] }, [], 'RCW 69.50.360(3)(a)'],
  ['WA: 7 g concentrate', 'WA', { cart: [conc(7_000)] }, [], 'RCW 69.50.360(3)(e)'],
  ['WA: 8 g concentrate', 'WA', { cart: [conc(8_000)] }, ['LIMIT_EXCEEDED:concentrate'], 'RCW 69.50.360(3)(e)'],
  ['WA: 16 oz solid infused', 'WA', { cart: [item('edible', Math.floor(ounces(16) / 4), 100, 4)] }, [], 'RCW 69.50.360(3)(b)'],
  ['WA: over 16 oz solid infused', 'WA', { cart: [item('edible', ounces(16) + 1, 100, 1)] }, ['LIMIT_EXCEEDED:infused_solid'], 'RCW 69.50.360(3)(b)'],
  ['WA: over 72 oz liquid infused', 'WA', { cart: [item('beverage', ounces(72) + 1, 10, 1)] }, ['LIMIT_EXCEEDED:infused_liquid'], 'RCW 69.50.360(3)(c)'],

  // --- Oregon
  ['OR: 5 g extract', 'OR', { cart: [conc(5_000)] }, [], 'OAR 845-025-2800'],
  ['OR: 6 g extract', 'OR', { cart: [conc(6_000)] }, ['LIMIT_EXCEEDED:concentrate'], 'OAR 845-025-2800'],
  ['OR: 10 seeds', 'OR', { cart: [item('seed', 0, 0, 10)] }, [], 'OAR 845-025-2800'],
  ['OR: 11 seeds', 'OR', { cart: [item('seed', 0, 0, 11)] }, ['LIMIT_EXCEEDED:seed'], 'OAR 845-025-2800'],
  ['OR: 5 immature plants', 'OR', { cart: [item('immature_plant', 0, 0, 5)] }, ['LIMIT_EXCEEDED:immature_plant'], 'OAR 845-025-2800'],

  // --- Nevada: the 2024 change
  ['NV: 2.5 oz flower since 2024', 'NV', { cart: [flower(ounces(2.5))] }, [], 'NRS 678D.200(1)(a) (SB 277)'],
  ['NV: a quarter ounce of concentrate equals the limit', 'NV', { cart: [conc(Math.floor(ounces(0.25)))] }, [], 'NRS 678D.200(1)(a) (SB 277)'],
  [
    'NV: in 2023 the limit was 1 oz',
    'NV',
    { at: new Date('2023-06-15T19:00:00Z'), cart: [flower(ounces(1) + 1)] },
    ['LIMIT_EXCEEDED:total'],
    'NRS 678D.200(1)(a) before SB 277',
  ],

  // --- New York
  ['NY: 3 oz cannabis', 'NY', { cart: [flower(ounces(3))] }, [], 'Penal Law §222.05(1)(a)'],
  ['NY: 24 g concentrated', 'NY', { cart: [conc(24_000)] }, [], 'Penal Law §222.05(1)(a)'],
  ['NY: 25 g concentrated', 'NY', { cart: [conc(25_000)] }, ['LIMIT_EXCEEDED:concentrate'], 'Penal Law §222.05(1)(a)'],

  // --- Arizona
  ['AZ: 1 oz with 5 g concentrate inside it', 'AZ', { cart: [flower(ounces(1) - 5_000), conc(5_000)] }, [], 'A.R.S. 36-2852(A)'],
  ['AZ: concentrate counts toward the ounce', 'AZ', { cart: [flower(ounces(1) - 4_000), conc(5_000)] }, ['LIMIT_EXCEEDED:total'], 'A.R.S. 36-2852(A)'],
  ['AZ: 6 g concentrate', 'AZ', { cart: [conc(6_000)] }, ['LIMIT_EXCEEDED:concentrate'], 'A.R.S. 36-2852(A)'],

  // --- Florida: rolling windows
  [
    'FL: 2.5 oz smokable in 35 days',
    'FL',
    { ...medical, prior: [{ ...flower(ounces(2)), time: new Date('2026-05-20T15:00:00Z') }], cart: [flower(ounces(0.5))] },
    [],
    'F.S. 381.986(8)(e)16.b.',
  ],
  [
    'FL: over 2.5 oz smokable in 35 days',
    'FL',
    { ...medical, prior: [{ ...flower(ounces(2)), time: new Date('2026-05-20T15:00:00Z') }], cart: [flower(ounces(0.5) + 1)] },
    ['LIMIT_EXCEEDED:smokable'],
    'F.S. 381.986(8)(e)16.b.',
  ],
  ['FL: 24,500 mg THC non-smokable in 70 days', 'FL', { ...medical, cart: [item('vape', 30_000, 24_500)] }, [], 'DOH Emergency Rule 64ER22-8'],
  [
    'FL: over 24,500 mg THC in 70 days',
    'FL',
    { ...medical, prior: [{ ...item('vape', 30_000, 20_000), time: new Date('2026-04-20T15:00:00Z') }], cart: [item('vape', 30_000, 4_501)] },
    ['LIMIT_EXCEEDED:non_smokable', 'LIMIT_EXCEEDED:inhalation'],
    'DOH Emergency Rule 64ER22-8',
  ],

  // --- Boundaries from the state rules (docs/compliance/), written out independently of the rule packs: at the limit, then one unit over.
  ...(
    [
      ['CA', 'adult', true, 'flower', 28_500, 'flower', '4 CCR §15409(a)(1)'],
      ['CA', 'adult', true, 'concentrate', 8_000, 'concentrate', '4 CCR §15409(a)(2)'],
      ['CA', 'medical', true, 'preroll', 226_796, 'flower', '4 CCR §15409(b)(1)'],
      ['CO', 'adult', true, 'flower', 28_349, 'total', 'C.R.S. 44-10-601'],
      ['CO', 'medical', true, 'flower', 56_699, 'flower', 'C.R.S. 44-10-501'],
      ['CO', 'medical', true, 'concentrate', 8_000, 'concentrate', 'HB21-1317'],
      ['MI', 'adult', true, 'flower', 70_873, 'total', 'MCL 333.27955'],
      ['MI', 'adult', true, 'vape', 15_000, 'concentrate', 'R 420.506'],
      ['MI', 'medical', true, 'flower', 70_873, 'total', 'R 420.506'],
      ['MA', 'adult', true, 'flower', 28_349, 'total', '935 CMR 500.140(3)'],
      ['IL', 'adult', true, 'preroll', 30_000, 'flower', '410 ILCS 705/10-10(a)(1)'],
      ['IL', 'adult', false, 'concentrate', 2_500, 'concentrate', '410 ILCS 705/10-10(b)(2)'],
      ['IL', 'adult', true, 'vape', 5_000, 'concentrate', '410 ILCS 705/10-10(a)(3)'],
      ['IL', 'medical', true, 'flower', 70_873, 'total', '410 ILCS 130'],
      ['WA', 'adult', true, 'preroll', 28_349, 'flower', 'RCW 69.50.360(3)(a)'],
      ['WA', 'medical', true, 'flower', 85_048, 'flower', 'RCW 69.51A.210(1)'],
      ['WA', 'medical', true, 'concentrate', 21_000, 'concentrate', 'RCW 69.51A.210(1)'],
      ['OR', 'adult', true, 'flower', 56_699, 'flower', 'OAR 845-025-2800'],
      ['NV', 'adult', true, 'preroll', 70_873, 'total', 'NRS 678D.200(1)(a)'],
      ['NY', 'adult', true, 'preroll', 85_048, 'flower', 'Penal Law §222.05(1)(a)'],
      ['NY', 'adult', true, 'vape', 24_000, 'concentrate', 'Penal Law §222.05(1)(a)'],
      ['AZ', 'adult', true, 'flower', 28_349, 'total', 'A.R.S. 36-2852(A)'],
      ['AZ', 'medical', true, 'flower', 70_873, 'total', 'A.R.S. 36-2801'],
      ['FL', 'medical', true, 'preroll', 70_873, 'smokable', 'F.S. 381.986(8)(e)16.b.'],
      ['FL', 'caregiver', true, 'flower', 70_873, 'smokable', 'F.S. 381.986(8)(e)16.b.'],
    ] as const
  ).flatMap(([state, customerType, resident, category, limitMg, bucket, cite]): Row[] => {
    const who = { customerType, resident, ...(customerType === 'adult' ? {} : { medicalExpiry: '2027-01-01' }) } as Partial<PurchaseCase>;
    return [
      [
        `${state} ${customerType}${resident ? '' : ' non-resident'}: ${category} exactly at ${limitMg} mg`,
        state,
        { ...who, cart: [item(category, limitMg, Math.round(limitMg * 0.8))] },
        [],
        cite,
      ],
      [
        `${state} ${customerType}${resident ? '' : ' non-resident'}: ${category} 1 mg over`,
        state,
        { ...who, cart: [item(category, limitMg + 1, Math.round(limitMg * 0.8))] },
        [`LIMIT_EXCEEDED:${bucket}`],
        cite,
      ],
    ];
  }),

  // --- Day boundaries at local midnight in other zones (daily limits)
  [
    'CO: concentrate bought at 23:59 Denver time does not count the next local day',
    'CO',
    { at: new Date('2026-06-16T16:00:00Z'), prior: [{ ...conc(7_000), time: new Date('2026-06-16T05:59:00Z') }], cart: [conc(7_000)] },
    [],
    'HB21-1317',
  ],
  [
    'CO: concentrate bought at 00:01 Denver time counts the same local day',
    'CO',
    { at: new Date('2026-06-16T16:00:00Z'), prior: [{ ...conc(7_000), time: new Date('2026-06-16T06:01:00Z') }], cart: [conc(7_000)] },
    ['LIMIT_EXCEEDED:concentrate'],
    'HB21-1317',
  ],
  [
    'OR: the spring-forward day (8 Mar 2026) is one local day',
    'OR',
    { at: new Date('2026-03-09T06:30:00Z'), prior: [{ ...conc(4_000), time: new Date('2026-03-08T08:30:00Z') }], cart: [conc(1_500)] },
    ['LIMIT_EXCEEDED:concentrate'],
    'OAR 845-025-2800',
  ],
  [
    'MA: yesterday’s ounce does not count today',
    'MA',
    { prior: [{ ...flower(ounces(1)), time: new Date('2026-06-15T03:00:00Z') }], cart: [flower(ounces(1))] },
    [],
    '935 CMR 500.140(3)',
  ],
  [
    'MA: this morning’s ounce counts this afternoon',
    'MA',
    { prior: [{ ...flower(ounces(1)), time: new Date('2026-06-15T14:00:00Z') }], cart: [flower(1)] },
    ['LIMIT_EXCEEDED:total'],
    '935 CMR 500.140(3)',
  ],
];

/** The statute or regulation identifier in a case's citation, e.g. "4 CCR §15409(a)(1)", "RCW 69.50.360(3)(d)". */
function citationIn(cites: string): string {
  const match =
    /(\d+ CCR §?[\d.()a-z-]+|R \d+\.\d+(?:\(\d+\))?|RCW [\d.()a-z]+|OAR [\d-]+|NRS [\dA-Z.]+|F\.S\. [\d.()a-z]+|A\.R\.S\. [\d-]+(?:\([A-Z]\))?|410 ILCS [\d/()a-z-]+|MCL [\d.]+|935 CMR [\d.()]+|HB21-\d+|Penal Law §[\d.()a-z]+|64ER\d+-\d+|C\.R\.S\. [\d-]+)/.exec(
      cites,
    );
  if (match?.[1] === undefined) throw new Error(`No citation in "${cites}"`);
  return match[1];
}

describe('purchase check, table-driven across states', () => {
  it(`has at least 150 cases`, () => expect(rows.length).toBeGreaterThanOrEqual(150));

  it.each(rows)('%s', (_label, state, overrides, expected, cites) => {
    const result = checkPurchase(rulePackFor(state), base(state, overrides));
    const got = result.violations.map((v) => (v.code === 'LIMIT_EXCEEDED' ? `${v.code}:${v.category}` : v.code));
    expect(got.sort()).toEqual([...expected].sort());
    expect(result.allowed).toBe(expected.length === 0);
    // Each blocked case is refused by the very rule it cites.
    for (const v of result.violations.filter((x) => x.code === 'LIMIT_EXCEEDED')) expect(v.rule).toContain(citationIn(cites));
    const age = result.violations.find((x) => x.code === 'UNDERAGE');
    if (age !== undefined) expect(age.rule).toBe(cites);
  });
});

describe('splitting a cart across sales the same day (property)', () => {
  it('never lets a customer exceed a daily limit', () => {
    const pack = rulePackFor('CA');
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 500, max: 10_000 }), fc.integer({ min: 1, max: 4 })), { minLength: 1, maxLength: 12 }),
        fc.integer({ min: 1, max: 5 }),
        (items, splits) => {
          const prior: Array<LimitItem & { time: Date }> = [];
          let minute = 0;
          for (let s = 0; s < splits; s += 1) {
            const cart = items.filter((_, i) => i % splits === s).map(([mg, q]) => flower(mg, q));
            const at = new Date(Date.UTC(2026, 5, 15, 16, minute++));
            const decision = checkPurchase(pack, base('CA', { at, prior, cart }));
            if (decision.allowed) prior.push(...cart.map((c) => ({ ...c, time: at })));
          }
          const bought = prior.reduce((sum, p) => sum + p.netWeightMg * p.quantity, 0);
          return bought <= 28_500;
        },
      ),
      { numRuns: 300 },
    );
  });

  it('an allowed cart stays allowed when items are removed', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 100, max: 9_000 }), { minLength: 1, maxLength: 8 }), fc.nat(7), (weights, drop) => {
        const cart = weights.map((w) => flower(w));
        const allowed = checkPurchase(rulePackFor('CA'), base('CA', { cart })).allowed;
        const smaller = cart.filter((_, i) => i !== drop % cart.length);
        return !allowed || checkPurchase(rulePackFor('CA'), base('CA', { cart: smaller })).allowed;
      }),
    );
  });
});
