import { randomUUID } from 'node:crypto';
import { and, asc, eq, isNull, ne } from 'drizzle-orm';
import { openDrawerAlerts, overdueOrderAlerts, syncDeadlineAlert, type AlertCondition } from '../../../shared/domain/staff-alerts/conditions';
import { businessDay, instantOnDay } from '../../../shared/domain/store-calendar';
import { reportingDeadlineFor } from '../../../shared/domain/sync/reporting-deadlines';
import type { RegisterDb } from '../../platform/db/open';
import { drawerSessions, outbox, staff, staffAlerts, stores, terminals } from '../../platform/db/schema';
import { writeTransaction } from '../../platform/db/transaction';
import { overdueOrders } from '../online-orders/queue';
import { laneBacklog } from '../sync/backlog';
import { STAFF_ALERTS_LANE, TRACEABILITY_LANE } from '../sync/lanes';
import { staffChannelView } from './channel-settings';

export type StaffAlert = typeof staffAlerts.$inferSelect;

/** What holds right now at this store (see the rules in shared/domain/staff-alerts). */
export function currentConditions(db: RegisterDb, storeId: string, now: Date): AlertCondition[] {
  const store = db.select({ state: stores.state, timeZone: stores.timeZone }).from(stores).where(eq(stores.id, storeId)).get();
  if (store === undefined) return [];
  const { closesAt } = staffChannelView(db);
  const open = db
    .select({ id: drawerSessions.id, terminal: terminals.name, staff: staff.displayName, openedAt: drawerSessions.openedAt })
    .from(drawerSessions)
    .innerJoin(terminals, eq(terminals.id, drawerSessions.terminalId))
    .innerJoin(staff, eq(staff.id, drawerSessions.staffId))
    .where(and(eq(terminals.storeId, storeId), ne(drawerSessions.status, 'closed')))
    .all()
    .map((s) => ({ ...s, businessDay: businessDay(s.openedAt, store.timeZone) }));
  const sync = syncDeadlineAlert(reportingDeadlineFor(store.state), laneBacklog(db, TRACEABILITY_LANE), now);
  return [
    ...overdueOrderAlerts(overdueOrders(db, now), now),
    ...(sync === null ? [] : [sync]),
    ...openDrawerAlerts(open, (day) => instantOnDay(day, closesAt, store.timeZone), now),
  ];
}

/**
 * Raises each condition that holds once (its occurrence key is unique) and,
 * when a staff channel is switched on, queues it for the channel in the same
 * transaction: an alert is never sent twice, nor raised without its send.
 */
export function raiseStaffAlerts(db: RegisterDb, storeId: string, now: Date): { raised: number } {
  const conditions = currentConditions(db, storeId, now);
  if (conditions.length === 0) return { raised: 0 };
  const channelOn = staffChannelView(db).enabled;
  return writeTransaction(db, (tx) => {
    let raised = 0;
    for (const c of conditions) {
      const id = randomUUID();
      const inserted = tx
        .insert(staffAlerts)
        .values({ id, kind: c.kind, dedupeKey: c.key, title: c.title, detail: c.detail, raisedAt: now })
        .onConflictDoNothing({ target: staffAlerts.dedupeKey })
        .returning({ id: staffAlerts.id })
        .all();
      if (inserted.length === 0) continue;
      raised += 1;
      if (channelOn)
        tx.insert(outbox)
          .values({
            destination: STAFF_ALERTS_LANE,
            kind: 'staff_alert.send',
            aggregateId: id,
            payload: { alertId: id },
            nextAttemptAt: now,
            createdAt: now,
            updatedAt: now,
          })
          .run();
    }
    return { raised };
  });
}

/** Alerts nobody has acknowledged yet, oldest first. */
export function openStaffAlerts(db: RegisterDb): StaffAlert[] {
  return db.select().from(staffAlerts).where(isNull(staffAlerts.acknowledgedAt)).orderBy(asc(staffAlerts.raisedAt)).all();
}
