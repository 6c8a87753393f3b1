import { and, eq } from 'drizzle-orm';
import { isDeepStrictEqual } from 'node:util';
import { AppError } from '../../../shared/errors';
import type { StaffRole } from '../../../shared/permissions';
import { appendAudit } from '../../platform/audit/log';
import { staff, staffLockouts, stores, terminalPinThrottle } from '../../platform/db/schema';
import type { RegisterDb } from '../../platform/db/open';
import { writeTransaction, type RegisterTx } from '../../platform/db/transaction';
import {
  checkLocked,
  INITIAL_LOCKOUT_STATE,
  recordFailure,
  recordSuccess,
  TERMINAL_PIN_THROTTLE_POLICY,
  type LockoutState,
} from '../../platform/security/lockout';
import { verifyPinAndUpgrade } from '../../../staff-pin/pin';

export interface VerifiedStaff {
  readonly staffId: string;
  readonly displayName: string;
  readonly role: StaffRole;
}

interface Attempt {
  readonly terminalBefore: LockoutState;
  readonly terminalCounted: LockoutState;
  readonly staffCounted: LockoutState;
}

/**
 * Checks one staff member's PIN, for a sign-in or a manager's approval.
 *
 * Every attempt is counted as a failure BEFORE the hash is compared, in one
 * IMMEDIATE transaction that also checks the locks (issue #16: reading the
 * count, awaiting scrypt, then writing count + 1 let 100 parallel guesses
 * all see 0). Only a right PIN takes the count back. So however many
 * guesses run at once, at most `maxFailures` reach the compare; the rest
 * are refused as locked. Two counts: the staff member's, and the terminal's
 * (whoever the PINs were for). Both survive a restart.
 */
export async function verifyStaffPin(
  db: RegisterDb,
  input: { staffId: string; pin: string; terminalId: string; purpose: 'sign_in' | 'approval'; now: Date },
): Promise<VerifiedStaff> {
  const row = db
    .select({ staff, timeZone: stores.timeZone })
    .from(staff)
    .innerJoin(stores, eq(stores.id, staff.storeId))
    .where(and(eq(staff.id, input.staffId), eq(staff.active, true)))
    .get();
  if (row === undefined) throw new AppError('STAFF_UNKNOWN', 'That staff member is not active at this store.');
  const pinHash = row.staff.pinHash;
  if (pinHash === null) throw new AppError('PIN_NOT_SET', `${row.staff.displayName} has no PIN yet: an admin must set one.`);
  const now = input.now.getTime();
  const messages = { timeZone: row.timeZone };
  const attempt = writeTransaction(db, (tx) => countAttempt(tx, input.staffId, input.terminalId, now, messages));

  // scrypt runs on the thread pool between the two transactions: no await inside a transaction.
  const verdict = await verifyPinAndUpgrade(input.pin, pinHash);
  writeTransaction(db, (tx) => {
    if (verdict.ok) {
      saveStaffState(tx, input.staffId, recordSuccess(attempt.staffCounted), input.now);
      takeBackTerminalAttempt(tx, input.terminalId, attempt, input.now);
    }
    if (verdict.upgradedHash !== undefined) tx.update(staff).set({ pinHash: verdict.upgradedHash }).where(eq(staff.id, input.staffId)).run();
    appendAudit(tx, {
      at: input.now,
      staffId: input.staffId,
      terminalId: input.terminalId,
      action: `staff.${input.purpose}.${verdict.ok ? 'ok' : 'wrong_pin'}`,
      entityType: 'staff',
      entityId: input.staffId,
      after: verdict.ok ? null : { failures: attempt.staffCounted.failures, lockedUntil: attempt.staffCounted.lockedUntil },
    });
  });
  if (!verdict.ok) {
    checkLocked(attempt.staffCounted, now, messages);
    checkLocked(attempt.terminalCounted, now, { ...messages, scope: 'terminal' });
    throw new AppError('PIN_WRONG', 'That PIN is not right. Try again.');
  }
  return { staffId: row.staff.id, displayName: row.staff.displayName, role: row.staff.role };
}

/** Refuses while either lock holds; otherwise writes this attempt as a failure for both and returns what it wrote. */
function countAttempt(tx: RegisterTx, staffId: string, terminalId: string, now: number, messages: { timeZone: string }): Attempt {
  const terminalBefore =
    (tx.select({ state: terminalPinThrottle.state }).from(terminalPinThrottle).where(eq(terminalPinThrottle.terminalId, terminalId)).get()?.state as
      LockoutState | undefined) ?? INITIAL_LOCKOUT_STATE;
  checkLocked(terminalBefore, now, { ...messages, scope: 'terminal' });
  const staffBefore =
    (tx.select({ state: staffLockouts.state }).from(staffLockouts).where(eq(staffLockouts.staffId, staffId)).get()?.state as LockoutState | undefined) ??
    INITIAL_LOCKOUT_STATE;
  checkLocked(staffBefore, now, messages);
  const at = new Date(now);
  const staffCounted = recordFailure(staffBefore, now);
  saveStaffState(tx, staffId, staffCounted, at);
  const terminalCounted = recordFailure(terminalBefore, now, TERMINAL_PIN_THROTTLE_POLICY);
  saveTerminalState(tx, terminalId, terminalCounted, at);
  return { terminalBefore, terminalCounted, staffCounted };
}

/**
 * A right PIN was counted as a failure at the terminal: take it back. If
 * nothing was counted since, the state returns to what it was (even if this
 * attempt had tipped the throttle); otherwise one failure comes off, and a
 * lock started by someone else's wrong PIN stays.
 */
function takeBackTerminalAttempt(tx: RegisterTx, terminalId: string, attempt: Attempt, at: Date): void {
  const current =
    (tx.select({ state: terminalPinThrottle.state }).from(terminalPinThrottle).where(eq(terminalPinThrottle.terminalId, terminalId)).get()?.state as
      LockoutState | undefined) ?? INITIAL_LOCKOUT_STATE;
  if (isDeepStrictEqual(current, attempt.terminalCounted)) saveTerminalState(tx, terminalId, attempt.terminalBefore, at);
  else if (current.failures > 0) saveTerminalState(tx, terminalId, { ...current, failures: current.failures - 1 }, at);
}

function saveStaffState(tx: RegisterTx, staffId: string, state: LockoutState, at: Date): void {
  tx.insert(staffLockouts)
    .values({ staffId, state, updatedAt: at })
    .onConflictDoUpdate({ target: staffLockouts.staffId, set: { state, updatedAt: at } })
    .run();
}

function saveTerminalState(tx: RegisterTx, terminalId: string, state: LockoutState, at: Date): void {
  tx.insert(terminalPinThrottle)
    .values({ terminalId, state, updatedAt: at })
    .onConflictDoUpdate({ target: terminalPinThrottle.terminalId, set: { state, updatedAt: at } })
    .run();
}
