import { CANNABIS_CATEGORIES, MEDICAL_CUSTOMERS, type StateTaxTable } from '../tax-rule';

/**
 * Washington. 37 % cannabis excise on each retail sale of usable cannabis,
 * concentrates and infused products (RCW 69.50.535), separate from sales
 * tax and not part of the retail sales tax base (WA DOR, "Cannabis retailers
 * with a medical endorsement"). Recognition-card holders (patients and
 * designated providers) buying compliant products at an endorsed store are
 * exempt from sales tax (RCW 82.08.9998) and, from 6 Jun 2024 until
 * 30 Jun 2029, from the excise (HB 1453 (2024)). Before 6 Jun 2024 they paid
 * the excise. State sales tax 6.5 %; the local part is a store setting.
 */
const excise = 'RCW 69.50.535; WA DOR "Cannabis retailers with a medical endorsement"';

export const washingtonTaxes: StateTaxTable = {
  state: 'WA',
  version: '2026-06-01.1',
  saleTypes: ['adult', 'medical'],
  localTaxCapBp: null,
  sources: [
    'https://dor.wa.gov/cannabis-retailers-medical-endorsement',
    'https://lawfilestestext.leg.wa.gov/BienniumTest/2025-26/Htm/Bill%20Reports/House/1341%20HBA%20CPB%2025.htm',
  ],
  rules: [
    {
      id: 'wa-excise-2015',
      name: 'WA cannabis excise 37%',
      jurisdiction: 'WA',
      rateBp: 3700,
      base: 'net',
      mode: 'exclusive',
      categories: CANNABIS_CATEGORIES,
      exemptCustomerTypes: [],
      effectiveFrom: '2015-07-01',
      effectiveTo: '2024-06-06',
      citation: excise,
      verify: false,
    },
    {
      id: 'wa-excise-2024',
      name: 'WA cannabis excise 37%',
      jurisdiction: 'WA',
      rateBp: 3700,
      base: 'net',
      mode: 'exclusive',
      categories: CANNABIS_CATEGORIES,
      exemptCustomerTypes: MEDICAL_CUSTOMERS,
      effectiveFrom: '2024-06-06',
      effectiveTo: '2029-07-01',
      citation: `${excise}; medical exemption HB 1453 (2024), RCW 69.50.535(6)`,
      // The exemption needs an endorsed store and a DOH-compliant product; the register assumes both for every medical sale.
      verify: true,
      verifyNote:
        'Exemption assumes the store holds the medical endorsement and every item is DOH-compliant; RCW 69.50.535 requires the excise be reflected in the shelf price — catalogue prices here are before excise.',
    },
    {
      id: 'wa-excise-2029',
      name: 'WA cannabis excise 37%',
      jurisdiction: 'WA',
      rateBp: 3700,
      base: 'net',
      mode: 'exclusive',
      categories: CANNABIS_CATEGORIES,
      exemptCustomerTypes: [],
      effectiveFrom: '2029-07-01',
      effectiveTo: null,
      citation: `${excise}; medical excise exemption expires 30 Jun 2029`,
      verify: true,
      verifyNote: 'Assumes the medical excise exemption lapses as scheduled.',
    },
    {
      id: 'wa-sales-state',
      name: 'WA state sales tax 6.5%',
      jurisdiction: 'WA',
      rateBp: 650,
      base: 'net',
      mode: 'exclusive',
      categories: CANNABIS_CATEGORIES,
      exemptCustomerTypes: MEDICAL_CUSTOMERS,
      effectiveFrom: '2015-07-01',
      effectiveTo: null,
      citation: 'RCW 82.08.020 (6.5%); RCW 82.08.9998 (recognition-card exemption); excise not in the base (WA DOR)',
      verify: true,
      verifyNote: 'State rate from memory of RCW 82.08.020 (not re-read); exemption needs a recognition card and compliant product.',
    },
    {
      id: 'wa-sales-accessory',
      name: 'WA state sales tax 6.5%',
      jurisdiction: 'WA',
      rateBp: 650,
      base: 'net',
      mode: 'exclusive',
      categories: ['accessory'],
      exemptCustomerTypes: [],
      effectiveFrom: '2015-07-01',
      effectiveTo: null,
      citation: 'RCW 82.08.020 (6.5%)',
      verify: true,
      verifyNote: 'State rate not re-read.',
    },
  ],
};
