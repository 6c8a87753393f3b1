import { describe, expect, it } from 'vitest';
import { AppError } from '../../src/shared/errors';
import {
  assertPinPolicy,
  CURRENT_PIN_PARAMS,
  hashPin,
  needsRehash,
  scryptMaxmem,
  verifyPin,
  verifyPinAndUpgrade,
  weakPinReason,
  type ScryptParams,
} from '../../src/staff-pin/pin';

/** Cheap parameters for tests where cost does not matter (the format still records them). */
const FAST: ScryptParams = { N: 2 ** 10, r: 8, p: 1 };

function policyError(pin: string): AppError | undefined {
  try {
    assertPinPolicy(pin);
    return undefined;
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
}

describe('hashPin / verifyPin', () => {
  it('round-trips with the production parameters and records them in the string', async () => {
    const encoded = await hashPin('4821');
    const parts = encoded.split('$');
    expect(parts.slice(0, 4)).toEqual(['scrypt', String(2 ** 15), '8', '1']);
    expect(Buffer.from(parts[4] ?? '', 'base64url')).toHaveLength(16);
    expect(Buffer.from(parts[5] ?? '', 'base64url')).toHaveLength(32);
    expect(encoded).not.toContain('4821');
    expect(await verifyPin('4821', encoded)).toBe(true);
    expect(await verifyPin('4822', encoded)).toBe(false);
  });

  it('refuses a wrong PIN, including prefixes, extensions and the empty string', async () => {
    const encoded = await hashPin('583920', FAST);
    for (const wrong of ['58392', '5839201', '', '583 920', '０583920', '683920']) {
      expect(await verifyPin(wrong, encoded)).toBe(false);
    }
    expect(await verifyPin('583920', encoded)).toBe(true);
  });

  it('uses a fresh salt each time: the same PIN never hashes the same', async () => {
    const hashes = await Promise.all(Array.from({ length: 8 }, () => hashPin('7305', FAST)));
    expect(new Set(hashes).size).toBe(8);
    expect(new Set(hashes.map((h) => h.split('$')[4])).size).toBe(8);
    for (const h of hashes) expect(await verifyPin('7305', h)).toBe(true);
  });

  it('treats a damaged stored hash as a data error, not a wrong PIN', async () => {
    const encoded = await hashPin('7305', FAST);
    const damaged = [
      'not-a-hash',
      encoded.replace('scrypt$', 'bcrypt$'),
      encoded.replace(`$${FAST.N}$`, '$1000$'), // not a power of two
      encoded.replace(`$${FAST.N}$`, `$${2 ** 30}$`), // would allocate gigabytes
      encoded.split('$').slice(0, 5).join('$'),
      `${encoded}$extra`,
    ];
    for (const bad of damaged) {
      await expect(verifyPin('7305', bad)).rejects.toMatchObject({ code: 'PIN_HASH_INVALID' });
    }
  });

  it('sizes maxmem above what OpenSSL needs for the chosen parameters', () => {
    // 128·N·r = 32 MiB; Node's default maxmem of 32 MiB is too small for it.
    expect(scryptMaxmem(CURRENT_PIN_PARAMS)).toBeGreaterThan(32 * 1024 * 1024);
  });
});

describe('needsRehash', () => {
  it('is false for a hash at the current parameters and true for weaker or different ones', async () => {
    const current = await hashPin('7305');
    const old = await hashPin('7305', FAST);
    expect(needsRehash(current)).toBe(false);
    expect(needsRehash(old)).toBe(true);
    expect(needsRehash(current, { ...CURRENT_PIN_PARAMS, N: 2 ** 16 })).toBe(true);
    expect(needsRehash('garbage')).toBe(true);
  });

  it('verifyPinAndUpgrade returns a new current-parameter hash only after a right PIN', async () => {
    const old = await hashPin('7305', FAST);
    const wrong = await verifyPinAndUpgrade('7306', old);
    expect(wrong).toEqual({ ok: false });
    const right = await verifyPinAndUpgrade('7305', old);
    expect(right.ok).toBe(true);
    expect(right.upgradedHash).toBeDefined();
    const upgraded = right.upgradedHash ?? '';
    expect(needsRehash(upgraded)).toBe(false);
    expect(await verifyPin('7305', upgraded)).toBe(true);
    expect(await verifyPinAndUpgrade('7305', upgraded)).toEqual({ ok: true });
  });
});

describe('PIN policy', () => {
  it.each([
    ['123', 'PIN_INVALID_FORMAT'],
    ['123456789', 'PIN_INVALID_FORMAT'],
    ['12a4', 'PIN_INVALID_FORMAT'],
    [' 4821', 'PIN_INVALID_FORMAT'],
    ['٤٨٢١', 'PIN_INVALID_FORMAT'], // Arabic-Indic digits
    ['', 'PIN_INVALID_FORMAT'],
  ])('refuses %j as %s', (pin, code) => {
    expect(policyError(pin)?.code).toBe(code);
  });

  it.each([
    ['0000', 'one_digit'],
    ['77777777', 'one_digit'],
    ['1234', 'sequence'],
    ['0123', 'sequence'],
    ['12345678', 'sequence'],
    ['4321', 'sequence'],
    ['98765', 'sequence'],
    ['1212', 'repeated_pattern'],
    ['123123', 'repeated_pattern'],
    ['69696969', 'repeated_pattern'],
    ['2000', 'common'],
    ['4200', 'common'],
    ['0420', 'common'],
  ])('refuses the weak PIN %j (%s) with PIN_TOO_WEAK and a message', async (pin, reason) => {
    const error = policyError(pin);
    expect(error?.code).toBe('PIN_TOO_WEAK');
    expect(error?.details).toEqual({ reason });
    expect(error?.message.length).toBeGreaterThan(20);
    await expect(hashPin(pin, FAST)).rejects.toMatchObject({ code: 'PIN_TOO_WEAK' });
  });

  it.each(['4821', '7305', '1235', '90817263', '13579'])('accepts %j', (pin) => {
    expect(policyError(pin)).toBeUndefined();
    expect(weakPinReason(pin)).toBeNull();
  });

  it('still verifies a PIN set under an older, looser policy', async () => {
    // Simulate a legacy hash of "1111" by hashing under the same parameters without the policy.
    const legacy = (await hashPin('4821', FAST)).split('$');
    const { scryptSync } = await import('node:crypto');
    const salt = Buffer.from(legacy[4] ?? '', 'base64url');
    legacy[5] = scryptSync('1111', salt, 32, { N: FAST.N, r: FAST.r, p: FAST.p }).toString('base64url');
    expect(await verifyPin('1111', legacy.join('$'))).toBe(true);
  });
});
