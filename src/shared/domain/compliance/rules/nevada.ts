import type { StateRulePack } from '../limit-rule';
import { AU, each, MED, ounces, rule } from '../rule-helpers';

/**
 * Nevada (docs/compliance/nv.md). The adult-use limits are the possession
 * limits of NRS 678D.200(1)(a) (limited exemption from state prosecution;
 * 678D.300 is the list of acts *not* exempt, cited before by mistake):
 * since 1 Jan 2024 (SB 277, 2023) 2½ oz of usable cannabis or ¼ oz of
 * concentrated cannabis, in combination; before, 1 oz or ⅛ oz (NRS
 * 678D.200 from 2020-07-01, NRS 453D.110(1) from 2017-07-01).
 * Edibles and other products count by THC content: the Cannabis Compliance
 * Board's equivalency chart makes ¼ oz of concentrate = 7,087 mg THC in
 * products (⅛ oz = 3,543 mg before 2024), i.e. 1 mg THC counts as 1 mg of
 * concentrate. Neither 678D.200's current text nor the NCCR sale-limit
 * regulation was reached: verify; the store-local day applies (stricter
 * than per sale).
 * Medical: NRS 678C.200, 2½ oz in any 14 days (not read: verify).
 */
const FLOWER = { flower: 'net_weight_mg', preroll: 'net_weight_mg' } as const;
const CONC = ['concentrate', 'vape', 'infused_preroll'] as const;
const PRODUCTS = ['edible', 'beverage', 'tincture', 'topical'] as const;
/** Flower-equivalent counts where `ratio` mg of flower = 1 mg of concentrate = 1 mg THC in products. */
const combined = (ratio: number) => ({
  ...FLOWER,
  ...each(CONC, { measure: 'net_weight_mg', num: ratio, den: 1 }),
  ...each(PRODUCTS, { measure: 'thc_mg', num: ratio, den: 1 }),
});
const note = 'NRS 678D.200 current text and the NCCR sale-limit rule not read; edibles count by THC per the CCB equivalency chart (secondary).';

export const nevada: StateRulePack = {
  state: 'NV',
  version: 'NV-2026-12',
  adultUse: true,
  ages: [
    { customerType: 'adult', minimumAge: 21, citation: 'NRS 678D.200(1)' },
    { customerType: 'medical', minimumAge: 18, citation: 'NRS 678C' },
    { customerType: 'caregiver', minimumAge: 21, citation: 'NRS 678C' },
  ],
  limits: [
    // 2.5 oz = 70,873 mg; ¼ oz = 7,087 mg of concentrate or of THC in products, ×10.
    rule('NV-AU-TOTAL-2024', 'total', AU, combined(10), ounces(2.5), 'calendar_day', 'NRS 678D.200(1)(a) (SB 277, 2023); CCB equivalency', {
      effectiveFrom: '2024-01-01',
      verify: true,
      verifyNote: note,
    }),
    // 1 oz = 28,349 mg; ⅛ oz = 3,543 mg, ×8.
    rule(
      'NV-AU-TOTAL-2017',
      'total',
      AU,
      combined(8),
      ounces(1),
      'calendar_day',
      'NRS 678D.200(1)(a) before SB 277 (NRS 453D.110(1) before 2020-07-01); CCB equivalency',
      {
        effectiveFrom: '2017-07-01',
        effectiveTo: '2024-01-01',
        verify: true,
        verifyNote: note,
      },
    ),
    rule('NV-MED-14D', 'total', MED, combined(10), ounces(2.5), { rollingDays: 14 }, 'NRS 678C.200 (2.5 oz in 14 days)', {
      verify: true,
      verifyNote: 'NRS 678C.200 not read; concentrate and products counted as for adult use since 2024.',
    }),
  ],
};
