import { createCipheriv, createDecipheriv, createHmac, createSecretKey, hkdfSync, randomBytes } from 'node:crypto';
import type { KeyObject } from 'node:crypto';
import { AppError } from '../../../shared/errors';

/**
 * Field encryption for sensitive columns (ID numbers, medical registration
 * numbers, phone, address).
 *
 * - AES-256-GCM, random 12-byte IV per value, 16-byte tag (the tag length is
 *   pinned on decrypt: GCM otherwise accepts truncated 4-byte tags).
 * - Associated data = the column name, so a ciphertext copied into another
 *   column fails to decrypt. Use table-qualified names
 *   (`customers.medical_registration`) so two tables never share one.
 * - Stored as `v1:<iv>:<ciphertext>:<tag>` (base64url): self-describing, so a
 *   later scheme (e.g. with a key id for rotation) can sit beside it.
 * - `lookupHash` gives an HMAC for exact-match search without decrypting
 *   every row. It reveals equality (two rows with the same ID number share a
 *   hash) — the price of search, and why it is keyed and per column.
 * - Encryption and lookup keys are separate HKDF outputs of one master key.
 *   Keys are KeyObjects, so they do not end up in JSON or logs by accident.
 */
export interface PiiEncryptionKey {
  readonly kind: 'pii-encryption';
  readonly key: KeyObject;
}

export interface PiiLookupKey {
  readonly kind: 'pii-lookup';
  readonly key: KeyObject;
}

export interface PiiKeys {
  readonly encryption: PiiEncryptionKey;
  readonly lookup: PiiLookupKey;
}

export const MASTER_KEY_BYTES = 32;
const HKDF_SALT = Buffer.from('greentill/pii/hkdf-salt/v1', 'utf8');
const ENC_INFO = 'greentill pii aes-256-gcm v1';
const LOOKUP_INFO = 'greentill pii lookup hmac-sha256 v1';

const VERSION = 'v1';
const IV_BYTES = 12;
const TAG_BYTES = 16;

export function derivePiiKeys(masterKey: Buffer): PiiKeys {
  if (masterKey.length !== MASTER_KEY_BYTES) {
    throw new AppError('KEY_INVALID', `The master key must be ${MASTER_KEY_BYTES} bytes.`);
  }
  const derive = (info: string): KeyObject => createSecretKey(Buffer.from(hkdfSync('sha256', masterKey, HKDF_SALT, info, 32)));
  return { encryption: { kind: 'pii-encryption', key: derive(ENC_INFO) }, lookup: { kind: 'pii-lookup', key: derive(LOOKUP_INFO) } };
}

function assertColumn(column: string): void {
  if (column.length === 0 || column.includes('\0')) throw new AppError('INVALID_INPUT', 'An encrypted field needs its column name.');
}

// Lone surrogates cannot survive UTF-8; refuse them rather than store a different string.
const LONE_SURROGATE = /\p{Cs}/u;

export function encryptField(key: PiiEncryptionKey, column: string, plaintext: string): string {
  assertColumn(column);
  if (LONE_SURROGATE.test(plaintext)) throw new AppError('INVALID_INPUT', 'This text contains characters that cannot be stored. Re-enter it.');
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key.key, iv, { authTagLength: TAG_BYTES });
  cipher.setAAD(Buffer.from(column, 'utf8'));
  const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  const tag = cipher.getAuthTag();
  return [VERSION, iv.toString('base64url'), ciphertext.toString('base64url'), tag.toString('base64url')].join(':');
}

export type PiiDecryptFailure = 'format' | 'version' | 'authentication';

function decryptFailed(reason: PiiDecryptFailure, column: string): AppError {
  // Never the value itself: details may reach logs and the UI.
  return new AppError('PII_DECRYPT_FAILED', 'A protected customer field could not be read. It may be damaged; re-enter it or contact support.', {
    reason,
    column,
  });
}

const B64URL = /^[A-Za-z0-9_-]*$/;

/** Strict base64url: Node's decoder silently skips junk, so require the canonical form. */
function decodeSegment(text: string): Buffer | null {
  if (!B64URL.test(text)) return null;
  const bytes = Buffer.from(text, 'base64url');
  return bytes.toString('base64url') === text ? bytes : null;
}

export function decryptField(key: PiiEncryptionKey, column: string, encoded: string): string {
  assertColumn(column);
  const parts = encoded.split(':');
  if (parts[0] !== VERSION) throw decryptFailed(parts.length === 4 ? 'version' : 'format', column);
  if (parts.length !== 4) throw decryptFailed('format', column);
  const [iv, ciphertext, tag] = [decodeSegment(parts[1] ?? ''), decodeSegment(parts[2] ?? ''), decodeSegment(parts[3] ?? '')];
  if (iv === null || ciphertext === null || tag === null || iv.length !== IV_BYTES || tag.length !== TAG_BYTES) throw decryptFailed('format', column);
  const decipher = createDecipheriv('aes-256-gcm', key.key, iv, { authTagLength: TAG_BYTES });
  decipher.setAAD(Buffer.from(column, 'utf8'));
  decipher.setAuthTag(tag);
  try {
    const plain = Buffer.concat([decipher.update(ciphertext), decipher.final()]);
    return plain.toString('utf8');
  } catch {
    throw decryptFailed('authentication', column);
  }
}

/** True for values this module wrote (any version), e.g. to find rows still in plaintext during a migration. */
export function isEncryptedField(value: string): boolean {
  return /^v[0-9]+:[A-Za-z0-9_-]*:[A-Za-z0-9_-]*:[A-Za-z0-9_-]*$/.test(value);
}

/**
 * The normal form used for lookups: NFKC (full-width digits from a scanner
 * or IME become ASCII), trimmed, upper-cased, spaces and dashes removed.
 * "d123-456 7" and "D1234567" find the same customer. Phones: pass digits
 * only (or E.164) — brackets and dots are not stripped here.
 */
export function normalizeLookupValue(value: string): string {
  return value
    .normalize('NFKC')
    .trim()
    .toUpperCase()
    .replace(/[\s\p{Pd}]/gu, '');
}

export function lookupHash(key: PiiLookupKey, column: string, value: string): string {
  assertColumn(column);
  const normalized = normalizeLookupValue(value);
  if (normalized.length === 0) throw new AppError('INVALID_INPUT', 'Enter the number to search for.');
  // The column is part of the input (NUL-separated), so the same number in two columns gives unrelated hashes.
  return createHmac('sha256', key.key).update(column, 'utf8').update('\0').update(normalized, 'utf8').digest('base64url');
}
