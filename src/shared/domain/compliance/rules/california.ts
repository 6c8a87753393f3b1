import type { StateRulePack } from '../limit-rule';
import { each, ounces } from '../rule-helpers';

/**
 * California — 4 CCR §15409 (Daily Limits), read on Westlaw's Barclays CCR
 * (docs/compliance/ca.md). Separate buckets per store-local day, no ratio;
 * adult-use and medicinal limits may not be combined (§15409(d)).
 */
const CONCENTRATE_IN_PRODUCTS = {
  concentrate: 'net_weight_mg',
  // A cartridge's net weight is the concentrate it holds (stricter and truer than its THC).
  vape: 'net_weight_mg',
  ...each(['infused_preroll', 'edible', 'beverage', 'tincture', 'topical'], 'thc_mg'),
} as const;

export const californiaRules: StateRulePack = {
  state: 'CA',
  version: 'CA-2026-12',
  adultUse: true,
  ages: [
    { customerType: 'adult', minimumAge: 21, citation: 'B&P Code §26140; 4 CCR §15404' },
    { customerType: 'medical', minimumAge: 18, citation: 'B&P Code §26140(b); 4 CCR §15404' },
    { customerType: 'caregiver', minimumAge: 18, citation: 'B&P Code §26140(b); 4 CCR §15404' },
  ],
  limits: [
    {
      id: 'CA-AU-NONCONC',
      bucket: 'flower',
      customerTypes: ['adult'],
      counts: { flower: 'net_weight_mg', preroll: 'net_weight_mg' },
      limit: 28_500,
      unit: 'mg',
      period: 'calendar_day',
      citation: '4 CCR §15409(a)(1)',
      effectiveFrom: '2019-01-16',
    },
    // "8 grams of cannabis concentrate …, including cannabis concentrate contained in cannabis products".
    {
      id: 'CA-AU-CONC',
      bucket: 'concentrate',
      customerTypes: ['adult'],
      counts: CONCENTRATE_IN_PRODUCTS,
      limit: 8_000,
      unit: 'mg',
      period: 'calendar_day',
      citation: '4 CCR §15409(a)(2)',
      effectiveFrom: '2019-01-16',
    },
    {
      id: 'CA-AU-PLANTS',
      bucket: 'immature_plant',
      customerTypes: ['adult'],
      counts: { immature_plant: 'units' },
      limit: 6,
      unit: 'units',
      period: 'calendar_day',
      citation: '4 CCR §15409(a)(3)',
      effectiveFrom: '2019-01-16',
    },
    // 8 oz of dried mature flowers: 8 × 28,349.5 mg rounded down.
    {
      id: 'CA-MED-FLOWER',
      bucket: 'flower',
      customerTypes: ['medical', 'caregiver'],
      counts: { flower: 'net_weight_mg', preroll: 'net_weight_mg' },
      limit: ounces(8),
      unit: 'mg',
      period: 'calendar_day',
      citation: '4 CCR §15409(b)(1)',
      effectiveFrom: '2019-01-16',
    },
    // §15409(b)(1) allows 8 oz of flower "or the plant conversion as provided in H&S Code §11362.77",
    // which gives no figure for concentrate. Until the compliance officer confirms a conversion, the
    // adult-use concentrate figure applies to patients too: the stricter reading.
    {
      id: 'CA-MED-CONC',
      bucket: 'concentrate',
      customerTypes: ['medical', 'caregiver'],
      counts: CONCENTRATE_IN_PRODUCTS,
      limit: 8_000,
      unit: 'mg',
      period: 'calendar_day',
      citation: '4 CCR §15409(b)(1) (plant conversion, H&S Code §11362.77)',
      effectiveFrom: '2019-01-16',
      verify: true,
      verifyNote: 'No statutory conversion for medicinal concentrate: the adult-use 8 g/day is applied.',
    },
    {
      id: 'CA-MED-PLANTS',
      bucket: 'immature_plant',
      customerTypes: ['medical', 'caregiver'],
      counts: { immature_plant: 'units' },
      limit: 12,
      unit: 'units',
      period: 'calendar_day',
      citation: '4 CCR §15409(b)(2)',
      effectiveFrom: '2019-01-16',
    },
  ],
};
