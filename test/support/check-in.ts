import type { Core } from '../../src/main/core/create-core';
import type { CheckInResult } from '../../src/shared/contract/check-in';
import { openCustomerPii, type CustomerPii } from '../../src/main/features/customers/customer-pii';
import { testPiiKeys, type TempDatabase } from './temp-db';

/** The demo store's registration numbers (stored encrypted, so tests name them here). */
export const demoRegistrations: Readonly<Record<string, string>> = {
  'customer-demo-medical': 'CA-MMIC-2207841',
  'customer-demo-medical-expired': 'CA-MMIC-1993320',
};

export interface SavedCheckIn {
  /** For a patient or caregiver: their registration number (the demo ones are known). */
  readonly registration?: string;
  /** Adult-use for a saved patient, say. Default: medical for a patient or caregiver, else adult-use. */
  readonly saleType?: 'adult' | 'medical';
  readonly idNumber?: string;
  readonly issuer?: string;
  readonly expiry?: string;
}

/**
 * Checks a saved customer in as the counter does: their ID typed, with the
 * birth date on their record (a patient or caregiver by registration
 * number). Every sale to a saved customer needs this once per store day.
 */
export async function checkInSaved(core: Core, database: TempDatabase, cartId: string, customerId: string, options: SavedCheckIn = {}): Promise<CheckInResult> {
  const sealed = database.sqlite
    .prepare('SELECT customer_type AS type, first_name AS firstName, last_name AS lastName, date_of_birth AS dateOfBirth FROM customers WHERE id = ?')
    .get(customerId) as ({ type: string } & CustomerPii) | undefined;
  if (sealed === undefined) throw new Error(`no customer ${customerId}`);
  const pii = openCustomerPii(testPiiKeys, sealed);
  const row = { type: sealed.type, first: pii.firstName, last: pii.lastName, dob: pii.dateOfBirth };
  const saleType = options.saleType ?? (row.type === 'adult' ? 'adult' : 'medical');
  const registration = options.registration ?? demoRegistrations[customerId];
  if (saleType === 'medical' && registration === undefined) throw new Error(`give the registration number of ${customerId}`);
  const id = {
    idNumber: options.idNumber ?? `T${customerId.replace(/[^A-Za-z0-9]/g, '').slice(-12)}`,
    firstName: row.first,
    lastName: row.last,
    dateOfBirth: row.dob,
    expiry: options.expiry ?? '2031-01-01',
    issuer: options.issuer ?? 'CA',
  };
  const result = await core.send('customer-check-in', {
    cartId,
    saleType,
    method: 'manual',
    id,
    ...(saleType === 'medical' ? { medicalRegistration: registration } : { customerId }),
  });
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
  return result.value;
}
