import type { StateRulePack } from '../limit-rule';
import { AU, each, fluidOunces, grams, MED, ounces, rule, usualAges } from '../rule-helpers';

/**
 * Oregon (docs/compliance/or.md). OAR 845-025-2800 (retailer prohibitions):
 * a retailer may not sell more than these amounts to a consumer at any one
 * time or within one day. The rule's limits paragraph was not reached in the
 * Secretary of State's text (only its opening subsections), so paragraph
 * letters are not cited and every limit is marked verify. Usable marijuana
 * went from 1 oz to 2 oz on 1 Jan 2022 (OLCC rules adopted 28 Dec 2021, after
 * SB 408, 2021). Liquids are 72 *fluid* ounces. Medical (OMMP cardholders
 * and caregivers, OAR 845-025-2900): 8 oz usable a day and 32 oz a month
 * since 28 Dec 2018 (OLCC rule change as reported); other categories as for
 * consumers.
 */
const CONC = each(['concentrate', 'vape', 'infused_preroll'], 'net_weight_mg');
const FLOWER = { flower: 'net_weight_mg', preroll: 'net_weight_mg' } as const;
const LIQUID = each(['beverage', 'tincture'], 'net_weight_mg');
const ALL = ['adult', 'medical', 'caregiver'] as const;
const note = 'OAR 845-025-2800 limits paragraph not read in the primary text.';
const v = { verify: true, verifyNote: note } as const;
const C = 'OAR 845-025-2800';

export const oregon: StateRulePack = {
  state: 'OR',
  version: 'OR-2026-12',
  adultUse: true,
  ages: usualAges('ORS 475C.097; OAR 845-025-2800(2); OAR 845-025-2900(2)(c)'),
  limits: [
    rule('OR-AU-USABLE-2022', 'flower', AU, FLOWER, ounces(2), 'calendar_day', `${C} (usable marijuana, 2 oz since 2022-01-01)`, {
      effectiveFrom: '2022-01-01',
      ...v,
    }),
    rule('OR-AU-USABLE-2016', 'flower', AU, FLOWER, ounces(1), 'calendar_day', `${C} (usable marijuana, 1 oz before 2022)`, {
      effectiveFrom: '2016-06-29',
      effectiveTo: '2022-01-01',
      ...v,
    }),
    rule('OR-SOLID', 'infused_solid', ALL, { edible: 'net_weight_mg' }, ounces(16), 'calendar_day', `${C} (16 oz cannabinoid product in solid form)`, v),
    rule('OR-LIQUID', 'infused_liquid', ALL, LIQUID, fluidOunces(72), 'calendar_day', `${C} (72 fluid oz cannabinoid product in liquid form)`, {
      verify: true,
      verifyNote: `${note} Fluid ounces counted from net weight at the lightest density.`,
    }),
    rule('OR-CONC', 'concentrate', ALL, CONC, grams(5), 'calendar_day', `${C} (5 g extracts or concentrates)`, v),
    rule('OR-PLANTS', 'immature_plant', ALL, { immature_plant: 'units' }, 4, 'calendar_day', `${C} (4 immature plants)`, { unit: 'units', ...v }),
    rule('OR-SEEDS', 'seed', ALL, { seed: 'units' }, 10, 'calendar_day', `${C} (10 seeds)`, { unit: 'units', ...v }),
    rule('OR-MED-USABLE', 'flower', MED, FLOWER, ounces(8), 'calendar_day', `${C}; OAR 845-025-2900 (OMMP: 8 oz usable a day)`, {
      effectiveFrom: '2018-12-28',
      ...v,
    }),
    // "32 oz a month": a rolling 31 days contains every calendar month, so it is never more lenient.
    rule('OR-MED-USABLE-MONTH', 'flower', MED, FLOWER, ounces(32), { rollingDays: 31 }, `${C}; OAR 845-025-2900 (OMMP: 32 oz usable a month)`, {
      effectiveFrom: '2018-12-28',
      ...v,
    }),
  ],
};
