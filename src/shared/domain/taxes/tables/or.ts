import { CANNABIS_CATEGORIES, MEDICAL_CUSTOMERS, type StateTaxTable } from '../tax-rule';

/**
 * Oregon. 17 % of the retail sales price of marijuana items, a direct tax
 * on the consumer collected at the point of sale (ORS 475C.674(1)-(2)),
 * rounded to the next higher whole cent (475C.674(3)) and separately stated
 * (475C.674(4)). Registry cardholders and their designated primary
 * caregivers pay none (ORS 475C.678(2)), for sales before 1 Jan 2028
 * (Or. Laws 2021 c.525 §44). Cities and counties may add up to 3 % (a store
 * setting). Oregon has no sales tax; accessories are untaxed.
 */
const tax = 'ORS 475C.674(2) (17%), (3) (next higher cent)';

export const oregonTaxes: StateTaxTable = {
  state: 'OR',
  version: '2026-06-01.1',
  saleTypes: ['adult', 'medical'],
  localTaxCapBp: 300,
  sources: [
    'https://casetext.com/statute/oregon-revised-statutes/title-37-alcoholic-liquors-controlled-substances-drugs/chapter-475c-cannabis-regulation/taxation-of-cannabis-and-cannabis-products/section-475c674-imposition-of-tax-on-retail-sale-of-marijuana-items',
    'https://courtgpt.ai/laws/oregon/volume-14/chapter-475c/section-475c-678',
  ],
  rules: [
    {
      id: 'or-marijuana-tax',
      name: 'OR marijuana tax 17%',
      jurisdiction: 'OR',
      rateBp: 1700,
      base: 'net',
      mode: 'exclusive',
      categories: CANNABIS_CATEGORIES,
      exemptCustomerTypes: MEDICAL_CUSTOMERS,
      // "The tax" on a retail sale rounds up: read as once per sale (receipt), not per item.
      rounding: 'receipt-up',
      effectiveFrom: '2017-01-01',
      effectiveTo: '2028-01-01',
      citation: `${tax}; ORS 475C.678(2) (registry cardholders exempt)`,
      verify: true,
      verifyNote: 'Rounding up read as once per sale; confirm with OAR 150-475-2xxx. Discounts: 475C.674(6) limits discounts tied to the sale of other items.',
    },
    {
      id: 'or-marijuana-tax-2028',
      name: 'OR marijuana tax 17%',
      jurisdiction: 'OR',
      rateBp: 1700,
      base: 'net',
      mode: 'exclusive',
      categories: CANNABIS_CATEGORIES,
      exemptCustomerTypes: [],
      rounding: 'receipt-up',
      effectiveFrom: '2028-01-01',
      effectiveTo: null,
      citation: `${tax}; cardholder exemption (475C.678) applies only to sales before 1 Jan 2028 (Or. Laws 2021 c.525 §44)`,
      verify: true,
      verifyNote: 'Assumes the cardholder exemption sunsets on 1 Jan 2028 and is not extended.',
    },
  ],
};
