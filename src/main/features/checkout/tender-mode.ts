import { randomUUID } from 'node:crypto';
import { alias } from 'drizzle-orm/sqlite-core';
import { desc, eq, sql } from 'drizzle-orm';
import { AppError } from '../../../shared/errors';
import { appendAudit } from '../../platform/audit/log';
import { staff, tenderModeChanges } from '../../platform/db/schema';
import type { RegisterDb } from '../../platform/db/open';
import { preparedOnce } from '../../platform/db/prepared';
import { writeTransaction, type RegisterTx } from '../../platform/db/transaction';

/** Whether the terminal's card terminal is marked down: the latest switch decides (insertion order breaks a tie in time). */
export function isCashOnly(db: RegisterDb | RegisterTx, terminalId: string): boolean {
  return latestTenderMode(db).get({ terminalId })?.cashOnly ?? false;
}

// Every sale asks it: prepared once per connection (issue #18).
const latestTenderMode = preparedOnce((db) =>
  db
    .select({ cashOnly: tenderModeChanges.cashOnly })
    .from(tenderModeChanges)
    .where(eq(tenderModeChanges.terminalId, sql.placeholder('terminalId')))
    .orderBy(desc(tenderModeChanges.at), desc(sql`rowid`))
    .limit(1)
    .prepare(),
);

/** A staff member named on the Drawer screen. */
export interface StaffRef {
  readonly staffId: string;
  readonly displayName: string;
}

export interface TenderMode {
  readonly cashOnly: boolean;
  readonly reason: string | null;
  readonly at: string | null;
  readonly setBy: StaffRef | null;
  readonly approvedBy: StaffRef | null;
}

const approver = alias(staff, 'approver');

/** The terminal's tender mode and its latest switch (who, when, why, who approved): cards on and nobody when it was never switched. */
export function tenderMode(db: RegisterDb, terminalId: string): TenderMode {
  const latest = db
    .select({
      cashOnly: tenderModeChanges.cashOnly,
      reason: tenderModeChanges.reason,
      at: tenderModeChanges.at,
      staffId: tenderModeChanges.staffId,
      staffName: staff.displayName,
      approvedBy: tenderModeChanges.approvedBy,
      approverName: approver.displayName,
    })
    .from(tenderModeChanges)
    .leftJoin(staff, eq(staff.id, tenderModeChanges.staffId))
    .leftJoin(approver, eq(approver.id, tenderModeChanges.approvedBy))
    .where(eq(tenderModeChanges.terminalId, terminalId))
    .orderBy(desc(tenderModeChanges.at), desc(sql`${tenderModeChanges}.rowid`))
    .limit(1)
    .get();
  if (latest === undefined) return { cashOnly: false, reason: null, at: null, setBy: null, approvedBy: null };
  return {
    cashOnly: latest.cashOnly,
    reason: latest.reason,
    at: latest.at.toISOString(),
    setBy: latest.staffId === null ? null : { staffId: latest.staffId, displayName: latest.staffName ?? latest.staffId },
    approvedBy: latest.approvedBy === null ? null : { staffId: latest.approvedBy, displayName: latest.approverName ?? latest.approvedBy },
  };
}

/**
 * Switches cash-only mode on or off, recording when, why, who and — when a
 * manager approved it for someone whose role may not — who approved (it
 * shows on the Drawer screen and the day's report).
 */
export function setCashOnly(
  db: RegisterDb,
  input: { terminalId: string; staffId: string | null; approvedBy?: string | null; cashOnly: boolean; reason: string; now: Date },
): void {
  const approvedBy = input.approvedBy ?? null;
  writeTransaction(db, (tx) => {
    if (isCashOnly(tx, input.terminalId) === input.cashOnly) {
      throw new AppError('TENDER_MODE_UNCHANGED', input.cashOnly ? 'Cash-only mode is already on.' : 'Card payments are already on.');
    }
    tx.insert(tenderModeChanges)
      .values({
        id: randomUUID(),
        terminalId: input.terminalId,
        cashOnly: input.cashOnly,
        reason: input.reason,
        staffId: input.staffId,
        approvedBy,
        at: input.now,
      })
      .run();
    appendAudit(tx, {
      at: input.now,
      staffId: input.staffId,
      terminalId: input.terminalId,
      action: input.cashOnly ? 'tender.cash_only_on' : 'tender.cash_only_off',
      entityType: 'terminal',
      entityId: input.terminalId,
      after: approvedBy === null ? { reason: input.reason } : { reason: input.reason, approvedBy },
    });
  });
}
