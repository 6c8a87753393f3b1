import type { StateRulePack } from '../limit-rule';
import { AU, each, grams, MED, ounces, rule, usualAges } from '../rule-helpers';

/**
 * Arizona (docs/compliance/az.md). Adult use: A.R.S. 36-2852(A)(1) (read on
 * azleg.gov): one ounce or less, of which not more than 5 g in the form of
 * concentrate. Concentrate in edibles and other products counts by THC
 * toward the 5 g (secondary sources; verify). The sale period is not in
 * 36-2852: the store-local day applies (stricter). Medical: the allowable
 * amount is 2½ oz (A.R.S. 36-2801(1)(a)); a dispensary may dispense no more
 * than 2½ oz in any 14 days (A.R.S. 36-2816(B), not read: verify).
 */
const CONC = {
  ...each(['concentrate', 'vape', 'infused_preroll'], 'net_weight_mg'),
  ...each(['edible', 'beverage', 'tincture', 'topical'], 'thc_mg'),
} as const;
const note = 'Sale period and products’ concentrate not in A.R.S. 36-2852(A)(1): the day and THC content apply.';

export const arizona: StateRulePack = {
  state: 'AZ',
  version: 'AZ-2026-12',
  adultUse: true,
  ages: usualAges('A.R.S. 36-2852(A)'),
  limits: [
    rule(
      'AZ-AU-TOTAL',
      'total',
      AU,
      { flower: 'net_weight_mg', preroll: 'net_weight_mg', ...CONC },
      ounces(1),
      'calendar_day',
      'A.R.S. 36-2852(A)(1) (concentrate counts toward the ounce)',
      { verify: true, verifyNote: note },
    ),
    rule('AZ-AU-CONC', 'concentrate', AU, CONC, grams(5), 'calendar_day', 'A.R.S. 36-2852(A)(1)', { verify: true, verifyNote: note }),
    rule(
      'AZ-MED-14D',
      'total',
      MED,
      { flower: 'net_weight_mg', preroll: 'net_weight_mg', ...CONC },
      ounces(2.5),
      { rollingDays: 14 },
      'A.R.S. 36-2801(1)(a); 36-2816(B) (2.5 oz per 14 days)',
      {
        verify: true,
        verifyNote: 'A.R.S. 36-2816(B) not read; concentrate in products counted by THC.',
      },
    ),
  ],
};
