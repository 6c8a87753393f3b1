import { divideRoundHalfUp, allocateProportionally, basisPointsOf } from '../../rounding';
import { AppError } from '../../errors';
import type { CustomerType } from '../../contract/values';
import type { TaxRule } from '../taxes/tax-rule';
import { TaxPotencyUnknown, taxesForLines, type LineTax } from '../taxes/line-taxes';
import type { PromotionMoment } from '../promotions/eligibility';
import { applyPromotions } from '../promotions/engine';
import type { Promotion } from '../promotions/promotion';
import type { PricedLineResult, PricedSale, SaleLineInput } from './sale-line';

export interface ManualDiscount {
  readonly id: string;
  readonly kind: 'percent' | 'amount';
  /** Basis points for `percent`, cents for `amount`. */
  readonly value: number;
  /** Null: the whole order. */
  readonly cartLineId: string | null;
  readonly reason: string;
  /** `loyalty`: points redeemed as a store-funded discount (loyalty/program.ts), named as such on the receipt. Default `manual`. */
  readonly source?: 'manual' | 'loyalty';
}

const discountLine = (d: ManualDiscount, amountCents: number) =>
  d.source === 'loyalty'
    ? { source: 'loyalty' as const, name: d.reason, amountCents }
    : { source: 'manual' as const, name: `Manual discount: ${d.reason}`, amountCents };

/**
 * Prices a sale: promotions, then manual discounts, then taxes. The
 * rounding rule, stated once:
 * - a weighed line's gross is price-per-gram × mg / 1000, rounded half up;
 * - a percent discount on a line rounds half up; an order discount is
 *   allocated across lines in proportion to their net by the largest
 *   remainder, so the lines' discounts sum exactly to it;
 * - each tax is computed on its base (the line's net, its gross, or a
 *   markup of its net, plus any other tax the rule's base includes;
 *   inclusive taxes extracted from the net), rounded per line half up, or
 *   — where a state rounds the receipt — once on the receipt and shared
 *   across the lines by base, so line totals always sum exactly to the sale
 *   total (taxes/line-taxes.ts).
 * No line's net goes below zero.
 */
export interface PricingInputs {
  readonly manualDiscounts: readonly ManualDiscount[];
  readonly taxRules: readonly TaxRule[];
  readonly customerType: CustomerType;
  readonly promotions?: readonly Promotion[];
  readonly moment?: PromotionMoment;
}

