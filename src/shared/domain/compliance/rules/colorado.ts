import type { StateRulePack } from '../limit-rule';
import { AU, each, grams, MED, ounces, rule, usualAges } from '../rule-helpers';

/**
 * Colorado — values unchanged; the primary text (C.R.S. 44-10-501/601 as
 * amended by HB21-1317, 1 CCR 212-3 Part 3 sales limits) could not be
 * reached, so every rule is marked verify (docs/compliance/co.md).
 */
const CONC = ['concentrate', 'vape', 'infused_preroll'] as const;
const note = 'C.R.S. 44-10-501/601 and 1 CCR 212-3 paragraph numbers not read in the primary text.';

export const colorado: StateRulePack = {
  state: 'CO',
  version: 'CO-2026-12',
  adultUse: true,
  ages: usualAges('C.R.S. 44-10-601; 1 CCR 212-3'),
  limits: [
    // 1 oz flower = 8 g concentrate = 800 mg THC in products, per sale; topicals are not counted.
    rule(
      'CO-AU-TOTAL',
      'total',
      AU,
      {
        flower: 'net_weight_mg',
        preroll: 'net_weight_mg',
        ...each(CONC, { measure: 'net_weight_mg', num: ounces(1), den: grams(8) }),
        ...each(['edible', 'beverage', 'tincture'], { measure: 'thc_mg', num: ounces(1), den: 800 }),
      },
      ounces(1),
      'transaction',
      'C.R.S. 44-10-601; 1 CCR 212-3 (equivalency)',
      { verify: true, verifyNote: note },
    ),
    rule('CO-AU-CONC-DAY', 'concentrate', AU, each(CONC, 'net_weight_mg'), grams(8), 'calendar_day', 'HB21-1317; C.R.S. 44-10-601', {
      verify: true,
      verifyNote: note,
    }),
    rule('CO-MED-FLOWER', 'flower', MED, { flower: 'net_weight_mg', preroll: 'net_weight_mg' }, ounces(2), 'calendar_day', 'C.R.S. 44-10-501; HB21-1317', {
      verify: true,
      verifyNote: note,
    }),
    rule('CO-MED-CONC', 'concentrate', MED, each(CONC, 'net_weight_mg'), grams(8), 'calendar_day', 'HB21-1317; C.R.S. 44-10-501 (patients 21 and over)', {
      ageBand: { from: 21 },
      verify: true,
      verifyNote: note,
    }),
    rule(
      'CO-MED-CONC-18-20',
      'concentrate',
      MED,
      each(CONC, 'net_weight_mg'),
      grams(2),
      'calendar_day',
      'HB21-1317; C.R.S. 44-10-501 (patients 18–20: 2 g/day)',
      { ageBand: { below: 21 }, verify: true, verifyNote: note },
    ),
  ],
};
