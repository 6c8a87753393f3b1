import { lookupHash, type PiiKeys } from '../../platform/security/pii-crypto';

const PERSON_COLUMN = 'limit_ledger.person';

/**
 * The person behind an ID, for purchase limits: a keyed hash (HMAC with the
 * store's key, from the key source) of the issuing jurisdiction and the ID
 * number, normalised so a scanned and a typed check-in of one card are one
 * person. Never the number itself.
 */
export function personKeyFor(keys: PiiKeys, issuer: string, idNumber: string): string {
  return lookupHash(keys.lookup, PERSON_COLUMN, `${issuer.trim().toUpperCase()}:${idNumber.replace(/[\s-]/g, '').toUpperCase()}`);
}
