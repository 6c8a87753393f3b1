import { and, eq } from 'drizzle-orm';
import type { CheckInResult } from '../../../shared/contract/check-in';
import type { CustomerType } from '../../../shared/contract/values';
import { AppError } from '../../../shared/errors';
import { carts, customers } from '../../platform/db/schema';
import type { RegisterDb } from '../../platform/db/open';
import { writeTransaction, type RegisterTx } from '../../platform/db/transaction';
import { businessDay } from '../../../shared/domain/store-calendar';
import { requireOpenCart } from '../checkout/cart';
import { saleLineInputs } from '../checkout/sale-lines';
import { saleSubject } from '../compliance/sale-subject';
import { ageOn } from '../../../shared/domain/compliance/age';
import { buyerOf, caregiversPatient, limitUsage } from '../compliance/gate';
import { rulePackFor } from '../../../shared/domain/compliance/rule-packs';
import { identityViolations, type IdentityFacts } from '../../../shared/domain/compliance/identity';
import { personKeysFor } from '../compliance/person-key';
import { openCustomerPii } from '../customers/customer-pii';
import { medicalRegistrationLookup } from '../customers/pii';
import type { PiiKeys } from '../../platform/security/pii-crypto';
import { recordIdVerification } from './id-verification';
import { presentedId, type IdPresentation, type PresentedId } from './presented-id';

export interface CheckInRequest {
  readonly terminalId: string;
  readonly staffId: string;
  readonly cartId: string;
  readonly saleType: 'adult' | 'medical';
  readonly presentation: IdPresentation;
  readonly medicalRegistration?: string | undefined;
  /** A saved customer picked by name: the ID shown must be theirs. */
  readonly customerId?: string | undefined;
  readonly now: Date;
}

type Customer = typeof customers.$inferSelect;
type Refusal = { readonly code: string; readonly message: string };

/** Who the ID check is for: nobody on file, a saved customer, a patient, or a caregiver with their patient. */
type Buying =
  | { readonly kind: 'anonymous' }
  | { readonly kind: 'saved'; readonly customer: Customer }
  | { readonly kind: 'patient'; readonly customer: Customer }
  | { readonly kind: 'caregiver'; readonly customer: Customer; readonly patient: Customer }
  | { readonly kind: 'not_found'; readonly refusal: Refusal };

/**
 * Checks a customer in from their ID, on every path to the counter (typed,
 * scanned, a saved customer, a patient, a caregiver for their patient). A
 * refusal is an answer, not an error: the check itself is recorded either
 * way (how, by whom, outcome), which is what a regulator asks for. The
 * accepted check names the person (a keyed hash of issuer and number) whose
 * store-day purchases every limit counts. No overrides but residency.
 */
export function checkInCustomer(db: RegisterDb, keys: PiiKeys, request: CheckInRequest): CheckInResult {
  // Parsed before the transaction: an unreadable barcode writes nothing.
  const id = presentedId(request.presentation);
  return writeTransaction(db, (tx) => {
    requireOpenCart(tx, request.cartId, request.terminalId);
    const store = saleSubject(tx, request.terminalId, null, request.saleType, request.now);
    const pack = rulePackFor(store.state);
    const day = businessDay(request.now, store.timeZone);
    const buying = whoIsBuying(tx, keys, store.storeId, request);
    const saleType: CustomerType = buying.kind === 'caregiver' ? 'caregiver' : request.saleType;
    const { personKey, localKey } = personKeysFor(tx, keys, id.issuer, id.idNumber);
    // Residency is read from the ID's issuer (IL limits differ for visitors); a manager may override it later.
    const resident = id.issuer === store.state;
    const refusal = buying.kind === 'not_found' ? buying.refusal : (identityRefusal(pack, saleType, day, id, buying) ?? mismatch(keys, id, buying));
    const record = buying.kind === 'not_found' || buying.kind === 'anonymous' ? null : buying.customer;

    const verificationId = recordIdVerification(tx, keys, {
      storeId: store.storeId,
      customerId: record?.id ?? null,
      saleType: request.saleType === 'medical' ? 'medical' : 'adult_use',
      method: id.method,
      verifiedBy: request.staffId,
      outcome: refusal === null ? 'accepted' : 'refused',
      refusalCode: refusal?.code ?? null,
      issuer: id.issuer,
      personKey,
      localPersonKey: localKey,
      resident,
      expirySource: id.expirySource,
      idData: { idNumber: id.idNumber, dateOfBirth: id.dateOfBirth, expiry: id.expiry ?? '' },
      now: request.now,
    });
    let limits: CheckInResult['limits'] = [];
    if (refusal === null) {
      tx.update(carts)
        .set({ customerId: record?.id ?? null, customerType: saleType, idVerificationId: verificationId, updatedAt: request.now })
        .where(eq(carts.id, request.cartId))
        .run();
      if (record !== null && record.personKey !== personKey) tx.update(customers).set({ personKey }).where(eq(customers.id, record.id)).run();
      const subject = { ...store, customerId: record?.id ?? null, customerType: saleType, idVerificationId: verificationId };
      const usage = limitUsage(tx, pack, saleLineInputs(tx, request.cartId), subject, buyerOf(tx, keys, subject, day));
      limits = usage.map(({ rule, attempted }) => ({
        bucket: rule.bucket,
        limit: rule.limit,
        used: attempted,
        remaining: Math.max(0, rule.limit - attempted),
        unit: rule.unit,
        rule: rule.citation,
        ruleId: rule.id,
        period: rule.period,
      }));
    }
    return {
      outcome: refusal === null ? 'accepted' : 'refused',
      refusal,
      name: `${id.firstName} ${id.lastName}`,
      age: ageOn(id.dateOfBirth, day),
      idExpiry: id.expiry,
      saleType,
      resident,
      issuer: id.issuer,
      method: id.method,
      warnings: [...id.warnings],
      medicalExpiry: buying.kind === 'caregiver' ? buying.patient.medicalExpiry : buying.kind === 'patient' ? buying.customer.medicalExpiry : null,
      limits,
    };
  });
}

