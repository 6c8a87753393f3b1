import { randomBytes } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../../../src/shared/errors';
import {
  decryptField,
  derivePiiKeys,
  encryptField,
  isEncryptedField,
  lookupHash,
  normalizeLookupValue,
} from '../../../../src/main/platform/security/pii-crypto';

const master = Buffer.alloc(32, 7);
const keys = derivePiiKeys(master);
const COL = 'customers.medical_registration';

function decryptErrorReason(encoded: string, column = COL): unknown {
  try {
    decryptField(keys.encryption, column, encoded);
    return 'decrypted';
  } catch (error) {
    if (error instanceof AppError && error.code === 'PII_DECRYPT_FAILED') return error.details?.['reason'];
    throw error;
  }
}

/** Flip one bit in the decoded bytes of segment `index` (1 = iv, 2 = ciphertext, 3 = tag). */
function flipByte(encoded: string, index: number, byte = 0): string {
  const parts = encoded.split(':');
  const bytes = Buffer.from(parts[index] ?? '', 'base64url');
  bytes[byte] = (bytes[byte] ?? 0) ^ 0x01;
  parts[index] = bytes.toString('base64url');
  return parts.join(':');
}

describe('encryptField / decryptField', () => {
  it('round-trips and writes v1:<iv>:<ciphertext>:<tag> with a 12-byte IV and 16-byte tag', () => {
    const encoded = encryptField(keys.encryption, COL, 'MMJ-CO-0042-7781');
    const [v, iv, ct, tag] = encoded.split(':');
    expect(v).toBe('v1');
    expect(Buffer.from(iv ?? '', 'base64url')).toHaveLength(12);
    expect(Buffer.from(ct ?? '', 'base64url')).toHaveLength('MMJ-CO-0042-7781'.length);
    expect(Buffer.from(tag ?? '', 'base64url')).toHaveLength(16);
    expect(isEncryptedField(encoded)).toBe(true);
    expect(isEncryptedField('MMJ-CO-0042-7781')).toBe(false);
    expect(decryptField(keys.encryption, COL, encoded)).toBe('MMJ-CO-0042-7781');
  });

  it('uses a fresh IV: the same value encrypts differently every time', () => {
    const a = encryptField(keys.encryption, COL, 'D1234567');
    const b = encryptField(keys.encryption, COL, 'D1234567');
    expect(a).not.toBe(b);
    expect(a.split(':')[1]).not.toBe(b.split(':')[1]);
  });

  it('round-trips the empty string', () => {
    expect(decryptField(keys.encryption, COL, encryptField(keys.encryption, COL, ''))).toBe('');
  });

  it('the stored string contains no substring of the plaintext, in any common encoding', () => {
    const secret = '1600 Pennsylvania Avenue NW, Washington';
    const encoded = encryptField(keys.encryption, 'customers.address', secret);
    const stored = Buffer.from(encoded, 'utf8');
    for (let i = 0; i + 6 <= secret.length; i++) {
      const piece = secret.slice(i, i + 6);
      expect(encoded).not.toContain(piece);
      expect(encoded).not.toContain(Buffer.from(piece).toString('base64url').slice(1, 7));
      expect(stored.includes(Buffer.from(piece))).toBe(false);
    }
  });

  it.each([
    [1, 'iv'],
    [2, 'ciphertext'],
    [3, 'tag'],
  ])('detects a flipped byte in segment %i (%s)', (index) => {
    const encoded = encryptField(keys.encryption, COL, 'D1234567');
    expect(decryptErrorReason(flipByte(encoded, index))).toBe('authentication');
    expect(decryptErrorReason(flipByte(encoded, index, 5))).toBe('authentication');
  });

  it('refuses a value moved into another column', () => {
    const encoded = encryptField(keys.encryption, 'customers.phone', '3035550123');
    expect(decryptErrorReason(encoded, 'customers.medical_registration')).toBe('authentication');
  });

  it('refuses a value encrypted under another master key', () => {
    const other = derivePiiKeys(randomBytes(32));
    const encoded = encryptField(other.encryption, COL, 'D1234567');
    expect(decryptErrorReason(encoded)).toBe('authentication');
  });

  it('refuses malformed strings, truncated tags and unknown versions without leaking the value', () => {
    const encoded = encryptField(keys.encryption, COL, 'D1234567');
    const [v, iv, ct, tag] = encoded.split(':') as [string, string, string, string];
    const shortTag = Buffer.from(tag, 'base64url').subarray(0, 4).toString('base64url');
    expect(decryptErrorReason(`${v}:${iv}:${ct}:${shortTag}`)).toBe('format'); // GCM would accept a 4-byte tag if not pinned
    expect(decryptErrorReason(`v2:${iv}:${ct}:${tag}`)).toBe('version');
    expect(decryptErrorReason(`${v}:${iv}:${ct}`)).toBe('format');
    expect(decryptErrorReason(`${v}:${iv}:${ct}!:${tag}`)).toBe('format');
    expect(decryptErrorReason('D1234567')).toBe('format');
    let caught: unknown;
    try {
      decryptField(keys.encryption, COL, flipByte(encoded, 2));
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(AppError);
    expect(JSON.stringify((caught as AppError).toValue())).not.toContain('D1234567');
  });

  it('refuses text that cannot survive UTF-8 (lone surrogates) instead of storing something else', () => {
    expect(() => encryptField(keys.encryption, COL, 'ab\uD800cd')).toThrow(AppError);
  });

  it('property: any unicode string round-trips, and only in its own column', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 200 }), fc.constantFrom('customers.phone', 'customers.address', COL), (text, column) => {
        const encoded = encryptField(keys.encryption, column, text);
        expect(decryptField(keys.encryption, column, encoded)).toBe(text);
        expect(() => decryptField(keys.encryption, `${column}_x`, encoded)).toThrow(AppError);
      }),
      { numRuns: 300 },
    );
  });
});

