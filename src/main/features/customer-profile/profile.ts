import { maskedEmail, maskedPhone } from '../../../shared/domain/customers/contact-details';
import { AppError } from '../../../shared/errors';
import type { RegisterDb } from '../../platform/db/open';
import type { customers } from '../../platform/db/schema';
import type { RegisterTx } from '../../platform/db/transaction';
import type { PiiKeys } from '../../platform/security/pii-crypto';
import { openCustomerPii } from '../customers/customer-pii';
import { liveCustomer } from '../customers/merge';
import { storeIdOfTerminal } from '../store/terminal';
import { openContactDetails } from './contact-details';
import { emailOptInOf } from './email-opt-ins';
import { preferencesOf } from './preferences';
import { smsOptInsOf } from './sms-opt-ins';

type Reader = RegisterDb | RegisterTx;
type CustomerRow = typeof customers.$inferSelect;

/** A live customer record of the store this terminal belongs to, or a typed refusal. */
export function customerOfThisStore(db: Reader, terminalId: string, customerId: string): CustomerRow {
  const row = liveCustomer(db, customerId);
  if (row.storeId !== storeIdOfTerminal(db, terminalId)) throw new AppError('CUSTOMER_NOT_FOUND', 'That customer is not in this store.');
  return row;
}

/** The card's summary of a customer row: name, type, medical expiry. */
export function summaryOf(keys: PiiKeys, row: CustomerRow) {
  return { customerId: row.id, customerType: row.customerType, ...openCustomerPii(keys, row), medicalExpiry: row.medicalExpiry };
}

/** The customer card: the contact details masked (the counter confirms them with the customer, it never reads them out). */
export function profileOf(db: Reader, keys: PiiKeys, row: CustomerRow) {
  const contact = openContactDetails(keys, row);
  return {
    ...summaryOf(keys, row),
    phone: contact.phone === null ? null : maskedPhone(contact.phone),
    email: contact.email === null ? null : maskedEmail(contact.email),
    smsOptIns: smsOptInsOf(db, keys, contact.phone),
    emailMarketing: emailOptInOf(db, keys, contact.email),
    preferences: preferencesOf(db, keys, row.storeId, row.preferences),
  };
}
