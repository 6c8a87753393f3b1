import { eq } from 'drizzle-orm';
import type { RegisterDb } from '../../platform/db/open';
import type { RegisterTx } from '../../platform/db/transaction';
import { menuSettings } from '../../platform/db/schema';
import { decryptField, encryptField, type PiiKeys } from '../../platform/security/pii-crypto';

/** The column name is the ciphertext's associated data: a value copied from another column will not decrypt. */
const SECRET_COLUMN = 'menu_settings.secret_sealed';

export interface MenuSettings {
  /** https, or http on this computer only (a local integration bridge). */
  readonly endpointUrl: string;
  /** Shared with the menu platform; signs every request (HMAC-SHA256). */
  readonly secret: string;
  readonly enabled: boolean;
}

/** Saves where the store's online menu receives stock changes, the signing secret encrypted with the register's data key. */
export function saveMenuSettings(db: RegisterDb | RegisterTx, keys: PiiKeys, storeId: string, settings: MenuSettings, by: string | null, now: Date): void {
  const row = {
    storeId,
    endpointUrl: settings.endpointUrl,
    secretSealed: encryptField(keys.encryption, SECRET_COLUMN, settings.secret),
    enabled: settings.enabled,
    updatedAt: now,
    updatedBy: by,
  };
  db.insert(menuSettings).values(row).onConflictDoUpdate({ target: menuSettings.storeId, set: row }).run();
}

/** The settings with the secret decrypted (for the dispatcher only: never sent to the renderer). */
export function loadMenuSettings(db: RegisterDb, keys: PiiKeys, storeId: string): MenuSettings | null {
  const row = db.select().from(menuSettings).where(eq(menuSettings.storeId, storeId)).get();
  if (row === undefined) return null;
  return { endpointUrl: row.endpointUrl, secret: decryptField(keys.encryption, SECRET_COLUMN, row.secretSealed), enabled: row.enabled };
}

/** What the settings form may see: never the secret. */
export function menuSettingsView(
  db: RegisterDb,
  storeId: string,
): { configured: boolean; endpointUrl: string | null; enabled: boolean; updatedAt: string | null } {
  const row = db
    .select({ endpointUrl: menuSettings.endpointUrl, enabled: menuSettings.enabled, updatedAt: menuSettings.updatedAt })
    .from(menuSettings)
    .where(eq(menuSettings.storeId, storeId))
    .get();
  if (row === undefined) return { configured: false, endpointUrl: null, enabled: false, updatedAt: null };
  return { configured: true, endpointUrl: row.endpointUrl, enabled: row.enabled, updatedAt: row.updatedAt.toISOString() };
}
