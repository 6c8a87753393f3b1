import { DateTime } from 'luxon';
import { AppError } from '../../../shared/errors';

/**
 * Wrong-PIN lockout and idle auto-lock, as pure functions over a plain
 * record the lead stores per staff member in SQLite.
 *
 * Why: a 4-digit PIN falls to 10,000 guesses; hashing does not help against
 * someone standing at the till. After `maxFailures` wrong PINs within
 * `windowMs`, the staff member is locked for an escalating duration; a
 * manager can clear it (`managerUnlock`, permission `staff.unlock`).
 * All times are UTC epoch milliseconds; only the message uses the store's zone.
 */
export interface LockoutPolicy {
  readonly maxFailures: number;
  /** Failures older than this (from the first in the run) stop counting. */
  readonly windowMs: number;
  /** Lock length for the 1st, 2nd, … lockout; the last one repeats. */
  readonly lockDurationsMs: readonly number[];
  /** With no failure for this long, escalation starts again from the first step. */
  readonly escalationResetMs: number;
}

const MINUTE = 60_000;

export const DEFAULT_LOCKOUT_POLICY: LockoutPolicy = {
  maxFailures: 5,
  windowMs: 15 * MINUTE,
  lockDurationsMs: [1 * MINUTE, 5 * MINUTE, 15 * MINUTE, 60 * MINUTE],
  escalationResetMs: 24 * 60 * MINUTE,
};

/**
 * Failed PINs at one terminal, whoever they were for: the per-person lock
 * alone allows four guesses at each of twenty colleagues' PINs, again and
 * again. Looser than the per-person lock so a shift of typos does not stop
 * the till, and never reset by a right PIN (only by time).
 */
export const TERMINAL_PIN_THROTTLE_POLICY: LockoutPolicy = {
  maxFailures: 10,
  windowMs: 10 * MINUTE,
  lockDurationsMs: [1 * MINUTE, 5 * MINUTE, 15 * MINUTE, 60 * MINUTE],
  escalationResetMs: 24 * 60 * MINUTE,
};

/** Serialisable: store as columns or JSON. */
export interface LockoutState {
  /** Wrong PINs in the current window (reset when a lock starts). */
  readonly failures: number;
  readonly firstFailureAt: number | null;
  readonly lastFailureAt: number | null;
  /** Locked while `now < lockedUntil`. */
  readonly lockedUntil: number | null;
  /** Lockouts since the last success; picks the next duration. */
  readonly lockouts: number;
}

export const INITIAL_LOCKOUT_STATE: LockoutState = { failures: 0, firstFailureAt: null, lastFailureAt: null, lockedUntil: null, lockouts: 0 };

export function isLocked(state: LockoutState, now: number): boolean {
  return state.lockedUntil !== null && now < state.lockedUntil;
}

/**
 * A wrong PIN. Attempts while locked must be refused by `checkLocked` before
 * the PIN is even checked; if one reaches here anyway it changes nothing, so
 * hammering a locked till cannot extend (or shorten) the lock.
 */
export function recordFailure(state: LockoutState, now: number, policy: LockoutPolicy = DEFAULT_LOCKOUT_POLICY): LockoutState {
  if (isLocked(state, now)) return state;
  const escalationExpired = state.lastFailureAt !== null && now - state.lastFailureAt >= policy.escalationResetMs;
  const lockouts = escalationExpired ? 0 : state.lockouts;
  const windowExpired = state.firstFailureAt === null || now - state.firstFailureAt >= policy.windowMs;
  const failures = (windowExpired ? 0 : state.failures) + 1;
  const firstFailureAt = windowExpired ? now : state.firstFailureAt;

  if (failures < policy.maxFailures) {
    return { failures, firstFailureAt, lastFailureAt: now, lockedUntil: state.lockedUntil, lockouts };
  }
  const steps = policy.lockDurationsMs;
  const duration = steps[Math.min(lockouts, steps.length - 1)] ?? MINUTE;
  return { failures: 0, firstFailureAt: null, lastFailureAt: now, lockedUntil: now + duration, lockouts: lockouts + 1 };
}

/** A right PIN: everything resets, including escalation. */
export function recordSuccess(_state: LockoutState): LockoutState {
  return INITIAL_LOCKOUT_STATE;
}

/** A manager cleared the lock (audit it). Escalation history stays, so a repeat offender still escalates. */
export function managerUnlock(state: LockoutState): LockoutState {
  return { ...state, failures: 0, firstFailureAt: null, lockedUntil: null };
}

export interface LockMessageOptions {
  /** The store's IANA zone, e.g. `America/Denver`. */
  readonly timeZone: string;
  /** `en-US` → "2:05 PM"; `en-GB` → "14:05". */
  readonly locale?: string;
  /** Whose lock: one staff member's (`STAFF_LOCKED`, the default) or the whole terminal's (`PIN_THROTTLED`). */
  readonly scope?: 'staff' | 'terminal';
}

/** Throws `STAFF_LOCKED` (or `PIN_THROTTLED` for a terminal) with the local retry time while locked; returns otherwise. */
export function checkLocked(state: LockoutState, now: number, options: LockMessageOptions): void {
  if (!isLocked(state, now) || state.lockedUntil === null) return;
  const locale = options.locale ?? 'en-US';
  const until = DateTime.fromMillis(state.lockedUntil, { zone: options.timeZone }).setLocale(locale);
  const today = DateTime.fromMillis(now, { zone: options.timeZone });
  const at = until.hasSame(today, 'day') ? until.toLocaleString(DateTime.TIME_SIMPLE) : until.toLocaleString(DateTime.DATETIME_MED);
  const terminal = options.scope === 'terminal';
  throw new AppError(
    terminal ? 'PIN_THROTTLED' : 'STAFF_LOCKED',
    terminal ? `Too many wrong PINs at this register. Try again at ${at}.` : `Too many wrong PINs. Try again at ${at} or ask a manager.`,
    {
      lockedUntil: new Date(state.lockedUntil).toISOString(),
      retryInMs: state.lockedUntil - now,
    },
  );
}

// ---------- idle auto-lock ----------

export const DEFAULT_IDLE_LOCK_MS = 2 * MINUTE;

export interface IdleLockDecision {
  readonly locked: boolean;
  /** When not locked: how long until it will be (schedule a timer for this). */
  readonly msUntilLock: number;
}

/**
 * Should the register lock the screen for inactivity? If the clock went
 * backwards (activity "in the future") we count from now rather than keep
 * the till open for longer than `idleMs`.
 */
export function idleLock(input: { readonly lastActivityAt: number; readonly now: number; readonly idleMs: number }): IdleLockDecision {
  if (!Number.isFinite(input.idleMs) || input.idleMs <= 0) throw new AppError('INVALID_INPUT', 'The idle lock time must be a positive number of milliseconds.');
  const idleFor = Math.max(0, input.now - input.lastActivityAt);
  if (!Number.isFinite(idleFor)) return { locked: true, msUntilLock: 0 };
  return idleFor >= input.idleMs ? { locked: true, msUntilLock: 0 } : { locked: false, msUntilLock: input.idleMs - idleFor };
}
