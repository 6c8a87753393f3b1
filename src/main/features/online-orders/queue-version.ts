import { count, max } from 'drizzle-orm';
import type { RegisterDb } from '../../platform/db/open';
import { onlineOrders } from '../../platform/db/schema';

/**
 * A value that changes whenever the order queue does (an order arrives,
 * moves on, is cancelled: each sets its `updated_at`), for the core to tell
 * the screen without the screen asking (issue #19). Two small index reads.
 */
export function orderQueueVersion(db: RegisterDb): string {
  const row = db
    .select({ n: count(), at: max(onlineOrders.updatedAt) })
    .from(onlineOrders)
    .get();
  return `${row?.n ?? 0}:${row?.at?.getTime() ?? 0}`;
}
