import { allocateProportionally, basisPointsOf, divideRoundHalfUp } from '../../rounding';
import type { CustomerType, ProductCategory } from '../../contract/values';
import type { TaxRule } from './tax-rule';

/** What a tax needs to know of one priced line. */
export interface TaxableLine {
  readonly category: ProductCategory;
  /** THC by weight in basis points of a percent (3500 = 35 %); null when unknown. */
  readonly thcPotencyBp: number | null;
  readonly grossCents: number;
  readonly netCents: number;
}

export interface LineTax {
  readonly rule: TaxRule;
  readonly baseCents: number;
  readonly amountCents: number;
}

/**
 * Every tax on every line, in integer cents. Pure: no clock, no database.
 * Rules whose base includes other taxes are computed after those taxes.
 * A rule with a potency band needs the line's potency: unknown potency on a
 * line such a rule could apply to is refused rather than guessed.
 */
export function taxesForLines(lines: readonly TaxableLine[], rules: readonly TaxRule[], customerType: CustomerType): LineTax[][] {
  const ordered = [...rules].sort((a, b) => Number((a.baseIncludesTaxIds?.length ?? 0) > 0) - Number((b.baseIncludesTaxIds?.length ?? 0) > 0));
  const perLine: LineTax[][] = lines.map(() => []);
  for (const rule of ordered) {
    const applies = lines.map((line) => appliesTo(rule, line, customerType));
    const bases = lines.map((line, i) => (applies[i] ? baseOf(rule, line, perLine[i] ?? []) : 0));
    const amounts = amountsFor(rule, bases, applies, lines, rules, customerType);
    lines.forEach((_, i) => {
      if (applies[i]) perLine[i]?.push({ rule, baseCents: bases[i] ?? 0, amountCents: amounts[i] ?? 0 });
    });
  }
  // Shown in the table's own order, whatever order they were computed in.
  return perLine.map((taxes) => rules.flatMap((r) => taxes.filter((t) => t.rule === r)));
}

function appliesTo(rule: TaxRule, line: TaxableLine, customerType: CustomerType): boolean {
  if (!rule.categories.includes(line.category) || rule.exemptCustomerTypes.includes(customerType)) return false;
  if (rule.potency === undefined) return true;
  if (line.thcPotencyBp === null) throw new TaxPotencyUnknown(rule, line.category);
  const { aboveBp, atOrBelowBp } = rule.potency;
  return (aboveBp === undefined || line.thcPotencyBp > aboveBp) && (atOrBelowBp === undefined || line.thcPotencyBp <= atOrBelowBp);
}

/** A potency-banded tax met a line whose THC potency is not known. */
export class TaxPotencyUnknown extends Error {
  constructor(
    readonly rule: TaxRule,
    readonly category: ProductCategory,
  ) {
    super(`${rule.name} depends on THC potency, and a ${category} line has none`);
  }
}

function inclusiveRules(rules: readonly TaxRule[], line: TaxableLine, customerType: CustomerType): TaxRule[] {
  return rules.filter((r) => r.mode === 'inclusive' && appliesTo(r, line, customerType));
}

function baseOf(rule: TaxRule, line: TaxableLine, earlier: readonly LineTax[]): number {
  if (rule.mode === 'inclusive') return line.netCents;
  const included = (rule.baseIncludesTaxIds ?? []).reduce((sum, id) => sum + earlier.filter((t) => t.rule.id === id).reduce((s, t) => s + t.amountCents, 0), 0);
  switch (rule.base) {
    case 'net':
      return line.netCents + included;
    case 'gross':
      return line.grossCents + included;
    case 'markup':
      return line.netCents + basisPointsOf(line.netCents, rule.markupBp ?? 0) + included;
  }
}

function amountsFor(
  rule: TaxRule,
  bases: readonly number[],
  applies: readonly boolean[],
  lines: readonly TaxableLine[],
  rules: readonly TaxRule[],
  customerType: CustomerType,
): number[] {
  if (rule.mode === 'inclusive') {
    // Extracted from the price: with every inclusive rate on the line summed to R, the price holds price × R / (10,000 + R) of tax, shared by rate.
    return lines.map((line, i) => {
      if (!applies[i]) return 0;
      const inclusiveBp = inclusiveRules(rules, line, customerType).reduce((s, r) => s + r.rateBp, 0);
      return divideRoundHalfUp((bases[i] ?? 0) * rule.rateBp, 10_000 + inclusiveBp);
    });
  }
  const rounding = rule.rounding ?? 'line-half-up';
  switch (rounding) {
    case 'line-half-up':
      return bases.map((b) => basisPointsOf(b, rule.rateBp));
    case 'receipt-half-up':
    case 'receipt-up': {
      // One rounding on the receipt's whole base, then shared by base so lines sum to it exactly.
      const total = bases.reduce((a, b) => a + b, 0) * rule.rateBp;
      const whole = Math.floor(total / 10_000);
      const rounded = rounding === 'receipt-up' ? whole + (total - whole * 10_000 > 0 ? 1 : 0) : divideRoundHalfUp(total, 10_000);
      return allocateProportionally(rounded, bases);
    }
  }
}
