import { createSecretKey, hkdfSync } from 'node:crypto';
import type { StoreCustomerField } from '../../../shared/contract/store-server';
import { decryptField, encryptField, type PiiEncryptionKey, type PiiKeys } from '../../platform/security/pii-crypto';
import { PERSON_KEY_SECRET_COLUMN, storeLink } from '../../platform/db/schema';
import type { RegisterDb } from '../../platform/db/open';
import type { RegisterTx } from '../../platform/db/transaction';

/**
 * The store's customer key: what a customer's record travels sealed with
 * between the store's registers, through a server that keeps it sealed. It
 * is derived (HKDF) from the secret every register of the store received
 * at pairing — the one its person keys are made with — so each paired
 * register has it and the store server's tables alone reveal nothing. A
 * field is sealed with its name and the customer's id as associated data: a
 * value copied to another field or another customer does not open.
 */

const SALT = Buffer.from('greentill/store/customer-key/v1', 'utf8');
const INFO = 'greentill store customer fields aes-256-gcm v1';

let cached: { readonly secret: string; readonly key: PiiEncryptionKey } | null = null;

export function storeCustomerKey(personKeySecret: string): PiiEncryptionKey {
  if (cached?.secret !== personKeySecret) {
    const key = createSecretKey(Buffer.from(hkdfSync('sha256', Buffer.from(personKeySecret, 'utf8'), SALT, INFO, 32)));
    cached = { secret: personKeySecret, key: { kind: 'pii-encryption', key } };
  }
  return cached.key;
}

/** This register's copy of the store's customer key; null while it is not paired. */
export function storeCustomerKeyOf(db: RegisterDb | RegisterTx, keys: PiiKeys): PiiEncryptionKey | null {
  const row = db.select({ secret: storeLink.personKeySecretSealed }).from(storeLink).get();
  return row === undefined ? null : storeCustomerKey(decryptField(keys.encryption, PERSON_KEY_SECRET_COLUMN, row.secret));
}

/** A field's value (as JSON) sealed for the store. */
export function sealStoreField(key: PiiEncryptionKey, customerId: string, field: StoreCustomerField, value: unknown): string {
  return encryptField(key, contextOf(customerId, field), JSON.stringify(value));
}

/** A field the store sent, opened to its JSON value; throws on a value sealed for another customer or field, or with another key. */
export function openStoreField(key: PiiEncryptionKey, customerId: string, field: StoreCustomerField, sealed: string): unknown {
  return JSON.parse(decryptField(key, contextOf(customerId, field), sealed)) as unknown;
}

const contextOf = (customerId: string, field: StoreCustomerField) => `store_customers.${field}:${customerId}`;
