import { createSecretKey } from 'node:crypto';
import { PERSON_KEY_SECRET_COLUMN, storeLink } from '../../platform/db/schema';
import type { RegisterDb } from '../../platform/db/open';
import type { RegisterTx } from '../../platform/db/transaction';
import { decryptField, lookupHash, type PiiKeys, type PiiLookupKey } from '../../platform/security/pii-crypto';

const PERSON_COLUMN = 'limit_ledger.person';

/**
 * The person behind an ID, for purchase limits: a keyed hash of the
 * issuing jurisdiction and the ID number, normalised so a scanned and a
 * typed check-in of one card are one person. Never the number itself.
 * Keyed with the store's person-key secret when the register belongs to a
 * store with a server (so every register names one person alike and the
 * server's limits see them as one), otherwise with this register's own
 * lookup key.
 */
export function personKeyFor(db: RegisterDb | RegisterTx, keys: PiiKeys, issuer: string, idNumber: string): string {
  return personKeysFor(db, keys, issuer, idNumber).personKey;
}

/**
 * The person's key and, on a register paired with a store server, the key
 * this register gave them before it was paired (its own lookup key): the
 * sales it made before pairing are filed under that one, and still count.
 */
export function personKeysFor(db: RegisterDb | RegisterTx, keys: PiiKeys, issuer: string, idNumber: string): { personKey: string; localKey: string | null } {
  const value = `${issuer.trim().toUpperCase()}:${idNumber.replace(/[\s-]/g, '').toUpperCase()}`;
  const store = storeKey(db, keys);
  const local = lookupHash(keys.lookup, PERSON_COLUMN, value);
  return store === null ? { personKey: local, localKey: null } : { personKey: lookupHash(store, PERSON_COLUMN, value), localKey: local };
}

function storeKey(db: RegisterDb | RegisterTx, keys: PiiKeys): PiiLookupKey | null {
  const row = db.select({ sealed: storeLink.personKeySecretSealed }).from(storeLink).get();
  if (row === undefined) return null;
  return { kind: 'pii-lookup', key: createSecretKey(Buffer.from(decryptField(keys.encryption, PERSON_KEY_SECRET_COLUMN, row.sealed), 'base64url')) };
}
