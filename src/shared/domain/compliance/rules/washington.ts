import type { StateRulePack } from '../limit-rule';
import { AU, each, fluidOunces, grams, MED, ounces, rule, usualAges } from '../rule-helpers';

/**
 * Washington (docs/compliance/wa.md), RCW 69.50.360(3) as amended in 2023
 * (read on apps.leg.wa.gov): any combination of (a) 1 oz useable, (b) 16 oz
 * solid infused, (c) 72 oz liquid infused unless packaged in units of ≤ 4 mg
 * THC, (d) 200 mg THC of liquid infused packaged in units of ≤ 4 mg THC,
 * (e) 7 g concentrate. Medical: RCW 69.51A.210(1), any combination of
 * 48 oz solid, 3 oz useable, 216 oz liquid, 21 g concentrate.
 *
 * Products carry no volume and a rule cannot ask a unit's THC, so: liquids
 * count in fluid ounces at the least mass a fluid ounce can hold, and the
 * 200 mg low-dose cap counts every beverage (it cannot tell a 4 mg can from
 * a 100 mg one) — both the stricter reading, marked verify.
 */
const CONC = each(['concentrate', 'vape', 'infused_preroll'], 'net_weight_mg');
const LIQUID = each(['beverage', 'tincture'], 'net_weight_mg');

export const washington: StateRulePack = {
  state: 'WA',
  version: 'WA-2026-12',
  adultUse: true,
  ages: usualAges('RCW 69.50.357(2)'),
  limits: [
    rule('WA-AU-USABLE', 'flower', AU, { flower: 'net_weight_mg', preroll: 'net_weight_mg' }, ounces(1), 'transaction', 'RCW 69.50.360(3)(a)'),
    rule('WA-AU-SOLID', 'infused_solid', AU, { edible: 'net_weight_mg' }, ounces(16), 'transaction', 'RCW 69.50.360(3)(b)'),
    rule('WA-AU-LIQUID', 'infused_liquid', AU, LIQUID, fluidOunces(72), 'transaction', 'RCW 69.50.360(3)(c)', {
      verify: true,
      verifyNote: 'Liquid ounces counted as fluid ounces from net weight at the lightest density.',
    }),
    rule('WA-AU-LOWDOSE-BEV', 'low_dose_beverage', AU, { beverage: 'thc_mg' }, 200, 'transaction', 'RCW 69.50.360(3)(d)', {
      effectiveFrom: '2023-07-23',
      verify: true,
      verifyNote:
        'The 200 mg cap is for units of ≤ 4 mg THC; products do not say which they are, so every beverage counts. Effective date of the 2023 amendment not read.',
    }),
    rule('WA-AU-CONC', 'concentrate', AU, CONC, grams(7), 'transaction', 'RCW 69.50.360(3)(e)'),
    rule('WA-MED-USABLE', 'flower', MED, { flower: 'net_weight_mg', preroll: 'net_weight_mg' }, ounces(3), 'transaction', 'RCW 69.51A.210(1)'),
    rule('WA-MED-SOLID', 'infused_solid', MED, { edible: 'net_weight_mg' }, ounces(48), 'transaction', 'RCW 69.51A.210(1)'),
    rule('WA-MED-LIQUID', 'infused_liquid', MED, LIQUID, fluidOunces(216), 'transaction', 'RCW 69.51A.210(1)', {
      verify: true,
      verifyNote: 'Liquid ounces counted as fluid ounces from net weight at the lightest density.',
    }),
    rule('WA-MED-CONC', 'concentrate', MED, CONC, grams(21), 'transaction', 'RCW 69.51A.210(1)'),
  ],
};
