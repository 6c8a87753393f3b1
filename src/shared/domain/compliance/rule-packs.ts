import { AppError } from '../../errors';
import type { StateRulePack } from './limit-rule';
import { arizona, californiaRules, colorado, florida, illinois, massachusetts, michigan, nevada, newYork, oregon, washington } from './rules';

/** Every state the register ships rules for. */
export const rulePacks: Readonly<Record<string, StateRulePack>> = {
  CA: californiaRules,
  CO: colorado,
  MI: michigan,
  MA: massachusetts,
  IL: illinois,
  WA: washington,
  OR: oregon,
  NV: nevada,
  NY: newYork,
  AZ: arizona,
  FL: florida,
};

/** The rule pack for a state; an unknown state refuses sales rather than selling unchecked. */
export function rulePackFor(state: string): StateRulePack {
  const pack = rulePacks[state];
  if (pack === undefined) throw new AppError('RULES_MISSING', `No compliance rules ship for ${state} yet: sales are refused. Call support.`);
  return pack;
}

/** The longest period (in store days) any shipped rule looks back: how long the limit ledger must keep a purchase. */
export function longestLookbackDays(): number {
  return Math.max(1, ...Object.values(rulePacks).flatMap((p) => p.limits.map((r) => (typeof r.period === 'object' ? r.period.rollingDays : 1))));
}
