import { ALL_CATEGORIES, CANNABIS_CATEGORIES, type StateTaxTable, type TaxRule } from '../tax-rule';

/**
 * California, for the demo store in Oakland. Sources as compiled in
 * docs/taxes/ca.md: the cannabis excise tax is collected by
 * the retailer since 1 Jan 2023 at 15 % of gross receipts, 19 % from
 * 1 Jul to 30 Sep 2025, 15 % again from 1 Oct 2025 (AB 564) — where that
 * 15 % period ends is disputed (2028 vs 2030), so it carries no end and is
 * flagged. Holders of a state medical ID card (MMIC) are exempt from sales
 * and use tax, not from the excise.
 */
const rules: readonly TaxRule[] = [
  {
    id: 'ca-cannabis-excise-2023',
    name: 'CA cannabis excise 15%',
    jurisdiction: 'CA',
    rateBp: 1500,
    base: 'net',
    mode: 'exclusive',
    categories: CANNABIS_CATEGORIES,
    exemptCustomerTypes: [],
    effectiveFrom: '2023-01-01',
    effectiveTo: '2025-07-01',
    citation: 'Rev. & Tax. Code §34011.2 (AB 195, 2022); CDTFA cannabis tax guide',
    verify: false,
  },
  {
    id: 'ca-cannabis-excise-2025q3',
    name: 'CA cannabis excise 19%',
    jurisdiction: 'CA',
    rateBp: 1900,
    base: 'net',
    mode: 'exclusive',
    categories: CANNABIS_CATEGORIES,
    exemptCustomerTypes: [],
    effectiveFrom: '2025-07-01',
    effectiveTo: '2025-10-01',
    citation: 'Rev. & Tax. Code §34011.2(c); CDTFA rate change to 19% from 1 Jul 2025',
    verify: false,
  },
  {
    id: 'ca-cannabis-excise-2025q4',
    name: 'CA cannabis excise 15%',
    jurisdiction: 'CA',
    rateBp: 1500,
    base: 'net',
    mode: 'exclusive',
    categories: CANNABIS_CATEGORIES,
    exemptCustomerTypes: [],
    effectiveFrom: '2025-10-01',
    effectiveTo: null,
    citation: 'AB 564 (2025), restoring 15% from 1 Oct 2025; end of the period disputed (2028 vs 2030)',
    verify: true,
  },
  {
    // Oakland's combined rate: the 7.25 % state-wide base plus district taxes (CDTFA rate tables).
    id: 'ca-sales-oakland',
    name: 'Sales tax (Oakland) 10.25%',
    jurisdiction: 'CA/Alameda/Oakland',
    rateBp: 1025,
    base: 'net',
    mode: 'exclusive',
    categories: ALL_CATEGORIES,
    exemptCustomerTypes: ['medical', 'caregiver'],
    effectiveFrom: '2023-01-01',
    effectiveTo: null,
    citation: 'Rev. & Tax. Code §6051, §7251 et seq.; MMIC holders exempt, H&S Code §11362.71; CDTFA city rate table (Oakland 10.25%)',
    verify: true,
  },
];

export const californiaTaxes: StateTaxTable = {
  state: 'CA',
  version: '2026-06-01.1',
  saleTypes: ['adult', 'medical'],
  localTaxCapBp: null,
  sources: ['docs/taxes/ca.md (secondary; CDTFA pages not re-read in this pass)'],
  rules,
};
