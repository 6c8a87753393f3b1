import type { StateRulePack } from '../limit-rule';
import { AU, each, grams, MED, ounces, rule, usualAges } from '../rule-helpers';

/**
 * Illinois (docs/compliance/il.md). 410 ILCS 705/10-10: (a) residents —
 * (1) 30 g flower, (2) 500 mg THC in cannabis-infused product, (3) 5 g
 * concentrate; (b) non-residents — (1) 15 g, (2) 2.5 g concentrate, (3)
 * 250 mg THC infused; cumulative. "Cannabis-infused product" (705/1-10)
 * includes ointments and topical formulations and excludes anything
 * intended to be smoked: the Department of Agriculture's product category
 * guidance files infused pre-rolls as usable cannabis (flower).
 * The section text was read through a municipal code that reproduces it
 * and ILGA's 10-5(a-1), not ILGA's 10-10 page: verify. These are possession
 * limits; per transaction or per day is not settled in what was read, so
 * the stricter (store-local day) applies.
 */
const FLOWER = { flower: 'net_weight_mg', preroll: 'net_weight_mg', infused_preroll: 'net_weight_mg' } as const;
const CONC = each(['concentrate', 'vape'], 'net_weight_mg');
const INFUSED = each(['edible', 'beverage', 'tincture', 'topical'], 'thc_mg');
const note = '410 ILCS 705/10-10 read through a reproduction; period (sale or day) not settled: the day applies.';
const v = { verify: true, verifyNote: note } as const;

export const illinois: StateRulePack = {
  state: 'IL',
  version: 'IL-2026-12',
  adultUse: true,
  ages: usualAges('410 ILCS 705/10-5(a)'),
  limits: [
    rule('IL-AU-FLOWER-R', 'flower', AU, FLOWER, grams(30), 'calendar_day', '410 ILCS 705/10-10(a)(1)', { residency: 'resident', ...v }),
    rule('IL-AU-INFUSED-R', 'infused', AU, INFUSED, 500, 'calendar_day', '410 ILCS 705/10-10(a)(2)', { residency: 'resident', ...v }),
    rule('IL-AU-CONC-R', 'concentrate', AU, CONC, grams(5), 'calendar_day', '410 ILCS 705/10-10(a)(3)', { residency: 'resident', ...v }),
    rule('IL-AU-FLOWER-NR', 'flower', AU, FLOWER, grams(15), 'calendar_day', '410 ILCS 705/10-10(b)(1)', { residency: 'non_resident', ...v }),
    rule('IL-AU-CONC-NR', 'concentrate', AU, CONC, grams(2.5), 'calendar_day', '410 ILCS 705/10-10(b)(2)', { residency: 'non_resident', ...v }),
    rule('IL-AU-INFUSED-NR', 'infused', AU, INFUSED, 250, 'calendar_day', '410 ILCS 705/10-10(b)(3)', { residency: 'non_resident', ...v }),
    // "Adequate supply": 2.5 oz of usable cannabis in 14 days. Concentrate and infused products count
    // in the ratio of the adult-use limits (30 g : 5 g : 500 mg THC), a stand-in until IDFPR's conversion is confirmed.
    rule(
      'IL-MED-14D',
      'total',
      MED,
      {
        ...FLOWER,
        ...each(['concentrate', 'vape'], { measure: 'net_weight_mg', num: 6, den: 1 }),
        ...each(['edible', 'beverage', 'tincture', 'topical'], { measure: 'thc_mg', num: 60, den: 1 }),
      },
      ounces(2.5),
      { rollingDays: 14 },
      '410 ILCS 130/10 (adequate supply: 2.5 oz per 14 days)',
      {
        verify: true,
        verifyNote: 'Medical conversion for concentrate and infused products not found: the adult-use ratio 30 g : 5 g : 500 mg is applied.',
      },
    ),
  ],
};
