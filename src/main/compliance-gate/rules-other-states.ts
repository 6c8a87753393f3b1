import type { StateRulePack } from './limit-rule';
import { CONCENTRATE_BY_WEIGHT, FLOWER, grams, INFUSED_BY_THC, ounces, rule, usualAges } from './rule-helpers';

/**
 * Rule packs compiled from shared/reference/compliance.md, each rule with
 * its citation. Items that reference marks ⚠ (secondary or conflicting
 * sources) carry `verify: true` for the compliance officer. Equivalency
 * ratios are integer fractions; converted amounts round up.
 */
const AU = ['adult'] as const;
const MED = ['medical', 'caregiver'] as const;

export const colorado: StateRulePack = {
  state: 'CO',
  version: 'CO-2026-01',
  adultUse: true,
  ages: usualAges('C.R.S. 44-10-601; 1 CCR 212-3'),
  limits: [
    // 1 oz flower = 8 g concentrate = 800 mg THC: everything counts as flower-equivalent toward the ounce.
    rule('CO-AU-TOTAL', 'total', AU, { ...FLOWER, ...Object.fromEntries(Object.keys(CONCENTRATE_BY_WEIGHT).map((k) => [k, { measure: 'net_weight_mg', num: ounces(1), den: grams(8) }])), ...Object.fromEntries(Object.keys(INFUSED_BY_THC).map((k) => [k, { measure: 'thc_mg', num: ounces(1), den: 800 }])) }, ounces(1), 'transaction', 'C.R.S. 44-10-601; 1 CCR 212-3 (equivalency)'),
    rule('CO-AU-CONC-DAY', 'concentrate', AU, CONCENTRATE_BY_WEIGHT, grams(8), 'calendar_day', 'HB21-1317; C.R.S. 44-10-601'),
    rule('CO-MED-FLOWER', 'flower', MED, FLOWER, ounces(2), 'calendar_day', 'C.R.S. 44-10-501; HB21-1317'),
    rule('CO-MED-CONC', 'concentrate', MED, CONCENTRATE_BY_WEIGHT, grams(8), 'calendar_day', 'HB21-1317; C.R.S. 44-10-501 (patients 21 and over)', { ageBand: { from: 21 } }),
    rule('CO-MED-CONC-18-20', 'concentrate', MED, CONCENTRATE_BY_WEIGHT, grams(2), 'calendar_day', 'HB21-1317; C.R.S. 44-10-501 (patients 18–20: 2 g/day)', { ageBand: { below: 21 } }),
  ],
};

export const michigan: StateRulePack = {
  state: 'MI',
  version: 'MI-2026-01',
  adultUse: true,
  ages: usualAges('MCL 333.27955'),
  limits: [
    rule('MI-AU-TOTAL', 'total', AU, { ...FLOWER, ...CONCENTRATE_BY_WEIGHT }, ounces(2.5), 'transaction', 'MCL 333.27955; R 420.506(3)'),
    rule('MI-AU-CONC', 'concentrate', AU, CONCENTRATE_BY_WEIGHT, grams(15), 'transaction', 'R 420.506(3) (infused pre-rolls and vape carts count as concentrate)'),
    rule('MI-MED-DAY', 'total', MED, { ...FLOWER, ...CONCENTRATE_BY_WEIGHT }, ounces(2.5), 'calendar_day', 'R 420.505'),
    rule('MI-MED-30D', 'total', MED, { ...FLOWER, ...CONCENTRATE_BY_WEIGHT }, ounces(10), { rollingDays: 30 }, 'R 420.505 (10 oz per 30 days)'),
  ],
};

export const massachusetts: StateRulePack = {
  state: 'MA',
  version: 'MA-2026-01',
  adultUse: true,
  ages: usualAges('935 CMR 500.140'),
  limits: [
    // 1 oz = 5 g active THC in concentrate = 500 mg active THC in edibles; topicals not counted.
    rule('MA-AU-TOTAL', 'total', AU, { ...FLOWER, ...Object.fromEntries(Object.keys(CONCENTRATE_BY_WEIGHT).map((k) => [k, { measure: 'thc_mg', num: ounces(1), den: grams(5) }])), ...Object.fromEntries(Object.keys(INFUSED_BY_THC).map((k) => [k, { measure: 'thc_mg', num: ounces(1), den: 500 }])) }, ounces(1), 'calendar_day', '935 CMR 500.140(3)'),
    rule('MA-MED-60D', 'flower', MED, FLOWER, ounces(10), { rollingDays: 60 }, '935 CMR 501 (60-day supply, 10 oz)'),
  ],
};