export function priceSale(lines: readonly SaleLineInput[], inputs: PricingInputs): PricedSale {
  const { manualDiscounts: discounts, taxRules, customerType } = inputs;
  const gross = lines.map(lineGross);
  // Promotions first, on the full price; then manual discounts on what is left.
  const promotionDiscounts =
    inputs.promotions === undefined || inputs.moment === undefined
      ? []
      : applyPromotions(
          lines.map((l, i) => ({ ...l, grossCents: gross[i] ?? 0 })),
          inputs.promotions,
          inputs.moment,
        );
  const afterPromotions = lines.map((_, i) => (gross[i] ?? 0) - promotionDiscounts.filter((d) => d.lineIndex === i).reduce((s, d) => s + d.amountCents, 0));
  // Line discounts apply one after another on what is left of the line.
  const lineDiscounts = lines.map((line, i) => {
    let remaining = afterPromotions[i] ?? 0;
    return discounts
      .filter((d) => d.cartLineId === line.lineId)
      .map((d) => {
        const amount = discountAmount(d, remaining);
        remaining -= amount;
        return { d, amount };
      });
  });
  const afterLine = lines.map((_, i) => (afterPromotions[i] ?? 0) - (lineDiscounts[i] ?? []).reduce((s, x) => s + x.amount, 0));
  const orderAllocations = discounts
    .filter((d) => d.cartLineId === null)
    .map((d) => {
      const base = afterLine.reduce((a, b) => a + b, 0);
      const shares = allocateProportionally(discountAmount(d, base), afterLine);
      shares.forEach((share, i) => (afterLine[i] = (afterLine[i] ?? 0) - share));
      return { d, shares };
    });

  const netOf = (i: number) => (gross[i] ?? 0) - discountsFor(i).reduce((s, x) => s + x.amountCents, 0);
  function discountsFor(i: number) {
    return [
      ...promotionDiscounts
        .filter((d) => d.lineIndex === i)
        .map((d) => ({ source: 'promotion' as const, promotionId: d.promotionId, name: d.name, amountCents: d.amountCents })),
      ...(lineDiscounts[i] ?? []).map(({ d, amount }) => discountLine(d, amount)),
      ...orderAllocations.map(({ d, shares }) => discountLine(d, shares[i] ?? 0)),
    ].filter((x) => x.amountCents > 0);
  }
  const lineTaxes = taxesOrRefusal(
    lines.map((line, i) => ({ category: line.category, thcPotencyBp: potencyBp(line), grossCents: gross[i] ?? 0, netCents: netOf(i) })),
    taxRules,
    customerType,
  );

  const priced: PricedLineResult[] = lines.map((line, i) => {
    const discountsOnLine = discountsFor(i);
    const discountCents = discountsOnLine.reduce((s, x) => s + x.amountCents, 0);
    const netCents = (gross[i] ?? 0) - discountCents;
    const applied: readonly LineTax[] = lineTaxes[i] ?? [];
    const taxes = applied.map(({ rule, baseCents, amountCents }) => ({
      taxId: rule.id,
      name: rule.name,
      amountCents,
      rateBp: rule.rateBp,
      baseCents,
      included: rule.mode === 'inclusive',
      citation: rule.citation,
      verify: rule.verify,
    }));
    const taxCents = taxes.reduce((s, t) => s + t.amountCents, 0);
    // Inclusive taxes are already inside the price: they are shown, not added.
    const addedCents = taxes.filter((t) => !t.included).reduce((s, t) => s + t.amountCents, 0);
    return {
      lineId: line.lineId,
      grossCents: gross[i] ?? 0,
      discountCents,
      netCents,
      taxCents,
      includedTaxCents: taxCents - addedCents,
      totalCents: netCents + addedCents,
      discounts: discountsOnLine,
      taxes,
    };
  });
  const sum = (f: (p: PricedLineResult) => number) => priced.reduce((s, p) => s + f(p), 0);
  return {
    lines: priced,
    subtotalCents: sum((p) => p.grossCents),
    discountCents: sum((p) => p.discountCents),
    taxCents: sum((p) => p.taxCents),
    totalCents: sum((p) => p.totalCents),
  };
}

export function lineGross(line: Pick<SaleLineInput, 'sellingMode' | 'unitPriceCents' | 'quantity'>): number {
  return line.sellingMode === 'weight' ? divideRoundHalfUp(line.unitPriceCents * line.quantity, 1000) : line.unitPriceCents * line.quantity;
}

/**
 * A line's THC potency in basis points of a percent: as given, or from its
 * THC and net weight per unit (exact integer division, rounded half up);
 * null when neither is known.
 */
export function potencyBp(line: Pick<SaleLineInput, 'thcPotencyBp' | 'thcMg' | 'netWeightMg'>): number | null {
  if (line.thcPotencyBp !== undefined && line.thcPotencyBp !== null) return line.thcPotencyBp;
  if (line.netWeightMg <= 0) return null;
  return divideRoundHalfUp(line.thcMg * 10_000, line.netWeightMg);
}

function taxesOrRefusal(lines: Parameters<typeof taxesForLines>[0], rules: readonly TaxRule[], customerType: PricingInputs['customerType']): LineTax[][] {
  try {
    return taxesForLines(lines, rules, customerType);
  } catch (error) {
    if (error instanceof TaxPotencyUnknown) {
      throw new AppError(
        'TAX_POTENCY_UNKNOWN',
        `${error.rule.name} depends on the product's THC potency, and this ${error.category} item has none on file. Add its THC and net weight in the catalogue.`,
        { taxId: error.rule.id },
      );
    }
    throw error;
  }
}

/** A discount never exceeds what it applies to. */
function discountAmount(discount: ManualDiscount, base: number): number {
  return discount.kind === 'percent' ? basisPointsOf(base, Math.min(discount.value, 10_000)) : Math.min(discount.value, base);
}
