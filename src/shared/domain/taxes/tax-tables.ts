import { AppError } from '../../errors';
import { arizonaTaxes } from './tables/az';
import { californiaTaxes } from './tables/ca';
import { coloradoTaxes } from './tables/co';
import { floridaTaxes } from './tables/fl';
import { illinoisTaxes } from './tables/il';
import { massachusettsTaxes } from './tables/ma';
import { michiganTaxes } from './tables/mi';
import { nevadaTaxes } from './tables/nv';
import { newYorkTaxes } from './tables/ny';
import { oregonTaxes } from './tables/or';
import { washingtonTaxes } from './tables/wa';
import { localTaxRule, type LocalTax } from './local-taxes';
import type { StateTaxTable, TaxRule } from './tax-rule';

/** Shipped tax tables by state: one for every state with a purchase-limit rule pack. */
export const stateTaxTables: Readonly<Record<string, StateTaxTable>> = Object.fromEntries(
  [
    californiaTaxes,
    michiganTaxes,
    coloradoTaxes,
    massachusettsTaxes,
    illinoisTaxes,
    washingtonTaxes,
    oregonTaxes,
    nevadaTaxes,
    newYorkTaxes,
    arizonaTaxes,
    floridaTaxes,
  ].map((t) => [t.state, t]),
);

export function taxTableFor(state: string): StateTaxTable {
  const table = stateTaxTables[state];
  if (table === undefined) throw new AppError('TAX_TABLE_MISSING', `No tax table ships for ${state} yet: sales cannot be priced. Call support.`);
  return table;
}

const inForce = (day: string) => (rule: TaxRule) => rule.effectiveFrom <= day && (rule.effectiveTo === null || day < rule.effectiveTo);

/** The rules in force on a store-local day: the state's, then the store's own local taxes. */
export function taxRulesFor(state: string, day: string, local: readonly LocalTax[] = []): readonly TaxRule[] {
  return [...taxTableFor(state).rules, ...local.map(localTaxRule)].filter(inForce(day));
}
