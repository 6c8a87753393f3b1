import { and, count, desc, eq, ne } from 'drizzle-orm';
import { inventoryCountLines, inventoryCounts } from '../../platform/db/schema';
import type { RegisterDb } from '../../platform/db/open';
import type { CheckResult } from './checks';

/** A count older than this is no baseline any more: the drift since it is unknown. */
const STALE_DAYS = 35;

/**
 * Stock drift the last count found and nobody has settled: variances still
 * waiting for approval or dismissal. No count at all is amber, so nobody
 * reads "no drift" into "never counted".
 */
export function stockDrift(db: RegisterDb, storeId: string, now: Date): CheckResult {
  const last = db.select().from(inventoryCounts).where(eq(inventoryCounts.storeId, storeId)).orderBy(desc(inventoryCounts.startedAt)).limit(1).get();
  if (last === undefined)
    return {
      status: 'amber',
      detail: 'No inventory count is on record yet, so drift since the last count cannot be measured.',
      fix: 'Run a blind count in the Back room to set a baseline.',
      action: { kind: 'go_to_counts', label: 'Go to back room' },
    };
  const pending =
    db
      .select({ n: count() })
      .from(inventoryCountLines)
      .where(and(eq(inventoryCountLines.countId, last.id), eq(inventoryCountLines.decision, 'pending')))
      .get()?.n ?? 0;
  const when = last.startedAt.toISOString().slice(0, 10);
  if (last.status === 'counting')
    return {
      status: 'amber',
      detail: `The count of ${last.area} started ${when} is not submitted yet.`,
      fix: 'Finish and submit the count in the Back room.',
      action: { kind: 'go_to_counts', label: 'Go to back room' },
    };
  if (pending > 0)
    return {
      status: 'amber',
      detail: `${pending} variance(s) from the count of ${last.area} (${when}) are not approved or dismissed: the register and the shelf disagree.`,
      fix: 'A lead or manager approves each variance as an adjustment (or dismisses it) in the Back room.',
      action: { kind: 'go_to_counts', label: 'Go to back room' },
    };
  const adjusted =
    db
      .select({ n: count() })
      .from(inventoryCountLines)
      .where(and(eq(inventoryCountLines.countId, last.id), ne(inventoryCountLines.decision, 'none')))
      .get()?.n ?? 0;
  if (now.getTime() - last.startedAt.getTime() > STALE_DAYS * 86_400_000)
    return {
      status: 'amber',
      detail: `The last count (${last.area}, ${when}) is over ${STALE_DAYS} days old.`,
      fix: 'Run a blind count this week.',
      action: { kind: 'go_to_counts', label: 'Go to back room' },
    };
  return { status: 'green', detail: `Last count: ${last.area}, ${when}; ${adjusted} variance(s) settled, none waiting.`, fix: 'Nothing to do.', action: null };
}
