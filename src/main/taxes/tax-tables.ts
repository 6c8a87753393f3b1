import { AppError } from '../../shared/errors';
import { californiaTaxes } from './tables/ca';
import { michiganTaxes } from './tables/mi';
import type { TaxRule } from './tax-rule';

/** Shipped tax tables by state: the demo state and Michigan so far; other states come with their stores. */
const tables: Readonly<Record<string, readonly TaxRule[]>> = { CA: californiaTaxes, MI: michiganTaxes };

/** The rules in force on a store-local day. */
export function taxRulesFor(state: string, day: string): readonly TaxRule[] {
  const table = tables[state];
  if (table === undefined) throw new AppError('TAX_TABLE_MISSING', `No tax table ships for ${state} yet: sales cannot be priced. Call support.`);
  return table.filter((rule) => rule.effectiveFrom <= day && (rule.effectiveTo === null || day < rule.effectiveTo));
}
