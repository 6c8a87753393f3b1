import type { StateRulePack } from './limit-rule';

/**
 * California (4 CCR §15409 limits, §15404 ages), as compiled in
 * shared/reference/compliance.md. Separate buckets, no equivalency: 28.5 g
 * of non-concentrated cannabis and 8 g of concentrate per day, where
 * manufactured products (edibles, tinctures, vapes) count by THC content;
 * 6 immature plants. Medical: 8 oz of dried flower and 12 immature plants
 * per day (a physician's higher recommendation is not modelled yet).
 * CA's statute rounds an ounce to 28.5 g; 8 oz is 226,796 mg (8 × 28,349.5 mg, rounded down).
 */
export const californiaRules: StateRulePack = {
  state: 'CA',
  version: 'CA-2026-01',
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
    {
      id: 'CA-AU-CONC',
      bucket: 'concentrate',
      customerTypes: ['adult'],
      counts: { concentrate: 'net_weight_mg', infused_preroll: 'thc_mg', vape: 'thc_mg', edible: 'thc_mg', beverage: 'thc_mg', tincture: 'thc_mg', topical: 'thc_mg' },
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
    {
      id: 'CA-MED-FLOWER',
      bucket: 'flower',
      customerTypes: ['medical', 'caregiver'],
      counts: { flower: 'net_weight_mg', preroll: 'net_weight_mg' },
      limit: 226_796,
      unit: 'mg',
      period: 'calendar_day',
      citation: '4 CCR §15409(b)(1)',
      effectiveFrom: '2019-01-16',
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
