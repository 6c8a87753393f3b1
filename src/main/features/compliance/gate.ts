import { eq, sql } from 'drizzle-orm';
import { AppError } from '../../../shared/errors';
import { customers, idVerifications } from '../../platform/db/schema';
import type { RegisterTx } from '../../platform/db/transaction';
import type { RegisterDb } from '../../platform/db/open';
import { preparedOnce } from '../../platform/db/prepared';
import { businessDay } from '../../../shared/domain/store-calendar';
import { cartLimitItem } from './purchase-history';
import type { CheckCompliance, ComplianceDecision } from './decision';
import type { SaleLineInput } from '../../../shared/domain/pricing/sale-line';
import type { SaleSubject } from './sale-subject';
import { openCustomerPii } from '../customers/customer-pii';
import type { PiiKeys } from '../../platform/security/pii-crypto';
import { identityViolations, type IdentityFacts } from '../../../shared/domain/compliance/identity';
import { applicableRules, evaluateLimits, firstDayOfPeriod, type LimitUsage } from '../../../shared/domain/compliance/limit-evaluation';
import { ledgerHistory, purchasesUnknownToState, type LimitHolder } from './limit-ledger';
import type { StateRulePack } from '../../../shared/domain/compliance/limit-rule';
import { limitViolations, type Violation } from '../../../shared/domain/compliance/purchase-check';
import { stateAllotmentViolations } from './state-allotment';
import { rulePackFor } from '../../../shared/domain/compliance/rule-packs';

type Customer = typeof customers.$inferSelect;

/**
 * Who is buying, as the limits see them: today's accepted ID check (every
 * sale has one, whichever way the customer reached the counter), the limit
 * holder (a caregiver buys within their patient's limits), residency, and
 * the cards that must be valid.
 */
export interface Buyer {
  readonly holder: LimitHolder;
  readonly resident: boolean;
  /** The limit holder's birth date, for age-banded rules (CO 18–20); null: unknown, every band applies. */
  readonly holderDateOfBirth: string | null;
  readonly card?: IdentityFacts['card'];
  readonly patient?: IdentityFacts['patient'];
}

/**
 * The compliance gate every sale passes inside its transaction: a customer
 * whose ID was checked and accepted today, of the sale type the state
 * offers, with valid medical cards where they apply, within every purchase
 * limit counting everything the same person bought in each rule's period —
 * at any terminal, checked in any way. No overrides: a refusal explains
 * itself and the sale is not written.
 */
export function complianceGate(keys: PiiKeys): CheckCompliance {
  return (tx, lines, subject) => checkSaleCompliance(tx, keys, lines, subject);
}

function checkSaleCompliance(tx: RegisterTx, keys: PiiKeys, lines: readonly SaleLineInput[], subject: SaleSubject): ComplianceDecision {
  // An unknown state refuses every sale rather than selling unchecked.
  const pack = rulePackFor(subject.state);
  const day = businessDay(subject.at, subject.timeZone);
  const buyer = buyerOf(tx, keys, subject, day);
  const identity = identityViolations(pack, {
    saleType: subject.customerType,
    day,
    ...(buyer.card === undefined ? {} : { card: buyer.card }),
    ...(buyer.patient === undefined ? {} : { patient: buyer.patient }),
  });
  const limits = limitViolations(limitUsage(tx, pack, lines, subject, buyer));
  const state = stateDecision(tx, subject, lines, day, buyer.holder);
  const violations = [...identity, ...limits, ...state.violations];
  return {
    allowed: violations.length === 0,
    rulePack: pack.version,
    verifiedOnline: state.verifiedOnline,
    stateVerification: state.verification,
    violations,
    holder: buyer.holder,
  };
}

/**
 * The buyer behind a cart: it must carry an ID check accepted today for the
 * customer on it (a saved customer picked by name shows their ID at every
 * visit too: ID expiry and age are checked each store day).
 */
