import { and, eq } from 'drizzle-orm';
import { AppError } from '../../shared/errors';
import type { StaffRole } from '../../shared/permissions';
import { appendAudit } from '../audit/log';
import { staff, staffLockouts, stores } from '../db/schema';
import type { RegisterDb } from '../db/open';
import { writeTransaction } from '../db/transaction';
import { checkLocked, INITIAL_LOCKOUT_STATE, recordFailure, recordSuccess, type LockoutState } from '../security/lockout';
import { verifyPinAndUpgrade } from '../security/pin';

export interface VerifiedStaff {
  readonly staffId: string;
  readonly displayName: string;
  readonly role: StaffRole;
}

/**
 * Checks one staff member's PIN, for a sign-in or a manager's approval.
 * Lockout is checked BEFORE the PIN, so guesses while locked teach nothing;
 * every failure and success is written (and audited) so the count survives
 * a restart and spans terminals.
 */
export async function verifyStaffPin(db: RegisterDb, input: { staffId: string; pin: string; terminalId: string; purpose: 'sign_in' | 'approval'; now: Date }): Promise<VerifiedStaff> {
  const row = db
    .select({ staff, timeZone: stores.timeZone, lockout: staffLockouts.state })
    .from(staff)
    .innerJoin(stores, eq(stores.id, staff.storeId))
    .leftJoin(staffLockouts, eq(staffLockouts.staffId, staff.id))
    .where(and(eq(staff.id, input.staffId), eq(staff.active, true)))
    .get();
  if (row === undefined) throw new AppError('STAFF_UNKNOWN', 'That staff member is not active at this store.');
  if (row.staff.pinHash === null) throw new AppError('PIN_NOT_SET', `${row.staff.displayName} has no PIN yet: an admin must set one.`);
  const state = (row.lockout as LockoutState | null) ?? INITIAL_LOCKOUT_STATE;
  checkLocked(state, input.now.getTime(), { timeZone: row.timeZone });

  // scrypt runs on the thread pool before the write transaction: no await inside a transaction.
  const verdict = await verifyPinAndUpgrade(input.pin, row.staff.pinHash);
  const next = verdict.ok ? recordSuccess(state) : recordFailure(state, input.now.getTime());
  writeTransaction(db, (tx) => {
    tx.insert(staffLockouts)
      .values({ staffId: input.staffId, state: next, updatedAt: input.now })
      .onConflictDoUpdate({ target: staffLockouts.staffId, set: { state: next, updatedAt: input.now } })
      .run();
    if (verdict.upgradedHash !== undefined) tx.update(staff).set({ pinHash: verdict.upgradedHash }).where(eq(staff.id, input.staffId)).run();
    appendAudit(tx, {
      at: input.now,
      staffId: input.staffId,
      terminalId: input.terminalId,
      action: `staff.${input.purpose}.${verdict.ok ? 'ok' : 'wrong_pin'}`,
      entityType: 'staff',
      entityId: input.staffId,
      after: verdict.ok ? null : { failures: next.failures, lockedUntil: next.lockedUntil },
    });
  });
  if (!verdict.ok) {
    checkLocked(next, input.now.getTime(), { timeZone: row.timeZone });
    throw new AppError('PIN_WRONG', 'That PIN is not right. Try again.');
  }
  return { staffId: row.staff.id, displayName: row.staff.displayName, role: row.staff.role };
}
