import type { StateRulePack } from '../limit-rule';
import { AU, each, grams, MED, ounces, rule } from '../rule-helpers';

/**
 * New York (docs/compliance/ny.md). There is no "Cannabis Law §222": the
 * limits are the personal-use amounts of Penal Law §222.05(1)(a) (read on
 * nysenate.gov): up to 3 oz of cannabis and up to 24 g of concentrated
 * cannabis. The retail rule that a dispensary may not sell beyond them is in
 * 9 NYCRR Part 123, whose section was not reached: verify, and the
 * store-local day applies (stricter than per sale). The Office of Cannabis
 * Management counts edibles as concentrated cannabis; they count here by
 * THC (by weight, a single beverage would exceed 24 g).
 * Medical: Cannabis Law art. 3 — a certified patient may hold at most a
 * 60-day supply of what the practitioner certified. The register does not
 * hold the certification's dosage, so the adult-use amounts apply per day as
 * a ceiling (verify; gap).
 */
const FLOWER = { flower: 'net_weight_mg', preroll: 'net_weight_mg' } as const;
const CONCENTRATED = {
  ...each(['concentrate', 'vape', 'infused_preroll'], 'net_weight_mg'),
  ...each(['edible', 'beverage', 'tincture', 'topical'], 'thc_mg'),
} as const;
const note = '9 NYCRR Part 123 sale-limit section not read; the day applies.';
const medNote = 'The practitioner’s 60-day supply is not held by the register: the adult-use amounts apply per day.';

export const newYork: StateRulePack = {
  state: 'NY',
  version: 'NY-2026-12',
  adultUse: true,
  ages: [
    { customerType: 'adult', minimumAge: 21, citation: 'Penal Law §222.05(1)' },
    { customerType: 'medical', minimumAge: 18, citation: 'Cannabis Law art. 3' },
    { customerType: 'caregiver', minimumAge: 21, citation: 'Cannabis Law art. 3' },
  ],
  limits: [
    rule('NY-AU-CANNABIS', 'flower', AU, FLOWER, ounces(3), 'calendar_day', 'Penal Law §222.05(1)(a); 9 NYCRR Part 123', { verify: true, verifyNote: note }),
    rule(
      'NY-AU-CONC',
      'concentrate',
      AU,
      CONCENTRATED,
      grams(24),
      'calendar_day',
      'Penal Law §222.05(1)(a); 9 NYCRR Part 123 (edibles count as concentrated cannabis, by THC)',
      { verify: true, verifyNote: note },
    ),
    rule('NY-MED-CANNABIS', 'flower', MED, FLOWER, ounces(3), 'calendar_day', 'Cannabis Law art. 3 (60-day supply); ceiling from Penal Law §222.05(1)(a)', {
      verify: true,
      verifyNote: medNote,
    }),
    rule(
      'NY-MED-CONC',
      'concentrate',
      MED,
      CONCENTRATED,
      grams(24),
      'calendar_day',
      'Cannabis Law art. 3 (60-day supply); ceiling from Penal Law §222.05(1)(a)',
      { verify: true, verifyNote: medNote },
    ),
  ],
};
