import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto';
import { AppError } from '../shared/errors';

/**
 * Staff PIN hashing.
 *
 * A 4–8 digit PIN has at most 10^8 values, so a stolen database can always be
 * brute-forced offline; the hash only makes that slow and per-staff (salted),
 * and memory-hard so GPUs gain little. The real defence is online: lockout
 * (see lockout.ts) and the database key staying on the machine.
 *
 * Cost choice: scrypt N=2^15, r=8, p=1 needs 128·N·r = 32 MiB per hash and
 * takes ~65 ms on one core of a 2-core till (measured 2025, Node 20) — slow
 * enough to cost an attacker, fast enough that a budtender does not notice.
 * The async scrypt runs on the libuv thread pool, so the main process event
 * loop never blocks. Parameters are stored with each hash, so they can be
 * raised later: `needsRehash` says when to re-hash after a successful login.
 */
export interface ScryptParams {
  /** CPU/memory cost, a power of two. */
  readonly N: number;
  /** Block size. */
  readonly r: number;
  /** Parallelisation. */
  readonly p: number;
}

export const CURRENT_PIN_PARAMS: ScryptParams = { N: 2 ** 15, r: 8, p: 1 };

const SALT_BYTES = 16;
const HASH_BYTES = 32;
const SCHEME = 'scrypt';

/**
 * Bounds for parameters read back from the database: a tampered row must not
 * make us allocate gigabytes (scrypt memory = 128·N·r bytes).
 */
const MIN_LOG2_N = 10;
const MAX_LOG2_N = 20;
const MAX_R = 32;
const MAX_P = 16;
const MAX_MEMORY_BYTES = 256 * 1024 * 1024;

/**
 * OpenSSL needs 128·r·(N+2) + 128·r·p bytes; Node's default maxmem (32 MiB)
 * is exactly too small for N=2^15, r=8. Allow the need plus 1 MiB headroom.
 */
export function scryptMaxmem(params: ScryptParams): number {
  return 128 * params.r * (params.N + 2) + 128 * params.r * params.p + 1024 * 1024;
}

// ---------- PIN policy ----------

export const PIN_MIN_DIGITS = 4;
export const PIN_MAX_DIGITS = 8;

/**
 * PINs people pick that the pattern rules below do not already catch. Data,
 * not ifs: the list can grow. Dates-as-PINs (2000, 2001) and the 420 family
 * are the ones a dispensary's staff would reach for first.
 */
export const COMMON_WEAK_PINS: readonly string[] = ['1004', '2000', '2001', '1122', '4200', '0420', '4204', '7420', '0710'];

export type WeakPinReason = 'one_digit' | 'sequence' | 'repeated_pattern' | 'common';

const WEAK_PIN_MESSAGES: Record<WeakPinReason, string> = {
  one_digit: 'That PIN is one digit repeated. Choose digits that are not all the same.',
  sequence: 'That PIN is a run like 1234 or 4321. Choose digits that are not in order.',
  repeated_pattern: 'That PIN repeats a short pattern like 1212. Choose a less predictable PIN.',
  common: 'That PIN is one of the most commonly guessed. Choose a different PIN.',
};

/** Why a PIN is too weak, or null if it passes. Assumes the format is already valid. */
export function weakPinReason(pin: string): WeakPinReason | null {
  const digits = [...pin].map(Number);
  if (digits.every((d) => d === digits[0])) return 'one_digit';
  const steps = digits.slice(1).map((d, i) => d - (digits[i] ?? 0));
  if (steps.every((s) => s === 1) || steps.every((s) => s === -1)) return 'sequence';
  // A shorter block repeated to fill the PIN: 1212, 123123, 12341234.
  for (let period = 2; period <= pin.length / 2; period++) {
    if (pin.length % period === 0 && pin.slice(0, period).repeat(pin.length / period) === pin) return 'repeated_pattern';
  }
  if (COMMON_WEAK_PINS.includes(pin)) return 'common';
  return null;
}

/** Throws `PIN_INVALID_FORMAT` or `PIN_TOO_WEAK`; used when a PIN is set, never at login. */
export function assertPinPolicy(pin: string): void {
  if (!new RegExp(`^[0-9]{${PIN_MIN_DIGITS},${PIN_MAX_DIGITS}}$`).test(pin)) {
    throw new AppError('PIN_INVALID_FORMAT', `A PIN is ${PIN_MIN_DIGITS} to ${PIN_MAX_DIGITS} digits, numbers only.`);
  }
  const reason = weakPinReason(pin);
  if (reason !== null) throw new AppError('PIN_TOO_WEAK', WEAK_PIN_MESSAGES[reason], { reason });
}

// ---------- hashing ----------