/** The same identity rules the sale gate applies, with today's ID in hand. */
function identityRefusal(
  pack: ReturnType<typeof rulePackFor>,
  saleType: IdentityFacts['saleType'],
  day: string,
  id: PresentedId,
  buying: Buying,
): Refusal | null {
  const facts: IdentityFacts = {
    saleType,
    day,
    id: { dateOfBirth: id.dateOfBirth, expiry: id.expiry },
    ...(buying.kind === 'patient' || buying.kind === 'caregiver' ? { card: { expiry: buying.customer.medicalExpiry } } : {}),
    ...(buying.kind === 'caregiver' ? { patient: { cardExpiry: buying.patient.medicalExpiry } } : {}),
  };
  const first = identityViolations(pack, facts)[0];
  return first === undefined ? null : { code: first.code, message: first.message };
}

/** A saved record must be the person holding the ID: same birth date. */
function mismatch(keys: PiiKeys, id: PresentedId, buying: Buying): Refusal | null {
  if (buying.kind !== 'saved' && buying.kind !== 'patient' && buying.kind !== 'caregiver') return null;
  const onFile = openCustomerPii(keys, buying.customer);
  if (onFile.dateOfBirth === id.dateOfBirth) return null;
  const who = buying.kind === 'caregiver' ? 'the caregiver' : `${onFile.firstName} ${onFile.lastName}`;
  return {
    code: 'ID_MISMATCH',
    message: `This ID’s birth date (${id.dateOfBirth}) is not ${who}’s on file: check that the ID belongs to the person at the counter.`,
  };
}

function whoIsBuying(tx: RegisterTx, keys: PiiKeys, storeId: string, request: CheckInRequest): Buying {
  if (request.saleType === 'medical') {
    const found = tx
      .select()
      .from(customers)
      .where(and(eq(customers.storeId, storeId), eq(customers.medicalRegistrationLookup, medicalRegistrationLookup(keys, request.medicalRegistration ?? ''))))
      .get();
    if (found === undefined || found.customerType === 'adult') {
      return {
        kind: 'not_found',
        refusal: {
          code: 'MEDICAL_NOT_REGISTERED',
          message: 'No patient or caregiver with that registration number: register them first, or sell as adult-use if eligible.',
        },
      };
    }
    if (request.customerId !== undefined && request.customerId !== found.id) {
      return {
        kind: 'not_found',
        refusal: { code: 'ID_MISMATCH', message: 'That registration number belongs to someone else than the customer picked: check the card.' },
      };
    }
    if (found.customerType === 'caregiver') {
      try {
        return { kind: 'caregiver', customer: found, patient: caregiversPatient(tx, found.caregiverForId) };
      } catch (error) {
        if (error instanceof AppError) return { kind: 'not_found', refusal: { code: error.code, message: error.message } };
        throw error;
      }
    }
    return { kind: 'patient', customer: found };
  }
  if (request.customerId === undefined) return { kind: 'anonymous' };
  const saved = tx
    .select()
    .from(customers)
    .where(and(eq(customers.id, request.customerId), eq(customers.storeId, storeId)))
    .get();
  if (saved === undefined) throw new AppError('CUSTOMER_NOT_FOUND', 'That customer is not in this store.');
  // A patient or caregiver picked by name and buying adult-use is checked as an adult-use customer on their saved record.
  return { kind: 'saved', customer: saved };
}
