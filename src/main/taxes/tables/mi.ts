import { ALL_CATEGORIES, CANNABIS_CATEGORIES, type TaxRule } from '../tax-rule';

/**
 * Michigan (compliance.md): adult-use sales carry the 10 % marihuana excise
 * (MRTMA, MCL 333.27963) on top of the 6 % state sales tax; medical sales
 * pay sales tax only (the excise applies to adult-use retail sales).
 */
export const michiganTaxes: readonly TaxRule[] = [
  {
    id: 'mi-marihuana-excise',
    name: 'MI marihuana excise 10%',
    jurisdiction: 'MI',
    rateBp: 1000,
    base: 'net',
    mode: 'exclusive',
    categories: CANNABIS_CATEGORIES,
    exemptCustomerTypes: ['medical', 'caregiver'],
    effectiveFrom: '2019-12-01',
    effectiveTo: null,
    citation: 'MCL 333.27963 (Michigan Regulation and Taxation of Marihuana Act §13)',
    verify: true,
  },
  {
    id: 'mi-sales',
    name: 'MI sales tax 6%',
    jurisdiction: 'MI',
    rateBp: 600,
    base: 'net',
    mode: 'exclusive',
    categories: ALL_CATEGORIES,
    exemptCustomerTypes: [],
    effectiveFrom: '1994-05-01',
    effectiveTo: null,
    citation: 'MCL 205.52 (General Sales Tax Act, 6%)',
    verify: false,
  },
];
