import { DateTime } from 'luxon';
import type { CustomerType } from '../../shared/contract/values';
import { formatMilligrams } from '../../shared/money';
import type { LimitItem, PriorPurchase } from '../checkout/purchase-history';
import { ageOn } from './age';
import { evaluateLimits, type LimitUsage } from './limit-evaluation';
import type { StateRulePack } from './limit-rule';

export interface Violation {
  readonly code: 'UNDERAGE' | 'ID_EXPIRED' | 'ID_DATES_INVALID' | 'MEDICAL_EXPIRED' | 'SALE_TYPE_NOT_OFFERED' | 'LIMIT_EXCEEDED';
  readonly category: string;
  readonly limit: number;
  readonly attempted: number;
  readonly unit: string;
  readonly rule: string;
  readonly message: string;
}

export interface PurchaseCase {
  readonly customerType: CustomerType;
  readonly resident: boolean;
  readonly at: Date;
  readonly timeZone: string;
  readonly dateOfBirth: string;
  /** Null when the ID was checked and accepted at check-in (its expiry then already passed the check). */
  readonly idExpiry: string | null;
  readonly medicalExpiry: string | null;
  readonly prior: readonly PriorPurchase[];
  readonly cart: readonly LimitItem[];
}

/**
 * The one decision the register and the compliance officer's CLI share:
 * identity (age on the store-local date, ID validity, medical card) and
 * every purchase limit. Pure: what it needs is in the case.
 */
export function checkPurchase(pack: StateRulePack, c: PurchaseCase): { allowed: boolean; violations: Violation[] } {
  const day = DateTime.fromJSDate(c.at, { zone: c.timeZone }).toISODate() ?? '';
  const violations = [...identityViolations(pack, c, day), ...limitViolations(evaluateLimits(pack, { ...c }))];
  return { allowed: violations.length === 0, violations };
}

function identityViolations(pack: StateRulePack, c: PurchaseCase, day: string): Violation[] {
  const out: Violation[] = [];
  const v = (code: Violation['code'], category: string, limit: number, attempted: number, unit: string, rule: string, message: string) => out.push({ code, category, limit, attempted, unit, rule, message });
  if (c.customerType === 'adult' && !pack.adultUse) v('SALE_TYPE_NOT_OFFERED', 'sale_type', 0, 0, 'n/a', pack.version, `${pack.state} has no adult-use sales: only registered patients may buy.`);
  if (c.dateOfBirth >= day) v('ID_DATES_INVALID', 'age', 0, 0, 'years', pack.version, `The birth date ${c.dateOfBirth} cannot be right: check the ID.`);
  const ageRule = pack.ages.find((a) => a.customerType === c.customerType);
  const age = ageOn(c.dateOfBirth, day);
  if (ageRule !== undefined && age < ageRule.minimumAge) v('UNDERAGE', 'age', ageRule.minimumAge, age, 'years', ageRule.citation, `The customer is ${age}: ${ageRule.minimumAge} is the minimum for this sale (${ageRule.citation}).`);
  if (c.idExpiry !== null && c.idExpiry < day) v('ID_EXPIRED', 'id', 0, 0, 'date', pack.version, `This ID expired on ${c.idExpiry}: it cannot be accepted.`);
  if (c.customerType !== 'adult' && (c.medicalExpiry === null || c.medicalExpiry < day)) {
    v('MEDICAL_EXPIRED', 'medical', 0, 0, 'date', 'state medical program', `The medical card ${c.medicalExpiry === null ? 'is missing' : `expired on ${c.medicalExpiry}`}: the customer must renew through the state portal. They may buy as adult-use if eligible.`);
  }
  return out;
}

export function limitViolations(usage: readonly LimitUsage[]): Violation[] {
  return usage.flatMap(({ rule, attempted }) => {
    if (attempted <= rule.limit) return [];
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
        rule: `${rule.id} (${rule.citation})`,
        message: `Over the ${period} ${bucket} limit by ${shown(attempted - rule.limit)}: ${shown(attempted)} of ${shown(rule.limit)} (${rule.citation}). Remove items to continue.`,
      },
    ];
  });
}
