import { and, eq, inArray, lt } from 'drizzle-orm';
import { customerRecordRetention, retentionCutoff } from '../../../shared/domain/customer-care/record-retention';
import { appendAudit } from '../../platform/audit/log';
import { customerNotes, customerNoteTags, stores } from '../../platform/db/schema';
import type { RegisterDb } from '../../platform/db/open';
import { writeTransaction } from '../../platform/db/transaction';

/**
 * Deletes the notes each store has kept for its state's record-keeping
 * period (`shared/domain/customer-care/record-retention.ts`), with their
 * tags, in one transaction per store, audited by count (never by content).
 * Run at every start and by `purge-customer-notes`.
 */
export function purgeExpiredNotes(db: RegisterDb, now: Date): { purged: number } {
  let purged = 0;
  for (const store of db.select({ id: stores.id, state: stores.state }).from(stores).all()) {
    const rule = customerRecordRetention(store.state);
    const expired = db
      .select({ id: customerNotes.id })
      .from(customerNotes)
      .where(and(eq(customerNotes.storeId, store.id), lt(customerNotes.createdAt, retentionCutoff(now, rule))))
      .all()
      .map((n) => n.id);
    if (expired.length === 0) continue;
    writeTransaction(db, (tx) => {
      // In pages: SQLite caps the parameters of one statement.
      for (let i = 0; i < expired.length; i += 500) {
        const page = expired.slice(i, i + 500);
        tx.delete(customerNoteTags).where(inArray(customerNoteTags.noteId, page)).run();
        tx.delete(customerNotes).where(inArray(customerNotes.id, page)).run();
      }
      appendAudit(tx, {
        at: now,
        staffId: null,
        terminalId: null,
        action: 'customer_note.purge',
        entityType: 'store',
        entityId: store.id,
        after: { purged: expired.length, keptYears: rule.years, citation: rule.citation },
      });
    });
    purged += expired.length;
  }
  return { purged };
}
