import { createHmac } from 'node:crypto';
import { decryptField, encryptField, isEncryptedField, type PiiKeys } from '../../platform/security/pii-crypto';

/**
 * A customer's name and birth date, encrypted at rest like their
 * registration number (column name as associated data), with a keyed blind
 * index for the name search at the counter: the HMAC of each prefix of the
 * normalised first and last name. The index reveals which rows share a
 * prefix — the price of searching without decrypting every row — and
 * nothing readable.
 */
export const CUSTOMER_PII_COLUMNS = {
  firstName: 'customers.first_name',
  lastName: 'customers.last_name',
  dateOfBirth: 'customers.date_of_birth',
} as const;

/** Longest prefix indexed; a longer search uses this much of it, then checks the decrypted names. */
export const NAME_TOKEN_MAX = 24;
const TOKEN_CONTEXT = 'customer_name_tokens.token';

export interface CustomerPii {
  readonly firstName: string;
  readonly lastName: string;
  readonly dateOfBirth: string;
}

export function sealCustomerPii(keys: PiiKeys, pii: CustomerPii): CustomerPii {
  return {
    firstName: encryptField(keys.encryption, CUSTOMER_PII_COLUMNS.firstName, pii.firstName),
    lastName: encryptField(keys.encryption, CUSTOMER_PII_COLUMNS.lastName, pii.lastName),
    dateOfBirth: encryptField(keys.encryption, CUSTOMER_PII_COLUMNS.dateOfBirth, pii.dateOfBirth),
  };
}

/** Reads a customer's name and birth date (a row an older build left in clear reads as it is, until start-up seals it). */
export function openCustomerPii(keys: PiiKeys, row: CustomerPii): CustomerPii {
  const open = (column: string, value: string) => (isEncryptedField(value) ? decryptField(keys.encryption, column, value) : value);
  return {
    firstName: open(CUSTOMER_PII_COLUMNS.firstName, row.firstName),
    lastName: open(CUSTOMER_PII_COLUMNS.lastName, row.lastName),
    dateOfBirth: open(CUSTOMER_PII_COLUMNS.dateOfBirth, row.dateOfBirth),
  };
}

export function isSealed(row: CustomerPii): boolean {
  return isEncryptedField(row.firstName) && isEncryptedField(row.lastName) && isEncryptedField(row.dateOfBirth);
}

/** The name as searched: NFKC, trimmed, lower case. */
export function normalizeName(text: string): string {
  return text.normalize('NFKC').trim().toLowerCase();
}

/** Every prefix token of both names, for the blind index. */
export function nameTokens(keys: PiiKeys, firstName: string, lastName: string): string[] {
  const tokens = new Set<string>();
  for (const name of [firstName, lastName]) {
    const normal = normalizeName(name);
    for (let length = 1; length <= Math.min(normal.length, NAME_TOKEN_MAX); length += 1) tokens.add(tokenOf(keys, normal.slice(0, length)));
  }
  return [...tokens];
}

/** The token a search looks up: its first NAME_TOKEN_MAX characters. */
export function searchToken(keys: PiiKeys, text: string): string {
  return tokenOf(keys, normalizeName(text).slice(0, NAME_TOKEN_MAX));
}

function tokenOf(keys: PiiKeys, prefix: string): string {
  return createHmac('sha256', keys.lookup.key).update(TOKEN_CONTEXT, 'utf8').update('\0').update(prefix, 'utf8').digest('base64url');
}
