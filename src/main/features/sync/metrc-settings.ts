import { eq } from 'drizzle-orm';
import type { RegisterDb } from '../../platform/db/open';
import type { RegisterTx } from '../../platform/db/transaction';
import { metrcSettings } from '../../platform/db/schema';
import { decryptField, encryptField, type PiiKeys } from '../../platform/security/pii-crypto';
import type { MetrcApiVersion } from '../../../metrc/adapter';

/** The column names are the ciphertexts' associated data: a key copied into the other column will not decrypt. */
const VENDOR_KEY_COLUMN = 'metrc_settings.vendor_key_sealed';
const USER_KEY_COLUMN = 'metrc_settings.user_key_sealed';

export interface MetrcSettings {
  readonly baseUrl: string;
  readonly apiVersion: MetrcApiVersion;
  readonly licenseNumber: string;
  readonly vendorKey: string;
  readonly userKey: string;
  readonly enabled: boolean;
}

/** Saves the store's Metrc connection, the API keys encrypted with the register's data key. */
export function saveMetrcSettings(db: RegisterDb | RegisterTx, keys: PiiKeys, storeId: string, settings: MetrcSettings, by: string | null, now: Date): void {
  const row = {
    storeId,
    baseUrl: settings.baseUrl,
    apiVersion: settings.apiVersion,
    licenseNumber: settings.licenseNumber,
    vendorKeySealed: encryptField(keys.encryption, VENDOR_KEY_COLUMN, settings.vendorKey),
    userKeySealed: encryptField(keys.encryption, USER_KEY_COLUMN, settings.userKey),
    enabled: settings.enabled,
    updatedAt: now,
    updatedBy: by,
  };
  db.insert(metrcSettings).values(row).onConflictDoUpdate({ target: metrcSettings.storeId, set: row }).run();
}

/** The connection with the keys decrypted (for the dispatcher only: never sent to the renderer). */
export function loadMetrcSettings(db: RegisterDb, keys: PiiKeys, storeId: string): MetrcSettings | null {
  const row = db.select().from(metrcSettings).where(eq(metrcSettings.storeId, storeId)).get();
  if (row === undefined) return null;
  return {
    baseUrl: row.baseUrl,
    apiVersion: row.apiVersion,
    licenseNumber: row.licenseNumber,
    vendorKey: decryptField(keys.encryption, VENDOR_KEY_COLUMN, row.vendorKeySealed),
    userKey: decryptField(keys.encryption, USER_KEY_COLUMN, row.userKeySealed),
    enabled: row.enabled,
  };
}

/** Whether the store has a Metrc connection saved (without decrypting anything). */
export function metrcConfigured(db: RegisterDb, storeId: string): boolean {
  return db.select({ storeId: metrcSettings.storeId }).from(metrcSettings).where(eq(metrcSettings.storeId, storeId)).get() !== undefined;
}
