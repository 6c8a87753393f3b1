import { eq } from 'drizzle-orm';
import { AppError } from '../../shared/errors';
import { customers, idVerifications } from '../db/schema';
import type { RegisterTx } from '../db/transaction';
import { businessDay } from '../checkout/business-day';
import { cartLimitItem, priorPurchases } from '../checkout/purchase-history';
import type { CheckCompliance, ComplianceDecision, SaleLineInput, SaleSubject } from '../checkout/ports';
import type { StateRulePack } from './limit-rule';
import { applicableRules, evaluateLimits, periodStart, type LimitUsage } from './limit-evaluation';
import { checkPurchase, limitViolations, type Violation } from './purchase-check';
import { stateAllotmentViolations } from './state-allotment';
import { DateTime } from 'luxon';
import { arizona, californiaRules, colorado, florida, illinois, massachusetts, michigan, nevada, newYork, oregon, washington } from './rules';

const packs: Readonly<Record<string, StateRulePack>> = {
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
  const pack = packs[state];
  if (pack === undefined) throw new AppError('RULES_MISSING', `No compliance rules ship for ${state} yet: sales are refused. Call support.`);
  return pack;
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
  const patient = subject.customerType === 'caregiver' ? caregiversPatient(tx, customer.caregiverForId) : customer;
  const local = checkPurchase(pack, {
    customerType: subject.customerType,
    // A caregiver buys within their patient's limits: the patient's residency and card count too.
    resident: patient.resident,
    at: subject.at,
    timeZone: subject.timeZone,
    dateOfBirth: customer.dateOfBirth,
    // A registered customer's ID was checked at check-in or registration; the register keeps no ID expiry for them.
    idExpiry: null,
    medicalExpiry: earlier(customer.medicalExpiry, patient.medicalExpiry),
    prior: historyFor(tx, pack, subject, patient.resident),
    cart: lines.map(cartLimitItem),
  });
  const state = stateDecision(tx, subject, lines, day);
  const violations = [...local.violations, ...state.violations];
  return { allowed: violations.length === 0, rulePack: pack.version, verifiedOnline: state.verifiedOnline, stateVerification: state.verification, violations };
};

function caregiversPatient(tx: RegisterTx, patientId: string | null): typeof customers.$inferSelect {
  const patient = patientId === null ? undefined : tx.select().from(customers).where(eq(customers.id, patientId)).get();
  if (patient === undefined) throw new AppError('CAREGIVER_NO_PATIENT', 'This caregiver has no registered patient on file: register the patient and link the caregiver first.');
  return patient;
}

/** Both cards must be valid: the earlier expiry decides (null — none on file — refuses). */
function earlier(a: string | null, b: string | null): string | null {
  if (a === null || b === null) return null;
  return a < b ? a : b;
}

/**
 * Where the state holds the patient's standing and allotment, its answer
 * counts too: asked now (verified online) or, offline, the last answer on
 * file less what this store sold them since (verified offline, re-checked
 * at reconnect).
 */
function stateDecision(tx: RegisterTx, subject: SaleSubject, lines: readonly SaleLineInput[], day: string): { violations: Violation[]; verifiedOnline: boolean; verification: NonNullable<ComplianceDecision['stateVerification']> | null } {
  const check = subject.stateCheck ?? null;
  if (subject.customerType === 'adult' || check === null) return { violations: [], verifiedOnline: false, verification: null };
  const soldSince = check.source === 'last_known' && check.at !== null && subject.customerId !== null ? priorPurchases(tx, subject.customerId, check.at) : [];
  return {
    violations: stateAllotmentViolations(check, lines.map(cartLimitItem), soldSince, day),
    verifiedOnline: check.source === 'online',
    verification: { source: check.source, checkedAt: check.at?.toISOString() ?? null, ...(check.source === 'last_known' ? { note: check.reason } : {}) },
  };
}

/**
 * An adult-use customer with no record: their ID was checked and accepted
 * at check-in today (age and expiry, recorded in id_verifications); with no
 * history to add, the limits apply per transaction.
 */
function anonymousAdultDecision(tx: RegisterTx, pack: StateRulePack, lines: readonly SaleLineInput[], subject: SaleSubject, day: string): ComplianceDecision {
  const verification = subject.idVerificationId == null ? undefined : tx.select().from(idVerifications).where(eq(idVerifications.id, subject.idVerificationId)).get();
  if (verification === undefined || verification.outcome !== 'accepted' || subject.customerType !== 'adult' || businessDay(verification.verifiedAt, subject.timeZone) !== day) {
    throw new AppError('CHECK_IN_REQUIRED', 'Check the customer in (scan or type their ID) before completing the sale.');
  }
  const violations = limitViolations(evaluateLimits(pack, { customerType: 'adult', resident: true, at: subject.at, timeZone: subject.timeZone, prior: [], cart: lines.map(cartLimitItem) }));
  return { allowed: violations.length === 0, rulePack: pack.version, verifiedOnline: false, violations };
}

/** How much of each limit the customer's history in each rule's period and this cart use. */
export function limitUsage(tx: RegisterTx, pack: StateRulePack, lines: readonly SaleLineInput[], subject: SaleSubject, resident: boolean, dateOfBirth: string | null = null): LimitUsage[] {
  return evaluateLimits(pack, { customerType: subject.customerType, resident, at: subject.at, timeZone: subject.timeZone, prior: historyFor(tx, pack, subject, resident), cart: lines.map(cartLimitItem), dateOfBirth });
}

/** Earlier purchases back to the start of the longest period any applicable rule looks at. */
function historyFor(tx: RegisterTx, pack: StateRulePack, subject: SaleSubject, resident: boolean) {
  if (subject.customerId === null) return [];
  const local = DateTime.fromJSDate(subject.at, { zone: subject.timeZone });
  const starts = applicableRules(pack, subject.customerType, resident, local.toISODate() ?? '')
    .map((r) => periodStart(r.period, local))
    .filter((d): d is Date => d !== null);
  return starts.length === 0 ? [] : priorPurchases(tx, subject.customerId, new Date(Math.min(...starts.map((d) => d.getTime()))));
}
