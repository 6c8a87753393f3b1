import { and, eq } from 'drizzle-orm';
import type { CheckInResult } from '../../shared/contract/check-in';
import { carts, customers } from '../db/schema';
import type { RegisterDb } from '../db/open';
import { writeTransaction, type RegisterTx } from '../db/transaction';
import { businessDay } from '../checkout/business-day';
import { requireOpenCart } from '../checkout/cart';
import { saleLineInputs } from '../checkout/sale-lines';
import { saleSubject } from '../checkout/sale-subject';
import { ageOn } from '../compliance-gate/age';
import { limitUsage, rulePackFor } from '../compliance-gate/gate';
import { medicalRegistrationLookup } from '../customers/pii';
import type { PiiKeys } from '../security/pii-crypto';
import { recordIdVerification } from './id-verification';

export interface CheckInRequest {
  readonly terminalId: string;
  readonly staffId: string;
  readonly cartId: string;
  readonly saleType: 'adult' | 'medical';
  readonly method: 'scanned' | 'manual';
  readonly id: { readonly idNumber: string; readonly firstName: string; readonly lastName: string; readonly dateOfBirth: string; readonly expiry: string; readonly issuer?: string | undefined };
  readonly medicalRegistration?: string | undefined;
  readonly now: Date;
}

type Refusal = { readonly code: string; readonly message: string };

/**
 * Checks a customer in from their ID. A refusal is an answer, not an error:
 * the check itself is recorded either way (how, by whom, outcome), which is
 * what a regulator asks for. No overrides: the budtender is told why.
 */
export function checkInCustomer(db: RegisterDb, keys: PiiKeys, request: CheckInRequest): CheckInResult {
  return writeTransaction(db, (tx) => {
    requireOpenCart(tx, request.cartId, request.terminalId);
    const store = saleSubject(tx, request.terminalId, null, request.saleType, request.now);
    const pack = rulePackFor(store.state);
    const day = businessDay(request.now, store.timeZone);
    const age = ageOn(request.id.dateOfBirth, day);
    const patient = request.saleType === 'medical' ? findPatient(tx, keys, store.storeId, request.medicalRegistration ?? '') : undefined;
    const refusal = refusalFor(request, { day, age, minimumAge: pack.ages.find((a) => a.customerType === request.saleType)?.minimumAge ?? 21, patient });

    const verificationId = recordIdVerification(tx, keys, {
      storeId: store.storeId,
      customerId: patient?.id ?? null,
      saleType: request.saleType === 'medical' ? 'medical' : 'adult_use',
      method: request.method,
      verifiedBy: request.staffId,
      outcome: refusal === null ? 'accepted' : 'refused',
      refusalCode: refusal?.code ?? null,
      issuer: request.id.issuer ?? null,
      idData: { idNumber: request.id.idNumber, dateOfBirth: request.id.dateOfBirth, expiry: request.id.expiry },
      now: request.now,
    });
    if (refusal === null) {
      tx.update(carts)
        .set({ customerId: patient?.id ?? null, customerType: request.saleType, idVerificationId: verificationId, updatedAt: request.now })
        .where(eq(carts.id, request.cartId))
        .run();
    }
    const subject = { ...store, customerId: patient?.id ?? null, customerType: request.saleType };
    const usage = refusal === null ? limitUsage(tx, pack, saleLineInputs(tx, request.cartId), subject, patient?.resident ?? true, request.id.dateOfBirth) : [];
    return {
      outcome: refusal === null ? 'accepted' : 'refused',
      refusal,
      name: `${request.id.firstName} ${request.id.lastName}`,
      age,
      idExpiry: request.id.expiry,
      saleType: request.saleType,
      medicalExpiry: patient?.medicalExpiry ?? null,
      limits: usage.map(({ rule, attempted }) => ({ bucket: rule.bucket, limit: rule.limit, used: attempted, remaining: Math.max(0, rule.limit - attempted), unit: rule.unit, rule: rule.citation })),
    };
  });
}

function refusalFor(request: CheckInRequest, facts: { day: string; age: number; minimumAge: number; patient: typeof customers.$inferSelect | undefined }): Refusal | null {
  if (request.id.dateOfBirth >= facts.day) return { code: 'ID_DATES_INVALID', message: `The birth date ${request.id.dateOfBirth} cannot be right: check the ID.` };
  if (request.id.expiry < facts.day) return { code: 'ID_EXPIRED', message: `This ID expired on ${request.id.expiry}: it cannot be accepted. Ask for a valid ID.` };
  if (facts.age < facts.minimumAge) return { code: 'UNDERAGE', message: `The customer is ${facts.age}: ${facts.minimumAge} is the minimum for ${request.saleType === 'medical' ? 'a medical' : 'an adult-use'} sale.` };
  if (request.saleType === 'medical') {
    if (facts.patient === undefined) return { code: 'MEDICAL_NOT_REGISTERED', message: 'No patient with that registration number: register the patient first, or sell as adult-use if eligible.' };
    if (facts.patient.medicalExpiry === null || facts.patient.medicalExpiry < facts.day) {
      return { code: 'MEDICAL_EXPIRED', message: `The medical card expired on ${facts.patient.medicalExpiry ?? 'an unknown date'}: renew through the state portal. The customer may buy as adult-use if eligible.` };
    }
  }
  return null;
}

function findPatient(tx: RegisterTx, keys: PiiKeys, storeId: string, registration: string) {
  return tx
    .select()
    .from(customers)
    .where(and(eq(customers.storeId, storeId), eq(customers.medicalRegistrationLookup, medicalRegistrationLookup(keys, registration))))
    .get();
}
