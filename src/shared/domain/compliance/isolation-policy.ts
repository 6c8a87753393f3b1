import type { CustomerType } from '../../contract/values';
import type { LimitUsage } from './limit-evaluation';

/**
 * What a terminal of a store may do with limited goods while it cannot
 * reach the store server (issue #20), set per sale type by the compliance
 * officer and shown on screen:
 * - `refuse`: no limited sale completes isolated (every other sale does);
 * - `allowance`: each person may buy up to `allowance[bucket]` (in the
 *   rule's unit) per isolated terminal per store day, and while any terminal
 *   is isolated the store server holds that much back for every person, so
 *   sales at the connected registers leave room for it;
 * - `designated`: only the store's designated register sells limited goods
 *   alone, within the limits it can see.
 */
export type IsolationPolicy =
  { readonly mode: 'refuse' } | { readonly mode: 'allowance'; readonly allowance: Readonly<Record<string, number>> } | { readonly mode: 'designated' };

export type StoreIsolationPolicy = Readonly<Record<CustomerType, IsolationPolicy>>;

/** The default is the strictest: with no decision made, an isolated terminal refuses limited sales. */
export const DEFAULT_ISOLATION_POLICY: StoreIsolationPolicy = {
  adult: { mode: 'refuse' },
  medical: { mode: 'refuse' },
  caregiver: { mode: 'refuse' },
};

/** The amount held back in a bucket for the terminals now isolated (0 unless the policy gives an allowance). */
export function isolatedReserve(policy: IsolationPolicy, bucket: string, isolatedTerminals: number): number {
  if (policy.mode !== 'allowance' || isolatedTerminals <= 0) return 0;
  return (policy.allowance[bucket] ?? 0) * isolatedTerminals;
}

/**
 * Exactly: whether earlier purchases plus the cart break the limit once
 * `reserve` is held back from it (fractions compared by cross-multiplying,
 * never rounded).
 */
export function overWithReserve(usage: LimitUsage, reserve: number): boolean {
  const num = usage.priorExact.num * usage.cartExact.den + usage.cartExact.num * usage.priorExact.den;
  const den = usage.priorExact.den * usage.cartExact.den;
  return num > BigInt(usage.rule.limit - reserve) * den;
}

/**
 * An isolated terminal's own cap for a person: what it sold them while
 * isolated today plus the cart, against the allowance alone (the store-wide
 * limit is checked against what this terminal can see, as always).
 */
export function overAllowance(isolatedUsage: LimitUsage, policy: IsolationPolicy): boolean {
  if (policy.mode !== 'allowance') return false;
  return overWithReserve({ ...isolatedUsage, rule: { ...isolatedUsage.rule, limit: policy.allowance[isolatedUsage.rule.bucket] ?? 0 } }, 0);
}
