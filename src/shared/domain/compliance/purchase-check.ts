import { businessDay } from '../store-calendar';
import type { CustomerType } from '../../contract/values';
import { formatMilligrams } from '../../money';
import { identityViolations } from './identity';
import { evaluateLimits, type LimitUsage } from './limit-evaluation';
import type { LimitItem, PriorPurchase } from './limit-item';
import type { StateRulePack } from './limit-rule';
import type { Violation } from './violation';

export type { Violation } from './violation';

export interface PurchaseCase {
  readonly customerType: CustomerType;
  readonly resident: boolean;
  readonly at: Date;
  readonly timeZone: string;
  readonly dateOfBirth: string;
  /** Null when the ID was checked and accepted at check-in (its expiry then already passed the check). */
  readonly idExpiry: string | null;
  /** The patient's card (for a caregiver's case: the patient's, and the caregiver's own is taken as the same). */
  readonly medicalExpiry: string | null;
  readonly prior: readonly PriorPurchase[];
  readonly cart: readonly LimitItem[];
}

/**
 * The one decision the compliance officer's CLI shares with every sale:
 * identity (the same module check-in and the sale gate use) and every
 * purchase limit. Pure: what it needs is in the case.
 */
export function checkPurchase(pack: StateRulePack, c: PurchaseCase): { allowed: boolean; violations: Violation[] } {
  const day = businessDay(c.at, c.timeZone);
  const card = { expiry: c.medicalExpiry };
  const identity = identityViolations(pack, {
    saleType: c.customerType,
    day,
    // Without an expiry the case says the ID was accepted at check-in: only the birth date is checked again.
    id: { dateOfBirth: c.dateOfBirth, expiry: c.idExpiry ?? day },
    card,
    patient: { cardExpiry: c.medicalExpiry },
  });
  const violations = [...identity, ...limitViolations(evaluateLimits(pack, { ...c }))];
  return { allowed: violations.length === 0, violations };
}

/** Each limit the cart would break, naming the rule and the amount over it. */
export function limitViolations(usage: readonly LimitUsage[]): Violation[] {
  return usage.flatMap(({ rule, attempted, over, remaining }) => {
    if (!over) return [];
    const shown = (n: number) => (rule.unit === 'mg' ? formatMilligrams(n) : `${n}`);
    const period = rule.period === 'transaction' ? 'per-sale' : rule.period === 'calendar_day' ? 'daily' : `${rule.period.rollingDays}-day`;
    const bucket = rule.bucket.replace('_', ' ');
    return [
      {
        code: 'LIMIT_EXCEEDED' as const,
        category: rule.bucket,
        limit: rule.limit,
        attempted,
        unit: rule.unit,
        remaining,
        rule: `${rule.id} (${rule.citation})`,
        message: `Over the ${period} ${bucket} limit by ${shown(Math.max(1, attempted - rule.limit))}: ${shown(attempted)} of ${shown(rule.limit)} (${rule.citation}); ${shown(remaining)} ${rule.period === 'transaction' ? 'allowed in one sale' : rule.period === 'calendar_day' ? 'left today' : `left in this ${rule.period.rollingDays}-day period`}. Remove items to continue.`,
      },
    ];
  });
}
