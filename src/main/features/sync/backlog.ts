import { sql } from 'drizzle-orm';
import type { RegisterDb } from '../../platform/db/open';

export interface LaneBacklog {
  /** Waiting to go (including in flight and held). */
  readonly pending: number;
  /** Waiting on a parked item: they go once staff deals with it. */
  readonly held: number;
  /** Free to go now or after their backoff. */
  readonly ready: number;
  /** Parked for staff. */
  readonly dead: number;
  readonly oldestPendingAt: Date | null;
  readonly lastSuccessAt: Date | null;
  readonly lastFailureAt: Date | null;
  readonly lastError: string | null;
}

/**
 * One lane's queue, from the database (so every terminal and the CLI see the
 * same), in time independent of the backlog (issue #18: the header polls it
 * every 2 s): the counts kept with the outbox (outbox_counts, migration
 * 0019), the oldest waiting item as a min per status over (destination,
 * status, created_at), and the held items found from the parked ones (few) through
 * the dependency index: CROSS JOIN keeps SQLite from walking the waiting
 * items instead.
 */
export function laneBacklog(db: RegisterDb, destination: string): LaneBacklog {
  const counts = db.get<{ pending: number; dead: number; oldest: number | null }>(sql`
    SELECT
      (SELECT coalesce(sum(items), 0) FROM outbox_counts WHERE destination = ${destination} AND status IN ('pending', 'in_flight')) AS pending,
      (SELECT coalesce(sum(items), 0) FROM outbox_counts WHERE destination = ${destination} AND status = 'dead') AS dead,
      (SELECT min(oldest) FROM (
        SELECT min(created_at) AS oldest FROM outbox WHERE destination = ${destination} AND status = 'pending'
        UNION ALL
        SELECT min(created_at) FROM outbox WHERE destination = ${destination} AND status = 'in_flight')) AS oldest`);
  const held = db.get<{ held: number }>(sql`
    SELECT count(*) AS held FROM outbox d CROSS JOIN outbox o ON o.depends_on = d.id
    WHERE d.status = 'dead' AND o.destination = ${destination} AND o.status = 'pending'`);
  const lane = db.get<{ lastSuccessAt: number | null; lastFailureAt: number | null; lastError: string | null }>(sql`
    SELECT last_success_at AS lastSuccessAt, last_failure_at AS lastFailureAt, last_error AS lastError FROM sync_lanes WHERE destination = ${destination}`);
  const heldCount = held?.held ?? 0;
  return {
    pending: counts?.pending ?? 0,
    held: heldCount,
    ready: (counts?.pending ?? 0) - heldCount,
    dead: counts?.dead ?? 0,
    oldestPendingAt: counts?.oldest == null ? null : new Date(counts.oldest),
    lastSuccessAt: lane?.lastSuccessAt == null ? null : new Date(lane.lastSuccessAt),
    lastFailureAt: lane?.lastFailureAt == null ? null : new Date(lane.lastFailureAt),
    lastError: lane?.lastError ?? null,
  };
}