export const illinois: StateRulePack = {
  state: 'IL',
  version: 'IL-2026-01',
  adultUse: true,
  ages: usualAges('410 ILCS 705/10-10'),
  limits: [
    rule('IL-AU-FLOWER-R', 'flower', AU, FLOWER, grams(30), 'transaction', '410 ILCS 705/10-10(a)(1)', { residency: 'resident', verify: true }),
    rule('IL-AU-CONC-R', 'concentrate', AU, CONCENTRATE_BY_WEIGHT, grams(5), 'transaction', '410 ILCS 705/10-10(a)(2)', { residency: 'resident', verify: true }),
    rule('IL-AU-INFUSED-R', 'edible', AU, INFUSED_BY_THC, 500, 'transaction', '410 ILCS 705/10-10(a)(3)', { residency: 'resident', verify: true }),
    rule('IL-AU-FLOWER-NR', 'flower', AU, FLOWER, grams(15), 'transaction', '410 ILCS 705/10-10(b)(1)', { residency: 'non_resident', verify: true }),
    rule('IL-AU-CONC-NR', 'concentrate', AU, CONCENTRATE_BY_WEIGHT, grams(2.5), 'transaction', '410 ILCS 705/10-10(b)(2)', { residency: 'non_resident', verify: true }),
    rule('IL-AU-INFUSED-NR', 'edible', AU, INFUSED_BY_THC, 250, 'transaction', '410 ILCS 705/10-10(b)(3)', { residency: 'non_resident', verify: true }),
    rule('IL-MED-14D', 'flower', MED, FLOWER, ounces(2.5), { rollingDays: 14 }, '410 ILCS 130 (2.5 oz per 14 days)'),
  ],
};

export const washington: StateRulePack = {
  state: 'WA',
  version: 'WA-2026-01',
  adultUse: true,
  ages: usualAges('RCW 69.50.357'),
  limits: [
    rule('WA-AU-USABLE', 'flower', AU, FLOWER, ounces(1), 'transaction', 'RCW 69.50.360(3)(a)'),
    rule('WA-AU-SOLID', 'infused_solid', AU, { edible: 'net_weight_mg' }, ounces(16), 'transaction', 'RCW 69.50.360(3)(b)'),
    rule('WA-AU-LIQUID', 'infused_liquid', AU, { beverage: 'net_weight_mg', tincture: 'net_weight_mg' }, ounces(72), 'transaction', 'RCW 69.50.360(3)(c)'),
    rule('WA-AU-CONC', 'concentrate', AU, CONCENTRATE_BY_WEIGHT, grams(7), 'transaction', 'RCW 69.50.360(3)(d)'),
    rule('WA-MED-USABLE', 'flower', MED, FLOWER, ounces(3), 'transaction', 'RCW 69.51A.210'),
    rule('WA-MED-CONC', 'concentrate', MED, CONCENTRATE_BY_WEIGHT, grams(21), 'transaction', 'RCW 69.51A.210'),
  ],
};

export const oregon: StateRulePack = {
  state: 'OR',
  version: 'OR-2026-01',
  adultUse: true,
  ages: usualAges('ORS 475C.097; OAR 845-025-2800'),
  limits: [
    rule('OR-AU-USABLE', 'flower', AU, FLOWER, ounces(1), 'calendar_day', 'OAR 845-025-2800'),
    rule('OR-AU-SOLID', 'infused_solid', AU, { edible: 'net_weight_mg' }, ounces(16), 'calendar_day', 'OAR 845-025-2800'),
    rule('OR-AU-LIQUID', 'infused_liquid', AU, { beverage: 'net_weight_mg', tincture: 'net_weight_mg' }, ounces(72), 'calendar_day', 'OAR 845-025-2800'),
    rule('OR-AU-CONC', 'concentrate', AU, CONCENTRATE_BY_WEIGHT, grams(5), 'calendar_day', 'OAR 845-025-2800'),
    rule('OR-AU-PLANTS', 'immature_plant', AU, { immature_plant: 'units' }, 4, 'calendar_day', 'OAR 845-025-2800', { unit: 'units' }),
    rule('OR-AU-SEEDS', 'seed', AU, { seed: 'units' }, 10, 'calendar_day', 'OAR 845-025-2800', { unit: 'units' }),
  ],
};

