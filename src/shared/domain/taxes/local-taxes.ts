import type { LocalTax } from '../../contract/taxes';
export { localTax, localTaxes, type LocalTax } from '../../contract/taxes';
import { ALL_CATEGORIES, CANNABIS_CATEGORIES, MEDICAL_CUSTOMERS, type TaxRule } from './tax-rule';

/** Checks local taxes against the state's cap on one local cannabis tax; returns the first problem, or null. */
export function localTaxProblem(taxes: readonly LocalTax[], capBp: number | null, state: string): string | null {
  if (capBp === null) return null;
  const over = taxes.find((t) => t.appliesTo === 'cannabis' && t.rateBp > capBp);
  return over === undefined ? null : `Local tax "${over.id}" is ${over.rateBp} bp; ${state} allows at most ${capBp} bp for a local cannabis tax.`;
}

/** A local tax as a tax rule, added on top of the price on the line's net. */
export function localTaxRule(tax: LocalTax): TaxRule {
  return {
    id: `local-${tax.id}`,
    name: tax.name,
    jurisdiction: tax.jurisdiction,
    rateBp: tax.rateBp,
    base: 'net',
    mode: 'exclusive',
    categories: tax.appliesTo === 'cannabis' ? CANNABIS_CATEGORIES : ALL_CATEGORIES,
    exemptCustomerTypes: tax.medicalExempt ? MEDICAL_CUSTOMERS : [],
    effectiveFrom: tax.effectiveFrom,
    effectiveTo: tax.effectiveTo,
    citation: tax.citation,
    verify: false,
  };
}