export function buyerOf(tx: RegisterDb | RegisterTx, keys: PiiKeys, subject: SaleSubject, day: string): Buyer {
  const check = subject.idVerificationId == null ? undefined : idCheckById(tx).get({ id: subject.idVerificationId });
  const fits =
    check !== undefined &&
    check.outcome === 'accepted' &&
    businessDay(check.verifiedAt, subject.timeZone) === day &&
    (check.customerId ?? null) === (subject.customerId ?? null);
  if (!fits) {
    throw new AppError(
      'CHECK_IN_REQUIRED',
      subject.customerId === null
        ? 'Check the customer in (scan or type their ID) before completing the sale.'
        : 'Check this customer’s ID (scan or type it) before completing the sale: the ID is checked at every visit.',
    );
  }
  if (subject.customerId === null) {
    return {
      holder: { personKey: check.personKey, customerId: null, customerIds: [], aliasKeys: aliasesOf(check) },
      resident: check.resident ?? false,
      holderDateOfBirth: null,
    };
  }
  const customer = customerRow(tx, subject.customerId, 'CUSTOMER_NOT_FOUND', 'The checked-in customer is not in this store.');
  const resident = check.resident ?? customer.resident;
  if (subject.customerType === 'caregiver') {
    const patient = caregiversPatient(tx, customer.caregiverForId);
    return {
      holder: { personKey: patient.personKey, customerId: patient.id, customerIds: [patient.id] },
      resident,
      holderDateOfBirth: openCustomerPii(keys, patient).dateOfBirth,
      card: { expiry: customer.medicalExpiry },
      patient: { cardExpiry: patient.medicalExpiry },
    };
  }
  return {
    holder: { personKey: check.personKey, customerId: customer.id, customerIds: [customer.id], aliasKeys: aliasesOf(check) },
    resident,
    holderDateOfBirth: openCustomerPii(keys, customer).dateOfBirth,
    ...(subject.customerType === 'medical' ? { card: { expiry: customer.medicalExpiry } } : {}),
  };
}

/** The person under this register's pre-pairing key too, when today's check-in recorded it. */
function aliasesOf(check: { readonly localPersonKey: string | null }): string[] {
  return check.localPersonKey === null ? [] : [check.localPersonKey];
}

function customerRow(tx: RegisterDb | RegisterTx, id: string, code: string, message: string): Customer {
  const row = customerById(tx).get({ id });
  if (row === undefined) throw new AppError(code, message);
  return row;
}

export function caregiversPatient(tx: RegisterDb | RegisterTx, patientId: string | null): Customer {
  const patient = patientId === null ? undefined : customerById(tx).get({ id: patientId });
  if (patient === undefined)
    throw new AppError('CAREGIVER_NO_PATIENT', 'This caregiver has no registered patient on file: register the patient and link the caregiver first.');
  return patient;
}

// Every sale and limit check reads these: prepared once per connection (issue #18).
const idCheckById = preparedOnce((db) =>
  db
    .select()
    .from(idVerifications)
    .where(eq(idVerifications.id, sql.placeholder('id')))
    .prepare(),
);

const customerById = preparedOnce((db) =>
  db
    .select()
    .from(customers)
    .where(eq(customers.id, sql.placeholder('id')))
    .prepare(),
);

/** How much of each limit the buyer's history in each rule's period and this cart use. */
export function limitUsage(
  tx: RegisterDb | RegisterTx,
  pack: StateRulePack,
  lines: readonly SaleLineInput[],
  subject: SaleSubject,
  buyer: Buyer,
): LimitUsage[] {
  const day = businessDay(subject.at, subject.timeZone);
  const firstDays = applicableRules(pack, subject.customerType, buyer.resident, day)
    .map((r) => firstDayOfPeriod(r.period, day))
    .filter((d): d is string => d !== null)
    .sort();
  const first = firstDays[0];
  const prior = first === undefined ? [] : ledgerHistory(tx, buyer.holder, first, subject.cartId ?? null);
  return evaluateLimits(pack, {
    customerType: subject.customerType,
    resident: buyer.resident,
    at: subject.at,
    timeZone: subject.timeZone,
    prior,
    cart: lines.map(cartLimitItem),
    dateOfBirth: buyer.holderDateOfBirth,
  });
}

/**
 * Where the state holds the patient's standing and allotment, its answer
 * counts too: asked now (verified online) or, offline, the last answer on
 * file. Either way, what this store sold the patient that the state has
 * not yet acknowledged (and, offline, everything since the answer) is taken
 * off what the state says is left.
 */
function stateDecision(
  tx: RegisterTx,
  subject: SaleSubject,
  lines: readonly SaleLineInput[],
  day: string,
  holder: LimitHolder,
): { violations: Violation[]; verifiedOnline: boolean; verification: NonNullable<ComplianceDecision['stateVerification']> | null } {
  const check = subject.stateCheck ?? null;
  if (subject.customerType === 'adult' || check === null) return { violations: [], verifiedOnline: false, verification: null };
  const unknownToState = purchasesUnknownToState(tx, holder, check.source === 'last_known' ? check.at : null, subject.cartId ?? null);
  return {
    violations: stateAllotmentViolations(check, lines.map(cartLimitItem), unknownToState, day),
    verifiedOnline: check.source === 'online',
    verification: { source: check.source, checkedAt: check.at?.toISOString() ?? null, ...(check.source === 'last_known' ? { note: check.reason } : {}) },
  };
}
