import { ALL_CATEGORIES, CANNABIS_CATEGORIES, MEDICAL_CUSTOMERS, type StateTaxTable } from '../tax-rule';

/**
 * Nevada. 10 % retail excise on each adult-use retail sale, on the sales
 * price, separate from and in addition to sales tax (NRS 372A.290(3));
 * sales to medical cardholders do not pay it (Nevada CCB "Taxes"). Sales
 * tax applies to medical and adult-use sales alike: 6.85 % state-wide
 * minimum; the county's addition is a store setting. The excise is not part
 * of the sales-tax base, and cash discounts taken reduce the base.
 */
export const nevadaTaxes: StateTaxTable = {
  state: 'NV',
  version: '2026-06-01.1',
  saleTypes: ['adult', 'medical'],
  localTaxCapBp: null,
  sources: [
    'https://casetext.com/statute/nevada-revised-statutes/title-32-revenue-and-taxation/chapter-372a-tax-on-controlled-substances/taxes-on-marijuana-and-cannabis-products/imposition/section-372a290-imposition-and-amount-of-tax-on-wholesale-sales-and-retail-sales-distribution-of-revenue-collected-manner-of-payment-of-costs-of-cannabis-compliance-board-and-local-governments-from-revenue-collected-regulations-certain-retail-sales-exempt',
    'http://marijuana.nv.gov/Businesses/Taxes/',
  ],
  rules: [
    {
      id: 'nv-retail-excise',
      name: 'NV cannabis retail excise 10%',
      jurisdiction: 'NV',
      rateBp: 1000,
      base: 'net',
      mode: 'exclusive',
      categories: CANNABIS_CATEGORIES,
      exemptCustomerTypes: MEDICAL_CUSTOMERS,
      effectiveFrom: '2017-07-01',
      effectiveTo: null,
      citation: 'NRS 372A.290(3); medical cardholders not charged (Nevada marijuana.nv.gov "Taxes")',
      verify: false,
    },
    {
      id: 'nv-sales-state',
      name: 'NV sales tax 6.85% (state-wide)',
      jurisdiction: 'NV',
      rateBp: 685,
      base: 'net',
      mode: 'exclusive',
      categories: ALL_CATEGORIES,
      exemptCustomerTypes: [],
      effectiveFrom: '2017-07-01',
      effectiveTo: null,
      citation: 'NRS 372.105, 374.110, 377.040 (6.85% state-wide minimum); NAC 453D.233 (cannabis subject to sales tax); excise not in base',
      verify: true,
      verifyNote: 'State-wide 6.85% and the "excise not in the sales-tax base" rule come from secondary sources; confirm with NV Dept. of Taxation.',
    },
  ],
};
