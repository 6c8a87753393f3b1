import { MEDICAL_CUSTOMERS, type StateTaxTable } from '../tax-rule';
import type { ProductCategory } from '../../../contract/values';

/**
 * Illinois. The Cannabis Purchaser Excise Tax (410 ILCS 705/65-10(a);
 * 86 Ill. Adm. Code 423.110) is charged on adult-use purchases by product
 * type and adjusted THC potency: 10 % for cannabis other than infused
 * products at or below 35 % THC, 25 % above 35 %, 20 % for cannabis-infused
 * products, always on the full purchase price (65-10(b)); it is stated as a
 * separate item (423.100(a)) and does not apply to medical cannabis
 * (65-10(c)). Retailers' Occupation Tax: 6.25 % state on adult-use sales,
 * 1 % on medical cannabis (the qualifying-drug rate). Municipal (≤ 3 %) and
 * county (≤ 3.75 %) cannabis ROTs and local ROTs are store settings.
 */
/** "Not intended to be smoked" (65-5): edibles, drinks, tinctures, topicals. Infused pre-rolls are smoked, so they go by potency. */
const INFUSED: readonly ProductCategory[] = ['edible', 'beverage', 'tincture', 'topical'];
const BY_POTENCY: readonly ProductCategory[] = ['flower', 'preroll', 'infused_preroll', 'concentrate', 'vape', 'immature_plant', 'seed'];

export const illinoisTaxes: StateTaxTable = {
  state: 'IL',
  version: '2026-06-01.1',
  saleTypes: ['adult', 'medical'],
  localTaxCapBp: 375,
  sources: [
    'https://ilga.gov/commission/jcar/admincode/086/086004230001100R.html',
    'https://www.ilga.gov/Commission/jcar/admincode/JCARTitlePart.asp?Title=086&Part=0423',
    'https://beta.ilga.gov/Commission/jcar/admincode/JCARTitlePart.asp?Part=0425&Title=086',
  ],
  rules: [
    {
      id: 'il-cpet-low',
      name: 'IL cannabis purchaser excise 10%',
      jurisdiction: 'IL',
      rateBp: 1000,
      base: 'net',
      mode: 'exclusive',
      categories: BY_POTENCY,
      potency: { atOrBelowBp: 3500 },
      exemptCustomerTypes: MEDICAL_CUSTOMERS,
      effectiveFrom: '2020-01-01',
      effectiveTo: null,
      citation: '410 ILCS 705/65-10(a)(1); 86 Ill. Adm. Code 423.110(a)(1)',
      verify: false,
    },
    {
      id: 'il-cpet-high',
      name: 'IL cannabis purchaser excise 25%',
      jurisdiction: 'IL',
      rateBp: 2500,
      base: 'net',
      mode: 'exclusive',
      categories: BY_POTENCY,
      potency: { aboveBp: 3500 },
      exemptCustomerTypes: MEDICAL_CUSTOMERS,
      effectiveFrom: '2020-01-01',
      effectiveTo: null,
      citation: '410 ILCS 705/65-10(a)(2); 86 Ill. Adm. Code 423.110(a)(2)',
      verify: false,
    },
    {
      id: 'il-cpet-infused',
      name: 'IL cannabis purchaser excise 20%',
      jurisdiction: 'IL',
      rateBp: 2000,
      base: 'net',
      mode: 'exclusive',
      categories: INFUSED,
      exemptCustomerTypes: MEDICAL_CUSTOMERS,
      effectiveFrom: '2020-01-01',
      effectiveTo: null,
      citation: '410 ILCS 705/65-10(a)(3), (b); 86 Ill. Adm. Code 423.110(a)(3)',
      verify: false,
    },
    {
      id: 'il-rot-adult',
      name: 'IL state ROT 6.25%',
      jurisdiction: 'IL',
      rateBp: 625,
      base: 'net',
      mode: 'exclusive',
      categories: [...BY_POTENCY, ...INFUSED, 'accessory'],
      exemptCustomerTypes: MEDICAL_CUSTOMERS,
      effectiveFrom: '2020-01-01',
      effectiveTo: null,
      citation: '35 ILCS 120/2-10 (general merchandise rate)',
      // The ROT base is read as excluding the purchaser excise (a tax on the purchaser, stated separately, 423.100(a)); IDOR's own statement not found.
      verify: true,
      verifyNote: 'Base taken as the price without the purchaser excise; confirm with IDOR (FY 2020-05 / ROT guidance).',
    },
    {
      id: 'il-rot-medical',
      name: 'IL state ROT 1% (medical)',
      jurisdiction: 'IL',
      rateBp: 100,
      base: 'net',
      mode: 'exclusive',
      categories: [...BY_POTENCY, ...INFUSED],
      exemptCustomerTypes: ['adult'],
      effectiveFrom: '2020-01-01',
      effectiveTo: null,
      citation: '35 ILCS 120/2-10 (1% rate; medical cannabis under the Compassionate Use of Medical Cannabis Program Act)',
      // Only a secondary source (illinoiscannabis.org citing IDOR) was reached.
      verify: true,
      verifyNote: '1% medical rate from a secondary source citing IDOR; confirm the 2-10 text.',
    },
    {
      id: 'il-rot-medical-accessory',
      name: 'IL state ROT 6.25%',
      jurisdiction: 'IL',
      rateBp: 625,
      base: 'net',
      mode: 'exclusive',
      categories: ['accessory'],
      exemptCustomerTypes: ['adult'],
      effectiveFrom: '2020-01-01',
      effectiveTo: null,
      citation: '35 ILCS 120/2-10 (general merchandise rate)',
      verify: false,
    },
  ],
};
