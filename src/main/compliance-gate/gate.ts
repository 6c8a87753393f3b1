import { eq } from 'drizzle-orm';
import { AppError } from '../../shared/errors';
import { formatMilligrams } from '../../shared/money';
import { customers, idVerifications } from '../db/schema';
import type { RegisterTx } from '../db/transaction';
import { businessDay } from '../checkout/business-day';
import { cartLimitItem, priorPurchases, type LimitItem } from '../checkout/purchase-history';
import type { CheckCompliance, ComplianceDecision, SaleLineInput, SaleSubject } from '../checkout/ports';
import { dayWindow } from '../reports/day-window';
import { ageOn } from './age';
import type { LimitRule, StateRulePack } from './limit-rule';
import { californiaRules } from './rules-ca';

const packs: Readonly<Record<string, StateRulePack>> = { CA: californiaRules };

/** The rule pack for a state; an unknown state refuses sales rather than selling unchecked. */
export function rulePackFor(state: string): StateRulePack {
  const pack = packs[state];
  if (pack === undefined) throw new AppError('RULES_MISSING', `No compliance rules ship for ${state} yet: sales are refused. Call support.`);
  return pack;
}

export interface Violation {
  readonly code: 'UNDERAGE' | 'MEDICAL_EXPIRED' | 'LIMIT_EXCEEDED';
  readonly category: string;
  readonly limit: number;
  readonly attempted: number;
  readonly unit: string;
  readonly rule: string;
  readonly message: string;
}

/**
 * The compliance gate every sale passes inside its transaction: a checked-in
 * customer, of age for the sale type on the store's local date, with a valid
 * medical card for a medical sale, within every purchase limit counting
 * today's earlier sales at all terminals. No overrides: a refusal explains
 * itself and the sale is not written.
 */
export const checkSaleCompliance: CheckCompliance = (tx, lines, subject) => {
  // An unknown state refuses every sale rather than selling unchecked.
  const pack = rulePackFor(subject.state);
  const day = businessDay(subject.at, subject.timeZone);
  if (subject.customerId === null) return anonymousAdultDecision(tx, pack, lines, subject, day);
  const customer = tx.select().from(customers).where(eq(customers.id, subject.customerId)).get();
  if (customer === undefined) throw new AppError('CUSTOMER_NOT_FOUND', 'The checked-in customer is not in this store.');
  const violations = [...ageAndCardViolations(pack, subject, customer, day), ...limitViolations(tx, pack, lines, subject, day)];
  const decision: ComplianceDecision = { allowed: violations.length === 0, rulePack: pack.version, verifiedOnline: false, violations };
  return decision;
};

/**
 * An adult-use customer with no record: their ID was checked and accepted
 * at check-in (age and expiry, recorded in id_verifications); with no
 * history to add, the limits apply per transaction.
 */
function anonymousAdultDecision(tx: RegisterTx, pack: StateRulePack, lines: readonly SaleLineInput[], subject: SaleSubject, day: string): ComplianceDecision {
  const verification = subject.idVerificationId == null ? undefined : tx.select().from(idVerifications).where(eq(idVerifications.id, subject.idVerificationId)).get();
  if (verification === undefined || verification.outcome !== 'accepted' || subject.customerType !== 'adult' || businessDay(verification.verifiedAt, subject.timeZone) !== day) {
    throw new AppError('CHECK_IN_REQUIRED', 'Check the customer in (scan or type their ID) before completing the sale.');
  }
  const violations = limitViolations(tx, pack, lines, subject, day);
  return { allowed: violations.length === 0, rulePack: pack.version, verifiedOnline: false, violations };
}

function ageAndCardViolations(pack: StateRulePack, subject: SaleSubject, customer: typeof customers.$inferSelect, day: string): Violation[] {
  const violations: Violation[] = [];
  const ageRule = pack.ages.find((a) => a.customerType === subject.customerType);
  const age = ageOn(customer.dateOfBirth, day);
  if (ageRule !== undefined && age < ageRule.minimumAge) {
    violations.push({ code: 'UNDERAGE', category: 'age', limit: ageRule.minimumAge, attempted: age, unit: 'years', rule: ageRule.citation, message: `The customer is ${age}: ${ageRule.minimumAge} is the minimum for this sale (${ageRule.citation}).` });
  }
  if (subject.customerType !== 'adult' && (customer.medicalExpiry === null || customer.medicalExpiry < day)) {
    violations.push({
      code: 'MEDICAL_EXPIRED',
      category: 'medical',
      limit: 0,
      attempted: 0,
      unit: 'card',
      rule: 'H&S Code §11362.71',
      message: `The medical card ${customer.medicalExpiry === null ? 'is missing' : `expired on ${customer.medicalExpiry}`}: the customer must renew through the state portal. They may buy as adult-use if eligible.`,
    });
  }
  return violations;
}

export interface LimitUsage {
  readonly rule: LimitRule;
  /** Today's earlier purchases plus the cart, in the rule's unit. */
  readonly attempted: number;
}

/** How much of each of today's limits the customer's history and this cart use. */
export function limitUsage(tx: RegisterTx, pack: StateRulePack, lines: readonly SaleLineInput[], subject: SaleSubject, day: string): LimitUsage[] {
  const rules = pack.limits.filter((r) => r.customerTypes.includes(subject.customerType) && r.effectiveFrom <= day);
  const history = subject.customerId === null ? [] : priorPurchases(tx, subject.customerId, dayWindow(day, subject.timeZone).start);
  const items: LimitItem[] = [...history, ...lines.map(cartLimitItem)];
  return rules.map((rule) => ({ rule, attempted: items.reduce((sum, item) => sum + counted(rule, item), 0) }));
}

function limitViolations(tx: RegisterTx, pack: StateRulePack, lines: readonly SaleLineInput[], subject: SaleSubject, day: string): Violation[] {
  return limitUsage(tx, pack, lines, subject, day).flatMap(({ rule, attempted }) => {
    if (attempted <= rule.limit) return [];
    const shown = (mg: number) => (rule.unit === 'mg' ? formatMilligrams(mg) : `${mg}`);
    return [
      {
        code: 'LIMIT_EXCEEDED' as const,
        category: rule.bucket,
        limit: rule.limit,
        attempted,
        unit: rule.unit,
        rule: `${rule.id} (${rule.citation})`,
        message: `Over today's ${rule.bucket} limit by ${shown(attempted - rule.limit)}: ${shown(attempted)} of ${shown(rule.limit)} (${rule.citation}). Remove items to continue.`,
      },
    ];
  });
}

function counted(rule: LimitRule, item: LimitItem): number {
  const measure = rule.counts[item.category];
  if (measure === undefined) return 0;
  switch (measure) {
    case 'net_weight_mg':
      return item.netWeightMg * item.quantity;
    case 'thc_mg':
      return item.thcMg * item.quantity;
    case 'units':
      return item.quantity;
  }
}
