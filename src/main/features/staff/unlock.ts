import { eq } from 'drizzle-orm';
import { AppError } from '../../../shared/errors';
import { appendAudit } from '../../platform/audit/log';
import { staff, staffLockouts, terminalPinThrottle, terminals } from '../../platform/db/schema';
import type { RegisterDb } from '../../platform/db/open';
import { writeTransaction } from '../../platform/db/transaction';

/**
 * Clears a staff member's wrong-PIN lockout: a manager or admin at the
 * register, or — for the store's only admin locked out, or a till whose
 * PIN throttle locks everybody — the `unlock-staff` support command, which
 * needs the machine itself. Audited either way.
 */
export function unlockStaff(
  db: RegisterDb,
  input: { staffId: string; by: string | null; terminalId: string | null; via: 'register' | 'support command'; now: Date; clearTerminalThrottle?: boolean },
): { staffId: string; terminalsCleared: number } {
  return writeTransaction(db, (tx) => {
    if (tx.select({ id: staff.id }).from(staff).where(eq(staff.id, input.staffId)).get() === undefined)
      throw new AppError('STAFF_NOT_FOUND', `No staff member ${input.staffId} in this store.`);
    tx.delete(staffLockouts).where(eq(staffLockouts.staffId, input.staffId)).run();
    let terminalsCleared = 0;
    if (input.clearTerminalThrottle === true) {
      terminalsCleared = tx.select({ id: terminals.id }).from(terminals).all().length;
      tx.delete(terminalPinThrottle).run();
    }
    appendAudit(tx, {
      at: input.now,
      staffId: input.by,
      terminalId: input.terminalId,
      action: 'staff.unlock',
      entityType: 'staff',
      entityId: input.staffId,
      after: { via: input.via, terminalsCleared },
    });
    return { staffId: input.staffId, terminalsCleared };
  });
}
