import type { StateRulePack } from '../limit-rule';
import { AU, each, fluidOunces, grams, MED, ounces, rule, usualAges } from '../rule-helpers';

/**
 * Michigan (docs/compliance/mi.md). R 420.505 (read) only requires the sale
 * not to exceed "the purchasing limit prescribed in R 420.506": the limits
 * are in R 420.506, whose text could not be reached — verify. Adult-use:
 * MCL 333.27955(1)(a), 2.5 oz of which ≤ 15 g concentrate. Medical: 2.5 oz
 * a day, 10 oz a month, infused products by the MMMA equivalency
 * (MCL 333.26423(c): 16 oz solid, 36 fl oz liquid, 7 g gaseous = 1 oz).
 */
const CONC = ['concentrate', 'vape', 'infused_preroll'] as const;
const note = 'R 420.506 text not read; limits from MCL 333.27955 and secondary sources.';
const MED_COUNTS = {
  flower: 'net_weight_mg',
  preroll: 'net_weight_mg',
  ...each(CONC, { measure: 'net_weight_mg', num: ounces(1), den: grams(7) }),
  edible: { measure: 'net_weight_mg', num: 1, den: 16 },
  ...each(['beverage', 'tincture'], { measure: 'net_weight_mg', num: ounces(1), den: fluidOunces(36) }),
} as const;

export const michigan: StateRulePack = {
  state: 'MI',
  version: 'MI-2026-12',
  adultUse: true,
  ages: usualAges('MCL 333.27955'),
  limits: [
    rule(
      'MI-AU-TOTAL',
      'total',
      AU,
      { flower: 'net_weight_mg', preroll: 'net_weight_mg', ...each(CONC, 'net_weight_mg') },
      ounces(2.5),
      'transaction',
      'MCL 333.27955(1)(a); R 420.506',
      { verify: true, verifyNote: note },
    ),
    rule(
      'MI-AU-CONC',
      'concentrate',
      AU,
      each(CONC, 'net_weight_mg'),
      grams(15),
      'transaction',
      'MCL 333.27955(1)(a); R 420.506 (infused pre-rolls and vape carts count as concentrate)',
      { verify: true, verifyNote: note },
    ),
    rule('MI-MED-DAY', 'total', MED, MED_COUNTS, ounces(2.5), 'calendar_day', 'R 420.506 (2.5 oz a day); MCL 333.26423(c) equivalency', {
      verify: true,
      verifyNote: note,
    }),
    // "10 oz a month": a rolling 31 days contains every calendar month, so it is never more lenient.
    rule('MI-MED-MONTH', 'total', MED, MED_COUNTS, ounces(10), { rollingDays: 31 }, 'R 420.506 (10 oz a month); MCL 333.26423(c) equivalency', {
      verify: true,
      verifyNote: note,
    }),
  ],
};
