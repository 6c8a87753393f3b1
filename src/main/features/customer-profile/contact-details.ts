import { and, eq, isNull } from 'drizzle-orm';
import { contactEmail, contactPhone } from '../../../shared/domain/customers/contact-details';
import type { RegisterDb } from '../../platform/db/open';
import { customers } from '../../platform/db/schema';
import type { RegisterTx } from '../../platform/db/transaction';
import { decryptField, encryptField, type PiiKeys } from '../../platform/security/pii-crypto';
import { emailLookup } from '../notifications/email-consent';
import { phoneLookup } from '../notifications/ledger';
import { PII_COLUMNS } from '../customers/pii';

/**
 * A customer's phone and email, sealed at rest like their name (the column
 * name is the cipher's associated data), each with a keyed blind index so
 * the counter finds a customer by either without the clear value being
 * queryable. Each index is its consent ledger's own hash (the SMS ledger's
 * for the phone, the email ledger's for the address): the customer's
 * opt-ins are found from their record, and a STOP texted from that number
 * reaches their record, without either table holding the value in clear.
 */
const COLUMNS = { phone: PII_COLUMNS.phone, email: PII_COLUMNS.email } as const;

type Reader = RegisterDb | RegisterTx;

/** What a change asks for: a value sets it, null removes it, absent leaves it as it is. */
export interface ContactChange {
  readonly phone?: string | null | undefined;
  readonly email?: string | null | undefined;
}

export interface ContactDetails {
  readonly phone: string | null;
  readonly email: string | null;
}

export type ContactFieldChange = 'set' | 'removed' | 'unchanged';

/** Validates everything first (bad input writes nothing), then seals and writes the changed fields. */
export function writeContactDetails(
  tx: RegisterTx,
  keys: PiiKeys,
  customerId: string,
  change: ContactChange,
): { phone: ContactFieldChange; email: ContactFieldChange } {
  const phone = change.phone === undefined || change.phone === null ? change.phone : contactPhone(change.phone);
  const email = change.email === undefined || change.email === null ? change.email : contactEmail(change.email);
  const set: Partial<typeof customers.$inferInsert> = {};
  if (phone !== undefined) Object.assign(set, phone === null ? { phone: null, phoneLookup: null } : sealPhone(keys, phone));
  if (email !== undefined) Object.assign(set, email === null ? { email: null, emailLookup: null } : sealEmail(keys, email));
  if (Object.keys(set).length > 0) tx.update(customers).set(set).where(eq(customers.id, customerId)).run();
  const what = (value: string | null | undefined): ContactFieldChange => (value === undefined ? 'unchanged' : value === null ? 'removed' : 'set');
  return { phone: what(phone), email: what(email) };
}

export function sealPhone(keys: PiiKeys, phone: string): { phone: string; phoneLookup: string } {
  return { phone: encryptField(keys.encryption, COLUMNS.phone, phone), phoneLookup: phoneLookup(keys, phone) };
}

export function sealEmail(keys: PiiKeys, email: string): { email: string; emailLookup: string } {
  return { email: encryptField(keys.encryption, COLUMNS.email, email), emailLookup: emailLookup(keys, email) };
}

export function openContactDetails(keys: PiiKeys, row: { phone: string | null; email: string | null }): ContactDetails {
  return {
    phone: row.phone === null ? null : decryptField(keys.encryption, COLUMNS.phone, row.phone),
    email: row.email === null ? null : decryptField(keys.encryption, COLUMNS.email, row.email),
  };
}

/**
 * The customers of this store with this phone number or email address (a
 * text with an @ is an email), through the blind index alone; records merged
 * into another are left out. Malformed input is refused as when it is saved.
 */
export function findCustomersByContact(db: Reader, keys: PiiKeys, storeId: string, contact: string) {
  const byEmail = contact.includes('@');
  const match = byEmail ? eq(customers.emailLookup, emailLookup(keys, contact)) : eq(customers.phoneLookup, phoneLookup(keys, contactPhone(contact)));
  return db
    .select()
    .from(customers)
    .where(and(match, eq(customers.storeId, storeId), isNull(customers.mergedInto)))
    .all();
}
