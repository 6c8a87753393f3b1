import { createCipheriv, createDecipheriv, createSecretKey, randomBytes, type KeyObject } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { AppError } from '../shared/errors';

/**
 * The store server's own sealing key, beside its TLS identity in its data
 * folder (0600): what it must keep but never hold in clear in PostgreSQL —
 * the licence's Metrc keys, the patient and caregiver registration numbers
 * of receipts waiting for Metrc — is sealed with it (AES-256-GCM, the field
 * name as associated data, `v1:<iv>:<ciphertext>:<tag>`, like the
 * register's own sealed fields). A dump of the database alone reveals none
 * of it; a second store-core for the same store runs on the same data
 * folder (its certificate is the one registers pinned anyway).
 */
export interface StoreSealingKey {
  readonly kind: 'store-sealing';
  readonly key: KeyObject;
}

const KEY_FILE = 'store-sealing.key';
const IV_BYTES = 12;
const TAG_BYTES = 16;

export function loadOrCreateSealingKey(dataDir: string): StoreSealingKey {
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const file = join(dataDir, KEY_FILE);
  // 'wx': two store-cores starting at once on one folder never write two different keys.
  if (!existsSync(file)) {
    try {
      writeFileSync(file, randomBytes(32), { mode: 0o600, flag: 'wx' });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
  }
  const bytes = readFileSync(file);
  if (bytes.length !== 32) throw new AppError('STORE_KEY_INVALID', `${file} is not a store sealing key (32 bytes): restore it from the store server's backup.`);
  return { kind: 'store-sealing', key: createSecretKey(bytes) };
}

export function seal(key: StoreSealingKey, field: string, plaintext: string): string {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key.key, iv, { authTagLength: TAG_BYTES });
  cipher.setAAD(Buffer.from(field, 'utf8'));
  const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return ['v1', iv.toString('base64url'), ciphertext.toString('base64url'), cipher.getAuthTag().toString('base64url')].join(':');
}

export function unseal(key: StoreSealingKey, field: string, sealed: string): string {
  const [version, iv, ciphertext, tag] = sealed.split(':');
  if (version !== 'v1' || iv === undefined || ciphertext === undefined || tag === undefined)
    throw new AppError('STORE_UNSEAL_FAILED', `A sealed ${field} on the store server is damaged.`);
  try {
    const decipher = createDecipheriv('aes-256-gcm', key.key, Buffer.from(iv, 'base64url'), { authTagLength: TAG_BYTES });
    decipher.setAAD(Buffer.from(field, 'utf8'));
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    return Buffer.concat([decipher.update(Buffer.from(ciphertext, 'base64url')), decipher.final()]).toString('utf8');
  } catch {
    throw new AppError(
      'STORE_UNSEAL_FAILED',
      `A sealed ${field} cannot be opened with this store server's key: run it on the data folder that sealed it (GREENTILL_STORE_DATA).`,
    );
  }
}
