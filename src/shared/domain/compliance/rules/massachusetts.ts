import type { StateRulePack } from '../limit-rule';
import { AU, each, grams, MED, ounces, rule, usualAges } from '../rule-helpers';

/**
 * Massachusetts (docs/compliance/ma.md). 935 CMR 500.140(3)(a): 1 oz a day,
 * or its dry-weight equivalent: 1 oz = 5 g active THC in concentrate
 * "including, but not limited to, Tinctures" (500.140(3)(a)1.), = 500 mg
 * active THC in Edibles (2.); topicals and ointments are not limited (3.).
 * Medical: 935 CMR 501.140(3)(a), a 60-day supply (10 oz, 501.002) in each
 * 60-day period, "including Marijuana contained in MIPs".
 */
const TO_CONCENTRATE = { measure: 'thc_mg', num: ounces(1), den: grams(5) } as const;
const TO_EDIBLE = { measure: 'thc_mg', num: ounces(1), den: 500 } as const;
const COUNTS = {
  flower: 'net_weight_mg',
  preroll: 'net_weight_mg',
  ...each(['concentrate', 'vape', 'infused_preroll', 'tincture'], TO_CONCENTRATE),
  ...each(['edible', 'beverage'], TO_EDIBLE),
} as const;

export const massachusetts: StateRulePack = {
  state: 'MA',
  version: 'MA-2026-12',
  adultUse: true,
  ages: usualAges('935 CMR 500.140(2)'),
  limits: [
    rule('MA-AU-TOTAL', 'total', AU, COUNTS, ounces(1), 'calendar_day', '935 CMR 500.140(3)(a)'),
    rule('MA-MED-60D', 'total', MED, COUNTS, ounces(10), { rollingDays: 60 }, '935 CMR 501.140(3)(a); 501.002 (60-day supply: 10 oz)', {
      verify: true,
      verifyNote: '501.002 dry-weight equivalence for MIPs not read: the adult-use equivalency of 500.140(3)(a) is applied.',
    }),
  ],
};
