import { basisPointsOf, allocateProportionally } from '../../rounding';
import type { ProductCategory } from '../../contract/values';
import { isEligible, type PromotionMoment } from './eligibility';
import type { Promotion, PromotionScope } from './promotion';

export interface PromotableLine {
  readonly productId: string;
  readonly category: ProductCategory;
  readonly brand: string;
  readonly sellingMode: 'each' | 'weight';
  readonly quantity: number;
  readonly grossCents: number;
}

export interface PromotionDiscount {
  readonly lineIndex: number;
  readonly promotionId: string;
  readonly name: string;
  readonly amountCents: number;
}

/** One sellable unit (a weighed line is one unit) and what is still left of its price. */
interface Unit {
  readonly lineIndex: number;
  readonly line: PromotableLine;
  remaining: number;
}

/**
 * Applies the eligible promotions to a cart. Stacking rule: stackable
 * promotions apply one after another by priority (highest first) on what is
 * left of each unit's price; an exclusive promotion applies alone. The
 * customer gets whichever is larger — the whole stack, or the best single
 * exclusive one — never both. No unit goes below zero.
 */
export function applyPromotions(lines: readonly PromotableLine[], promotions: readonly Promotion[], moment: PromotionMoment): PromotionDiscount[] {
  const eligible = promotions.filter((p) => isEligible(p, moment)).sort((a, b) => b.priority - a.priority || a.id.localeCompare(b.id));
  const candidates = [eligible.filter((p) => !p.exclusive), ...eligible.filter((p) => p.exclusive).map((p) => [p])];
  let best: PromotionDiscount[] = [];
  let bestTotal = 0;
  for (const set of candidates) {
    const discounts = applyInOrder(lines, set);
    const total = discounts.reduce((s, d) => s + d.amountCents, 0);
    if (total > bestTotal) {
      best = discounts;
      bestTotal = total;
    }
  }
  return best;
}

function applyInOrder(lines: readonly PromotableLine[], promotions: readonly Promotion[]): PromotionDiscount[] {
  const units = toUnits(lines);
  const discounts: PromotionDiscount[] = [];
  for (const promotion of promotions) {
    const perUnit = discountPerUnit(promotion, units);
    const byLine = new Map<number, number>();
    perUnit.forEach((amount, i) => {
      const unit = units[i];
      if (unit === undefined || amount === 0) return;
      unit.remaining -= amount;
      byLine.set(unit.lineIndex, (byLine.get(unit.lineIndex) ?? 0) + amount);
    });
    for (const [lineIndex, amountCents] of byLine) discounts.push({ lineIndex, promotionId: promotion.id, name: promotion.name, amountCents });
  }
  return discounts;
}

function toUnits(lines: readonly PromotableLine[]): Unit[] {
  return lines.flatMap((line, lineIndex) => {
    if (line.sellingMode === 'weight' || line.quantity <= 0) return [{ lineIndex, line, remaining: line.grossCents }];
    // gross = unit price × quantity for packaged goods, so every unit has the same whole-cent price.
    const each = Math.floor(line.grossCents / line.quantity);
    return Array.from({ length: line.quantity }, () => ({ lineIndex, line, remaining: each }));
  });
}

/** The discount each unit gets from one promotion (0 for units out of scope), never more than what is left. */
function discountPerUnit(promotion: Promotion, units: readonly Unit[]): number[] {
  const inScope = (unit: Unit, scope: PromotionScope = promotion.scope) => matches(scope, unit.line);
  const kind = promotion.kind;
  switch (kind.type) {
    case 'percent_off':
      return units.map((u) => (inScope(u) ? basisPointsOf(u.remaining, kind.bp) : 0));
    case 'amount_off':
      return units.map((u) => (inScope(u) ? Math.min(kind.cents, u.remaining) : 0));
    case 'fixed_price':
      return units.map((u) => (inScope(u) ? Math.max(0, u.remaining - kind.cents) : 0));
    case 'buy_x_get_y': {
      const result = units.map(() => 0);
      // Most expensive first: in each group of buy+get, the cheapest `get` units are the free(r) ones.
      const eligible = units
        .map((u, i) => ({ u, i }))
        .filter(({ u }) => inScope(u))
        .sort((a, b) => b.u.remaining - a.u.remaining);
      const group = kind.buy + kind.get;
      for (let start = 0; start + group <= eligible.length; start += group) {
        for (const { u, i } of eligible.slice(start + kind.buy, start + group)) result[i] = basisPointsOf(u.remaining, kind.bp);
      }
      return result;
    }
    case 'bundle': {
      const result = units.map(() => 0);
      const used = new Set<number>();
      for (;;) {
        const picked: number[] = [];
        for (const component of kind.components) {
          const candidates = units.map((u, i) => ({ u, i })).filter(({ u, i }) => !used.has(i) && !picked.includes(i) && inScope(u, component));
          const first = candidates.sort((a, b) => b.u.remaining - a.u.remaining)[0];
          if (first === undefined) return result;
          picked.push(first.i);
        }
        picked.forEach((i) => used.add(i));
        const prices = picked.map((i) => units[i]?.remaining ?? 0);
        const saving = Math.max(0, prices.reduce((a, b) => a + b, 0) - kind.cents);
        allocateProportionally(saving, prices).forEach((share, k) => (result[picked[k] ?? 0] = share));
      }
    }
  }
}

function matches(scope: PromotionScope, line: PromotableLine): boolean {
  return (
    (scope.categories === undefined || scope.categories.includes(line.category)) &&
    (scope.brands === undefined || scope.brands.includes(line.brand)) &&
    (scope.productIds === undefined || scope.productIds.includes(line.productId))
  );
}
