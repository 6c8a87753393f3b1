import { CANNABIS_CATEGORIES, MEDICAL_CUSTOMERS, type StateTaxTable } from '../tax-rule';

/**
 * Colorado. Adult-use ("retail marijuana") sales pay the state retail
 * marijuana sales tax — 10 % from 1 Jan 2014, 15 % from 1 Jul 2017
 * (C.R.S. §39-28.8-202(1)(a)(I)) — and from 1 Jul 2017 are exempt from the
 * 2.9 % state sales tax (§39-26-729(1)(a)). Medical sales pay the 2.9 %
 * state sales tax and no retail marijuana sales tax. Non-marijuana goods
 * (accessories, t-shirts) pay the 2.9 % state sales tax whoever buys them
 * (CDOR "Marijuana Tax" page). City and county sales and special marijuana
 * taxes are the store's local settings. The 15 % (7 % excise is at the
 * first transfer, not at the register) is read from the statute as current
 * to 1 Jan 2025; later amendments were not checked — flagged.
 */
const cites = {
  rmst: 'C.R.S. §39-28.8-202(1)(a)(I) (retail marijuana sales tax)',
  exempt: 'C.R.S. §39-26-729(1)(a) (retail marijuana exempt from state sales tax from 1 Jul 2017)',
  sales: 'C.R.S. §39-26-106(1) (state sales tax 2.9%); CDOR Marijuana Tax page (accessories pay retail sales tax)',
};

export const coloradoTaxes: StateTaxTable = {
  state: 'CO',
  version: '2026-06-01.1',
  saleTypes: ['adult', 'medical'],
  localTaxCapBp: null,
  sources: [
    'https://codes.findlaw.com/co/title-39-taxation/co-rev-st-sect-39-28-8-202/',
    'https://law.justia.com/codes/colorado/2018/title-39/specific-taxes/article-26/part-7/section-39-26-729/',
    'https://www.colorado.gov/pacific/tax/marijuana-tax',
  ],
  rules: [
    {
      id: 'co-rmst-2014',
      name: 'CO retail marijuana sales tax 10%',
      jurisdiction: 'CO',
      rateBp: 1000,
      base: 'net',
      mode: 'exclusive',
      categories: CANNABIS_CATEGORIES,
      exemptCustomerTypes: MEDICAL_CUSTOMERS,
      effectiveFrom: '2014-01-01',
      effectiveTo: '2017-07-01',
      citation: cites.rmst,
      verify: false,
    },
    {
      id: 'co-rmst-2017',
      name: 'CO retail marijuana sales tax 15%',
      jurisdiction: 'CO',
      rateBp: 1500,
      base: 'net',
      mode: 'exclusive',
      categories: CANNABIS_CATEGORIES,
      exemptCustomerTypes: MEDICAL_CUSTOMERS,
      effectiveFrom: '2017-07-01',
      effectiveTo: null,
      citation: cites.rmst,
      // Statute text read as current to 1 Jan 2025 (FindLaw); a later rate change was not checked against CDOR.
      verify: true,
      verifyNote: 'Rate read from the statute as current to 1 Jan 2025; confirm no later change with CDOR (DR 0100 instructions).',
    },
    {
      id: 'co-sales-medical',
      name: 'CO state sales tax 2.9%',
      jurisdiction: 'CO',
      rateBp: 290,
      base: 'net',
      mode: 'exclusive',
      categories: CANNABIS_CATEGORIES,
      exemptCustomerTypes: ['adult'],
      effectiveFrom: '2017-07-01',
      effectiveTo: null,
      citation: `${cites.sales}; ${cites.exempt}`,
      // Patients whose registry card carries the indigent tax-exempt notation owe no sales tax: the register has no such flag yet.
      verify: true,
      verifyNote: 'Registry cards with the tax-exempt (indigent) notation are exempt; the register cannot record that notation yet.',
    },
    {
      id: 'co-sales-accessory',
      name: 'CO state sales tax 2.9%',
      jurisdiction: 'CO',
      rateBp: 290,
      base: 'net',
      mode: 'exclusive',
      categories: ['accessory'],
      exemptCustomerTypes: [],
      effectiveFrom: '2001-01-01',
      effectiveTo: null,
      citation: cites.sales,
      verify: false,
    },
  ],
};
