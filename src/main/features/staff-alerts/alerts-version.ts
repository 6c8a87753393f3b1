import { count, isNull, max } from 'drizzle-orm';
import type { RegisterDb } from '../../platform/db/open';
import { staffAlerts } from '../../platform/db/schema';

/**
 * A value that changes whenever the alerts open at this register do (one
 * raised adds to the count and moves the latest raise; one acknowledged
 * takes from the count), for the core to tell the screen without the
 * screen asking (issue #19). One read on the open-alerts index.
 */
export function openAlertsVersion(db: RegisterDb): string {
  const row = db
    .select({ n: count(), at: max(staffAlerts.raisedAt) })
    .from(staffAlerts)
    .where(isNull(staffAlerts.acknowledgedAt))
    .get();
  return `${row?.n ?? 0}:${row?.at?.getTime() ?? 0}`;
}
