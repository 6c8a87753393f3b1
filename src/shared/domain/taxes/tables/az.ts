import { ALL_CATEGORIES, CANNABIS_CATEGORIES, MEDICAL_CUSTOMERS, type StateTaxTable } from '../tax-rule';

/**
 * Arizona. 16 % marijuana excise on the price of marijuana sold to a
 * consumer (A.R.S. §42-5452(A)), not charged on marijuana dispensed to
 * registered patients or caregivers (same subsection), and not part of the
 * transaction privilege tax base (§42-5452(D)). TPT (retail classification)
 * applies to medical and adult-use sales: 5.6 % state; county and city TPT
 * are store settings.
 */
export const arizonaTaxes: StateTaxTable = {
  state: 'AZ',
  version: '2026-06-01.1',
  saleTypes: ['adult', 'medical'],
  localTaxCapBp: null,
  sources: ['https://www.azleg.gov/ars/42/05452.htm', 'https://azdor.gov/business/transaction-privilege-tax/adult-use-marijuana'],
  rules: [
    {
      id: 'az-marijuana-excise',
      name: 'AZ marijuana excise 16%',
      jurisdiction: 'AZ',
      rateBp: 1600,
      base: 'net',
      mode: 'exclusive',
      categories: CANNABIS_CATEGORIES,
      exemptCustomerTypes: MEDICAL_CUSTOMERS,
      effectiveFrom: '2021-01-22',
      effectiveTo: null,
      citation: 'A.R.S. §42-5452(A) (16%; registered patients excluded), (D) (not in the TPT base)',
      verify: false,
    },
    {
      id: 'az-tpt-state',
      name: 'AZ state TPT 5.6%',
      jurisdiction: 'AZ',
      rateBp: 560,
      base: 'net',
      mode: 'exclusive',
      categories: ALL_CATEGORIES,
      exemptCustomerTypes: [],
      effectiveFrom: '2021-01-22',
      effectiveTo: null,
      citation: 'A.R.S. §42-5010 (retail 5.6%); ADOR "Adult Use Marijuana" (TPT on medical and adult-use)',
      verify: true,
      verifyNote: 'State 5.6% from ADOR summaries, §42-5010 not re-read.',
    },
  ],
};