describe('lookupHash', () => {
  it('normalises case, surrounding space, inner spaces and dashes (and full-width digits)', () => {
    expect(normalizeLookupValue('  d123-456 7 ')).toBe('D1234567');
    expect(normalizeLookupValue('Ｄ１２３４５６７')).toBe('D1234567');
    expect(normalizeLookupValue('d123\u2013456\u00A07')).toBe('D1234567'); // en dash, no-break space
    const h = lookupHash(keys.lookup, COL, 'D1234567');
    for (const variant of ['d1234567', ' D123-4567 ', 'd 123 456 7', 'D-1-2-3-4-5-6-7']) expect(lookupHash(keys.lookup, COL, variant)).toBe(h);
    expect(lookupHash(keys.lookup, COL, 'D1234568')).not.toBe(h);
  });

  it('is keyed and separated: other key, other column, or the encryption key give other hashes', () => {
    const h = lookupHash(keys.lookup, COL, 'D1234567');
    expect(h).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(lookupHash(derivePiiKeys(Buffer.alloc(32, 8)).lookup, COL, 'D1234567')).not.toBe(h);
    expect(lookupHash(keys.lookup, 'customers.drivers_licence', 'D1234567')).not.toBe(h);
    // Enc and lookup keys are different HKDF outputs of the same master key.
    const encAsLookup = { kind: 'pii-lookup' as const, key: keys.encryption.key };
    expect(lookupHash(encAsLookup, COL, 'D1234567')).not.toBe(h);
    expect(keys.encryption.key.export().equals(keys.lookup.key.export())).toBe(false);
    expect(keys.encryption.key.export().equals(master)).toBe(false);
  });

  it('derivation is deterministic (a restarted register finds the same rows)', () => {
    expect(lookupHash(derivePiiKeys(Buffer.alloc(32, 7)).lookup, COL, 'D1234567')).toBe(lookupHash(keys.lookup, COL, 'D1234567'));
  });

  it('refuses an empty search and a master key of the wrong size', () => {
    expect(() => lookupHash(keys.lookup, COL, ' - ')).toThrow(AppError);
    expect(() => derivePiiKeys(Buffer.alloc(16))).toThrow(expect.objectContaining({ code: 'KEY_INVALID' }) as Error);
  });

  it('keys do not leak through JSON', () => {
    expect(JSON.stringify(keys)).not.toContain(keys.encryption.key.export().toString('hex'));
    expect(JSON.stringify(keys)).not.toContain(keys.encryption.key.export().toString('base64'));
  });
});
