import { describe, expect, it } from 'vitest';
import { AppError } from '../../../../src/shared/errors';
import {
  checkLocked,
  DEFAULT_LOCKOUT_POLICY,
  idleLock,
  INITIAL_LOCKOUT_STATE,
  isLocked,
  managerUnlock,
  recordFailure,
  recordSuccess,
  type LockoutState,
} from '../../../../src/main/platform/security/lockout';

const MIN = 60_000;
// 2026-03-14 14:00 in Denver (MDT, UTC-6) = 20:00 UTC.
const T0 = Date.UTC(2026, 2, 14, 20, 0, 0);
const ZONE = 'America/Denver';

function fail(state: LockoutState, times: number, at: number, stepMs = 1000): LockoutState {
  let s = state;
  for (let i = 0; i < times; i++) s = recordFailure(s, at + i * stepMs);
  return s;
}

function lockError(state: LockoutState, now: number, locale?: string): AppError | undefined {
  try {
    checkLocked(state, now, locale === undefined ? { timeZone: ZONE } : { timeZone: ZONE, locale });
    return undefined;
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
}

describe('lockout', () => {
  it('does not lock before the fifth wrong PIN, locks for 1 minute at the fifth', () => {
    const four = fail(INITIAL_LOCKOUT_STATE, 4, T0);
    expect(isLocked(four, T0 + 4000)).toBe(false);
    expect(lockError(four, T0 + 4000)).toBeUndefined();
    const five = recordFailure(four, T0 + 4000);
    expect(five.lockedUntil).toBe(T0 + 4000 + 1 * MIN);
    expect(isLocked(five, T0 + 4000 + MIN - 1)).toBe(true);
    expect(isLocked(five, T0 + 4000 + MIN)).toBe(false);
  });

  it('says when to retry, in the store zone and locale', () => {
    const locked = fail(INITIAL_LOCKOUT_STATE, 5, T0 + 4 * MIN, 0); // lock at 14:04 → until 14:05
    const us = lockError(locked, T0 + 4 * MIN + 10_000);
    expect(us?.code).toBe('STAFF_LOCKED');
    expect(us?.message).toBe('Too many wrong PINs. Try again at 2:05 PM or ask a manager.');
    expect(lockError(locked, T0 + 4 * MIN + 10_000, 'en-GB')?.message).toBe('Too many wrong PINs. Try again at 14:05 or ask a manager.');
    expect(us?.details).toMatchObject({ lockedUntil: new Date(T0 + 5 * MIN).toISOString(), retryInMs: 50_000 });
  });

  it('escalates 1 → 5 → 15 → 60 minutes and stays at the last step', () => {
    let s = INITIAL_LOCKOUT_STATE;
    let now = T0;
    const lengths: number[] = [];
    for (let round = 0; round < 5; round++) {
      s = fail(s, 5, now, 0);
      expect(s.lockedUntil).not.toBeNull();
      lengths.push((s.lockedUntil ?? 0) - now);
      now = (s.lockedUntil ?? now) + 1000;
    }
    expect(lengths).toEqual([1 * MIN, 5 * MIN, 15 * MIN, 60 * MIN, 60 * MIN]);
  });

  it('ignores attempts made while locked (they cannot extend the lock)', () => {
    const locked = fail(INITIAL_LOCKOUT_STATE, 5, T0, 0);
    const hammered = fail(locked, 20, T0 + 1000);
    expect(hammered).toEqual(locked);
  });

  it('forgets failures outside the window', () => {
    const spread = fail(INITIAL_LOCKOUT_STATE, 4, T0);
    const later = recordFailure(spread, T0 + DEFAULT_LOCKOUT_POLICY.windowMs + 1);
    expect(later.failures).toBe(1);
    expect(later.lockedUntil).toBeNull();
  });

  it('resets completely on a right PIN, so the next lock is 1 minute again', () => {
    const first = fail(INITIAL_LOCKOUT_STATE, 5, T0, 0);
    const second = fail(first, 5, T0 + 2 * MIN, 0);
    expect((second.lockedUntil ?? 0) - (T0 + 2 * MIN)).toBe(5 * MIN);
    const afterSuccess = recordSuccess(second);
    expect(afterSuccess).toEqual(INITIAL_LOCKOUT_STATE);
    const again = fail(afterSuccess, 5, T0 + 20 * MIN, 0);
    expect((again.lockedUntil ?? 0) - (T0 + 20 * MIN)).toBe(1 * MIN);
  });

  it('drops escalation after a quiet day even without a success', () => {
    const first = fail(INITIAL_LOCKOUT_STATE, 5, T0, 0);
    const nextDay = T0 + DEFAULT_LOCKOUT_POLICY.escalationResetMs + MIN;
    const again = fail(first, 5, nextDay, 0);
    expect((again.lockedUntil ?? 0) - nextDay).toBe(1 * MIN);
  });

  it('a manager unlock clears the lock but keeps escalation', () => {
    const locked = fail(INITIAL_LOCKOUT_STATE, 5, T0, 0);
    const unlocked = managerUnlock(locked);
    expect(isLocked(unlocked, T0 + 1000)).toBe(false);
    expect(lockError(unlocked, T0 + 1000)).toBeUndefined();
    const relocked = fail(unlocked, 5, T0 + 2000, 0);
    expect((relocked.lockedUntil ?? 0) - (T0 + 2000)).toBe(5 * MIN);
  });

  it('state survives a JSON round trip (stored in SQLite)', () => {
    const s = fail(INITIAL_LOCKOUT_STATE, 3, T0);
    const restored = JSON.parse(JSON.stringify(s)) as LockoutState;
    expect(recordFailure(restored, T0 + 10_000)).toEqual(recordFailure(s, T0 + 10_000));
  });

  it('shows the date when the lock ends on another local day', () => {
    const lateNight = Date.UTC(2026, 2, 15, 5, 30); // 23:30 MDT on the 14th
    let s: LockoutState = { ...INITIAL_LOCKOUT_STATE, lockouts: 3, lastFailureAt: lateNight - MIN };
    s = fail(s, 5, lateNight, 0); // 60 min → 00:30 on the 15th
    expect(lockError(s, lateNight + 1000)?.message).toMatch(/Try again at Mar 15, 2026, 12:30\sAM or ask a manager\./);
  });
});

describe('idleLock', () => {
  it('locks once idle for idleMs and reports time left before that', () => {
    expect(idleLock({ lastActivityAt: T0, now: T0 + 30_000, idleMs: 120_000 })).toEqual({ locked: false, msUntilLock: 90_000 });
    expect(idleLock({ lastActivityAt: T0, now: T0 + 120_000, idleMs: 120_000 })).toEqual({ locked: true, msUntilLock: 0 });
    expect(idleLock({ lastActivityAt: T0, now: T0 + 10 * MIN, idleMs: 120_000 }).locked).toBe(true);
  });

  it('a clock that went backwards never extends the idle time beyond idleMs', () => {
    expect(idleLock({ lastActivityAt: T0 + 10 * MIN, now: T0, idleMs: 120_000 })).toEqual({ locked: false, msUntilLock: 120_000 });
  });

  it('refuses a non-positive idle time', () => {
    expect(() => idleLock({ lastActivityAt: T0, now: T0, idleMs: 0 })).toThrow(AppError);
  });
});