function scryptAsync(pin: string, salt: Buffer, keyLength: number, params: ScryptParams): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    scrypt(pin, salt, keyLength, { N: params.N, r: params.r, p: params.p, maxmem: scryptMaxmem(params) }, (error, key) => {
      if (error !== null) reject(error);
      else resolve(key);
    });
  });
}

interface ParsedPinHash {
  readonly params: ScryptParams;
  readonly salt: Buffer;
  readonly hash: Buffer;
}

const B64URL = /^[A-Za-z0-9_-]+$/;
const POSITIVE_INT = /^[1-9][0-9]{0,9}$/;

function invalidHash(): AppError {
  return new AppError('PIN_HASH_INVALID', 'This staff member’s stored PIN is unreadable. A manager must reset their PIN.');
}

function parsePinHash(encoded: string): ParsedPinHash {
  const parts = encoded.split('$');
  if (parts.length !== 6) throw invalidHash();
  const [scheme, nText, rText, pText, saltText, hashText] = parts as [string, string, string, string, string, string];
  if (scheme !== SCHEME) throw invalidHash();
  if (!POSITIVE_INT.test(nText) || !POSITIVE_INT.test(rText) || !POSITIVE_INT.test(pText)) throw invalidHash();
  const params: ScryptParams = { N: Number(nText), r: Number(rText), p: Number(pText) };
  const log2N = Math.log2(params.N);
  if (!Number.isInteger(log2N) || log2N < MIN_LOG2_N || log2N > MAX_LOG2_N) throw invalidHash();
  if (params.r > MAX_R || params.p > MAX_P || scryptMaxmem(params) > MAX_MEMORY_BYTES) throw invalidHash();
  if (!B64URL.test(saltText) || !B64URL.test(hashText)) throw invalidHash();
  const salt = Buffer.from(saltText, 'base64url');
  const hash = Buffer.from(hashText, 'base64url');
  if (salt.length < SALT_BYTES || hash.length < 16 || hash.length > 64) throw invalidHash();
  return { params, salt, hash };
}

function encodePinHash(params: ScryptParams, salt: Buffer, hash: Buffer): string {
  return [SCHEME, params.N, params.r, params.p, salt.toString('base64url'), hash.toString('base64url')].join('$');
}

/**
 * Hashes a new PIN after checking the policy. Returns the self-describing
 * `scrypt$N$r$p$salt$hash` string to store on the staff row.
 */
export async function hashPin(pin: string, params: ScryptParams = CURRENT_PIN_PARAMS): Promise<string> {
  assertPinPolicy(pin);
  const salt = randomBytes(SALT_BYTES);
  const hash = await scryptAsync(pin, salt, HASH_BYTES, params);
  return encodePinHash(params, salt, hash);
}

/**
 * True when `pin` matches. Compares in constant time. Does not apply the
 * policy (a PIN set under an older policy still works). Throws
 * `PIN_HASH_INVALID` only when the stored value itself is corrupt — that is
 * a data problem, not a wrong PIN, and must not count as a failure.
 */
export async function verifyPin(pin: string, encoded: string): Promise<boolean> {
  const stored = parsePinHash(encoded);
  const candidate = await scryptAsync(pin, stored.salt, stored.hash.length, stored.params);
  return timingSafeEqual(candidate, stored.hash);
}

/** True when the stored hash was made with weaker or different parameters than `params`. */
export function needsRehash(encoded: string, params: ScryptParams = CURRENT_PIN_PARAMS): boolean {
  let stored: ParsedPinHash;
  try {
    stored = parsePinHash(encoded);
  } catch {
    return true;
  }
  return (
    stored.params.N !== params.N ||
    stored.params.r !== params.r ||
    stored.params.p !== params.p ||
    stored.hash.length !== HASH_BYTES ||
    stored.salt.length !== SALT_BYTES
  );
}

/**
 * Login helper: verifies and, when the PIN is right but the hash is old,
 * returns a fresh hash for the lead's write path to store. The policy is not
 * re-applied on upgrade (`hashPin` would refuse an old weak PIN; we must not
 * lock someone out for it — they are asked to change it separately).
 */
export async function verifyPinAndUpgrade(
  pin: string,
  encoded: string,
  params: ScryptParams = CURRENT_PIN_PARAMS,
): Promise<{ readonly ok: boolean; readonly upgradedHash?: string }> {
  const ok = await verifyPin(pin, encoded);
  if (!ok || !needsRehash(encoded, params)) return { ok };
  const salt = randomBytes(SALT_BYTES);
  const hash = await scryptAsync(pin, salt, HASH_BYTES, params);
  return { ok, upgradedHash: encodePinHash(params, salt, hash) };
}
