import { randomUUID } from 'node:crypto';
import { desc, eq, sql } from 'drizzle-orm';
import { AppError } from '../../../shared/errors';
import { appendAudit } from '../../platform/audit/log';
import { tenderModeChanges } from '../../platform/db/schema';
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

/** Switches cash-only mode on or off, recording when and why (it shows on the day's report). */
export function setCashOnly(db: RegisterDb, input: { terminalId: string; staffId: string | null; cashOnly: boolean; reason: string; now: Date }): void {
  writeTransaction(db, (tx) => {
    if (isCashOnly(tx, input.terminalId) === input.cashOnly) {
      throw new AppError('TENDER_MODE_UNCHANGED', input.cashOnly ? 'Cash-only mode is already on.' : 'Card payments are already on.');
    }
    tx.insert(tenderModeChanges)
      .values({ id: randomUUID(), terminalId: input.terminalId, cashOnly: input.cashOnly, reason: input.reason, staffId: input.staffId, at: input.now })
      .run();
    appendAudit(tx, {
      at: input.now,
      staffId: input.staffId,
      terminalId: input.terminalId,
      action: input.cashOnly ? 'tender.cash_only_on' : 'tender.cash_only_off',
      entityType: 'terminal',
      entityId: input.terminalId,
      after: { reason: input.reason },
    });
  });
}
