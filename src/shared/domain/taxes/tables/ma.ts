import { CANNABIS_CATEGORIES, MEDICAL_CUSTOMERS, type StateTaxTable } from '../tax-rule';

/**
 * Massachusetts. Adult-use sales pay the 10.75 % marijuana excise
 * (M.G.L. c.64N §2, rate set by St. 2017 c.55) and the 6.25 % sales tax
 * (c.64H §2), both on the total sales price; a host community may add a
 * local option of up to 3 % (c.64N §3) — a store setting, capped here.
 * Medical marijuana sales pay none of the three (830 CMR 64N.1.1(1)(b),
 * (3)(a)2; CCC "Taxes and Fees"). Accessories are ordinary goods: 6.25 %.
 */
const excise = 'M.G.L. c.64N §2; 830 CMR 64N.1.1(3)(a) (medical exempt: (3)(a)2)';
const sales = 'M.G.L. c.64H §2 (6.25%); 830 CMR 64N.1.1(1)(b) (medical marijuana not subject to sales tax)';

export const massachusettsTaxes: StateTaxTable = {
  state: 'MA',
  version: '2026-06-01.1',
  saleTypes: ['adult', 'medical'],
  localTaxCapBp: 300,
  sources: [
    'https://www.mass.gov/regulations/830-CMR-64n11-marijuana-retail-taxes',
    'https://www.mass.gov/info-details/mass-general-laws-c64n-ss-3',
    'https://masscannabiscontrol.com/taxes-and-fees',
  ],
  rules: [
    {
      id: 'ma-marijuana-excise',
      name: 'MA marijuana excise 10.75%',
      jurisdiction: 'MA',
      rateBp: 1075,
      base: 'net',
      mode: 'exclusive',
      categories: CANNABIS_CATEGORIES,
      exemptCustomerTypes: MEDICAL_CUSTOMERS,
      effectiveFrom: '2018-07-01',
      effectiveTo: null,
      citation: excise,
      // 830 CMR 64N.1.1 says all three taxes fall on the "total sales price"; we read that as no tax on tax — not confirmed in its text on separate statement.
      verify: true,
      verifyNote: 'Base read as the sales price without the other marijuana taxes (no tax on tax); confirm against 830 CMR 64N.1.1(3) and (5).',
    },
    {
      id: 'ma-sales-marijuana',
      name: 'MA sales tax 6.25%',
      jurisdiction: 'MA',
      rateBp: 625,
      base: 'net',
      mode: 'exclusive',
      categories: CANNABIS_CATEGORIES,
      exemptCustomerTypes: MEDICAL_CUSTOMERS,
      effectiveFrom: '2018-07-01',
      effectiveTo: null,
      citation: sales,
      verify: false,
    },
    {
      id: 'ma-sales-accessory',
      name: 'MA sales tax 6.25%',
      jurisdiction: 'MA',
      rateBp: 625,
      base: 'net',
      mode: 'exclusive',
      categories: ['accessory'],
      exemptCustomerTypes: [],
      effectiveFrom: '2009-08-01',
      effectiveTo: null,
      citation: 'M.G.L. c.64H §2 (6.25%)',
      verify: false,
    },
  ],
};
