import { CANNABIS_CATEGORIES, MEDICAL_CUSTOMERS, type StateTaxTable } from '../tax-rule';

/**
 * New York. Adult-use retail sales pay 9 % (Tax Law §493(b)) plus 4 % for
 * the locality (§493(c)), both on the amount charged to the retail customer.
 * The per-milligram THC tax (§493(a)) is the distributor's, not the
 * register's — except for microbusinesses and registered organisations
 * selling at retail, which this table does not cover. Adult-use cannabis is
 * not subject to sales tax. Medical: the 7 % excise on registered
 * organisations' gross receipts (Tax Law §490) is theirs and not a separate
 * charge to the patient, so medical sales carry no register tax.
 */
export const newYorkTaxes: StateTaxTable = {
  state: 'NY',
  version: '2026-06-01.1',
  saleTypes: ['adult', 'medical'],
  localTaxCapBp: 0,
  sources: ['https://nysenate.gov/legislation/laws/TAX/493', 'https://www.mrtalaw.com/adult-use-licenses/adult-use-taxes'],
  rules: [
    {
      id: 'ny-auc-retail-state',
      name: 'NY adult-use cannabis tax 9%',
      jurisdiction: 'NY',
      rateBp: 900,
      base: 'net',
      mode: 'exclusive',
      categories: CANNABIS_CATEGORIES,
      exemptCustomerTypes: MEDICAL_CUSTOMERS,
      effectiveFrom: '2022-12-29',
      effectiveTo: null,
      citation: 'N.Y. Tax Law §493(b)',
      verify: false,
    },
    {
      id: 'ny-auc-retail-local',
      name: 'NY adult-use cannabis local tax 4%',
      jurisdiction: 'NY/local',
      rateBp: 400,
      base: 'net',
      mode: 'exclusive',
      categories: CANNABIS_CATEGORIES,
      exemptCustomerTypes: MEDICAL_CUSTOMERS,
      effectiveFrom: '2022-12-29',
      effectiveTo: null,
      citation: 'N.Y. Tax Law §493(c)',
      verify: false,
    },
  ],
};
// Accessories: ordinary NY sales tax applies (state 4% + local), which varies by locality and
// is not in this table — a store sells them with its local settings. Flagged in docs/taxes/ny.md.
