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

/** One lane's queue, from the database (so every terminal and the CLI see the same). Index-only counts: cheap at any size. */
export function laneBacklog(db: RegisterDb, destination: string): LaneBacklog {
  const counts = db.get<{ pending: number; dead: number; oldest: number | null }>(sql`
    SELECT
      (SELECT count(*) FROM outbox WHERE destination = ${destination} AND status IN ('pending', 'in_flight')) AS pending,
      (SELECT count(*) FROM outbox WHERE destination = ${destination} AND status = 'dead') AS dead,
      (SELECT min(created_at) FROM outbox WHERE destination = ${destination} AND status IN ('pending', 'in_flight')) AS oldest`);
  const held = db.get<{ held: number }>(sql`
    SELECT count(*) AS held FROM outbox o JOIN outbox d ON d.id = o.depends_on
    WHERE o.destination = ${destination} AND o.status = 'pending' AND d.status = 'dead'`);
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
