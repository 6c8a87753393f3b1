import { asc, eq } from 'drizzle-orm';
import type { DeadLetter, SyncLaneStatus } from '../../../shared/contract/sync';
import { MENU_LANE, TRACEABILITY_LANE } from './lanes';
import type { RegisterDb } from '../../platform/db/open';
import { outbox, sales } from '../../platform/db/schema';
import { laneBacklog } from './backlog';
import type { SyncMonitor } from './monitor';
import type { DownstreamBacklog } from '../../../shared/sync/lane';
import { deadlineRisk, reportingDeadlineFor } from '../../../shared/domain/sync/reporting-deadlines';

const LABELS: Readonly<Record<string, string>> = { [TRACEABILITY_LANE]: 'State traceability (Metrc)', [MENU_LANE]: 'Online menu' };

/**
 * The sync panel's picture: per lane, the queue (from the database) and
 * whether its destination answers (from the running dispatcher). "Online"
 * is the state lane's: that is the one the law cares about.
 */
export function syncStatus(
  db: RegisterDb,
  monitor: SyncMonitor,
  state: string,
  now: Date,
): { online: boolean | null; backlog: number; lanes: SyncLaneStatus[]; deadLetters: DeadLetter[] } {
  const destinations = [...new Set([TRACEABILITY_LANE, MENU_LANE, ...monitor.destinations])];
  const lanes = destinations.map((destination) => laneStatus(db, monitor, destination, state, now));
  const traceability = lanes.find((l) => l.destination === TRACEABILITY_LANE);
  return {
    online: traceability?.online ?? null,
    // The header counts what the store owes: the state always, other lanes once they are set up (an online menu the store does not use is listed, not counted).
    backlog: lanes.filter((l) => l.destination === TRACEABILITY_LANE || l.configured).reduce((sum, l) => sum + l.pending, 0),
    lanes,
    deadLetters: deadLetters(db),
  };
}

function laneStatus(db: RegisterDb, monitor: SyncMonitor, destination: string, state: string, now: Date): SyncLaneStatus {
  const local = laneBacklog(db, destination);
  const connectivity = monitor.connectivity(destination);
  const backlog = withDownstream(local, connectivity?.downstream ?? null);
  const deadline = destination === TRACEABILITY_LANE ? reportingDeadlineFor(state) : null;
  return {
    destination,
    label: LABELS[destination] ?? destination,
    configured: monitor.destinations.includes(destination),
    online: connectivity?.online ?? null,
    circuit: connectivity?.circuit ?? null,
    pending: backlog.pending,
    held: local.held,
    dead: backlog.dead,
    oldestPendingAt: backlog.oldestPendingAt?.toISOString() ?? null,
    lastSuccessAt: local.lastSuccessAt?.toISOString() ?? null,
    lastError: backlog.lastError ?? connectivity?.lastError ?? local.lastError,
    deadline: deadline === null ? null : { hours: deadline.hours, risk: deadlineRisk(deadline, backlog.oldestPendingAt, now), citation: deadline.citation },
  };
}

/**
 * In a store with a server (issue #20) a sale handed over is not yet in
 * Metrc: what the store's reporter still owes counts here too, so the
 * header's backlog and reporting deadline stay true at every register.
 */
function withDownstream(
  local: { readonly pending: number; readonly dead: number; readonly oldestPendingAt: Date | null },
  downstream: DownstreamBacklog | null,
): { pending: number; dead: number; oldestPendingAt: Date | null; lastError: string | null } {
  if (downstream === null) return { ...local, lastError: null };
  const oldest = [local.oldestPendingAt, downstream.oldestPendingAt].filter((d): d is Date => d !== null).sort((a, b) => a.getTime() - b.getTime())[0] ?? null;
  return {
    pending: local.pending + downstream.pending,
    dead: local.dead + downstream.parked,
    oldestPendingAt: oldest,
    lastError: downstream.delivering
      ? downstream.parked > 0
        ? `${downstream.parked} report(s) wait for staff on the store server (store-metrc-status).`
        : null
      : 'The store server has no Metrc keys for this licence: an admin runs store-metrc-set there. Sales wait on the server until then.',
  };
}

function deadLetters(db: RegisterDb): DeadLetter[] {
  return db
    .select({
      itemId: outbox.id,
      destination: outbox.destination,
      kind: outbox.kind,
      saleNumber: sales.saleNumber,
      error: outbox.lastError,
      attempts: outbox.attempts,
      createdAt: outbox.createdAt,
      updatedAt: outbox.updatedAt,
    })
    .from(outbox)
    .leftJoin(sales, eq(sales.id, outbox.aggregateId))
    .where(eq(outbox.status, 'dead'))
    .orderBy(asc(outbox.id))
    .limit(100)
    .all()
    .map((row) => ({
      ...row,
      error: row.error ?? 'Refused without a message.',
      createdAt: row.createdAt.toISOString(),
      updatedAt: row.updatedAt.toISOString(),
    }));
}
