import { ALL_CATEGORIES, CANNABIS_CATEGORIES, type StateTaxTable, type TaxRule } from '../tax-rule';

/**
 * Michigan: adult-use sales carry the 10 % marihuana excise on the sales
 * price (MCL 333.27963(1)); medical sales do not (333.27963(4)(b)-(c)).
 * The 6 % sales tax applies to all marihuana sales, and its base — the
 * "sales price" — includes the 10 % excise (Mich Admin Code R 205.141(1):
 * $100 sale → $10 excise, 6 % of $110 = $6.60). Medical marihuana is not an
 * exempt prescription drug (R 205.141(3)).
 */
const rules: readonly TaxRule[] = [
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
    citation: 'MCL 333.27963(1) (10%), (4)(b)-(c) (medical exempt)',
    verify: false,
  },
  {
    id: 'mi-sales',
    name: 'MI sales tax 6%',
    jurisdiction: 'MI',
    rateBp: 600,
    base: 'net',
    mode: 'exclusive',
    // Tax on tax: the excise is part of the sales price the 6 % applies to.
    baseIncludesTaxIds: ['mi-marihuana-excise'],
    categories: ALL_CATEGORIES,
    exemptCustomerTypes: [],
    effectiveFrom: '1994-05-01',
    effectiveTo: null,
    citation: 'MCL 205.52 (6%); Mich Admin Code R 205.141(1) (sales price includes the 10% excise), (3) (no prescription-drug exemption)',
    verify: false,
  },
];

export const michiganTaxes: StateTaxTable = {
  state: 'MI',
  version: '2026-06-01.1',
  saleTypes: ['adult', 'medical'],
  localTaxCapBp: null,
  sources: [
    'https://print.casetext.com/statute/michigan-compiled-laws/chapter-333-health/michigan-regulation-and-taxation-of-marihuana-act/section-33327963-imposition-of-excise-tax-administration-by-department-of-treasury-exemptions',
    'https://ars.apps.lara.state.mi.us (R 205.141, filed 6 Feb 2020)',
    'https://michigan.gov/taxes/rep-legal/rab/2023-revenue-administrative-bulletins/revenue-administrative-bulletin-2023-25',
  ],
  rules,
};