export const nevada: StateRulePack = {
  state: 'NV',
  version: 'NV-2026-01',
  adultUse: true,
  ages: usualAges('NRS 678D.300'),
  limits: [
    // Since 1 Jan 2024 (SB 277): 2.5 oz flower or 1/4 oz concentrate, in any combination up to the limit.
    rule('NV-AU-TOTAL-2024', 'total', AU, { ...FLOWER, ...Object.fromEntries(Object.keys(CONCENTRATE_BY_WEIGHT).map((k) => [k, { measure: 'net_weight_mg', num: 10, den: 1 }])) }, ounces(2.5), 'transaction', 'NRS 678D.300 (SB 277, 2023)', { effectiveFrom: '2024-01-01', verify: true }),
    rule('NV-AU-TOTAL-2017', 'total', AU, { ...FLOWER, ...Object.fromEntries(Object.keys(CONCENTRATE_BY_WEIGHT).map((k) => [k, { measure: 'net_weight_mg', num: 8, den: 1 }])) }, ounces(1), 'transaction', 'NRS 678D.300 (before SB 277)', { effectiveFrom: '2017-07-01', effectiveTo: '2024-01-01', verify: true }),
  ],
};

export const newYork: StateRulePack = {
  state: 'NY',
  version: 'NY-2026-01',
  adultUse: true,
  ages: usualAges('Cannabis Law §132'),
  limits: [
    rule('NY-AU-CANNABIS', 'flower', AU, FLOWER, ounces(3), 'transaction', 'Cannabis Law §222'),
    rule('NY-AU-CONC', 'concentrate', AU, { ...CONCENTRATE_BY_WEIGHT, ...INFUSED_BY_THC }, grams(24), 'transaction', 'Cannabis Law §222 (edibles count as concentrated cannabis)', { verify: true }),
  ],
};

export const arizona: StateRulePack = {
  state: 'AZ',
  version: 'AZ-2026-01',
  adultUse: true,
  ages: usualAges('A.R.S. 36-2852'),
  limits: [
    rule('AZ-AU-TOTAL', 'total', AU, { ...FLOWER, ...CONCENTRATE_BY_WEIGHT }, ounces(1), 'transaction', 'A.R.S. 36-2852(A) (concentrate counts toward the ounce)', { verify: true }),
    rule('AZ-AU-CONC', 'concentrate', AU, CONCENTRATE_BY_WEIGHT, grams(5), 'transaction', 'A.R.S. 36-2852(A)', { verify: true }),
    rule('AZ-MED-14D', 'flower', MED, { ...FLOWER, ...CONCENTRATE_BY_WEIGHT }, ounces(2.5), { rollingDays: 14 }, 'A.R.S. 36-2801 (2.5 oz per 14 days)'),
  ],
};

export const florida: StateRulePack = {
  state: 'FL',
  version: 'FL-2026-01',
  adultUse: false,
  ages: [
    { customerType: 'medical', minimumAge: 18, citation: 'F.S. 381.986 (minors through a caregiver)' },
    { customerType: 'caregiver', minimumAge: 21, citation: 'F.S. 381.986(6)' },
  ],
  limits: [
    rule('FL-MED-SMOKABLE', 'flower', MED, FLOWER, ounces(2.5), { rollingDays: 35 }, 'F.S. 381.986(1)(j) (smokable flower, 35 days)'),
    rule('FL-MED-NONSMOKABLE', 'edible', MED, { ...Object.fromEntries(Object.keys(CONCENTRATE_BY_WEIGHT).map((k) => [k, 'thc_mg'])), ...INFUSED_BY_THC, topical: 'thc_mg' }, 24_500, { rollingDays: 70 }, 'F.S. 381.986 (24,500 mg THC per 70 days, capped by route)', { verify: true }),
  ],
};
