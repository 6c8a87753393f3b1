import { and, asc, eq, inArray, lt, sql } from 'drizzle-orm';
import { AppError } from '../../../shared/errors';
import { appendAudit } from '../../platform/audit/log';
import type { RegisterDb } from '../../platform/db/open';
import { outbox, syncLanes } from '../../platform/db/schema';
import { writeTransaction, type RegisterTx } from '../../platform/db/transaction';
import type { ItemOutcome, OutboxItem } from '../../../shared/sync/lane';

/** Candidates read per claim (held items are filtered out in SQL, so a pile of them never hides ready work). */
const LOOKAHEAD = 50;
/** With per-aggregate ordering, items waiting on one still out are skipped: read this many per page, and at most this many pages per claim. */
const PAGE = 100;
const MAX_PAGES = 10;

export type LaneOrdering = 'lane' | 'aggregate';

/**
 * Items left in flight by a crash (or a kill) go back to pending. Their
 * attempt count stays, so the adapter looks before it sends them again.
 */
export function recoverInFlight(db: RegisterDb, now: Date): number {
  return db.update(outbox).set({ status: 'pending', updatedAt: now }).where(eq(outbox.status, 'in_flight')).run().changes;
}

/**
 * Takes the next items of a lane, in id (FIFO) order, and marks them in
 * flight — committed before anything is sent, so a crash mid-request is
 * seen at restart as "may have been delivered". Only pending items are
 * taken, so two batches out at once never share an item.
 *
 * An item whose dependency is parked (dead) is held and skipped, so it never
 * blocks the items behind it. With `'lane'` ordering (the default) the head
 * of the lane waits out its backoff and an item whose dependency has not
 * gone yet ends the batch: order is kept across the lane. With
 * `'aggregate'` ordering an item waits (and so do the later items of its
 * aggregate) while its dependency is not delivered, while an earlier item of
 * its aggregate is in flight, waiting or backing off, or while its own
 * backoff runs; the items behind it still fill the batch.
 */
export function claimBatch(db: RegisterDb, destination: string, limit: number, now: Date, ordering: LaneOrdering = 'lane'): OutboxItem[] {
  return writeTransaction(db, (tx) => {
    const taken = ordering === 'lane' ? takeInLaneOrder(tx, destination, limit, now) : takeInAggregateOrder(tx, destination, limit, now);
    if (taken.length === 0) return [];
    const ids = taken.map((row) => row.id);
    tx.update(outbox)
      .set({
        status: 'in_flight',
        attempts: sql`${outbox.attempts} + 1`,
        firstAttemptAt: sql`coalesce(${outbox.firstAttemptAt}, ${now.getTime()})`,
        updatedAt: now,
      })
      .where(inArray(outbox.id, ids))
      .run();
    return taken.map((row) => toItem(tx, destination, row, now));
  });
}

/** Pending items after `afterId`, oldest first, without those held by a parked dependency. */
function candidates(tx: RegisterTx, destination: string, afterId: number, limit: number): CandidateRow[] {
  return tx.all<CandidateRow>(sql`
    SELECT o.id, o.kind, o.aggregate_id AS aggregateId, o.payload, o.attempts, o.first_attempt_at AS firstAttemptAt,
           o.next_attempt_at AS nextAttemptAt, o.depends_on AS dependsOn, o.created_at AS createdAt,
           d.status AS dependencyStatus, d.external_ids AS dependencyExternalIds, d.payload AS dependencyPayload
    FROM outbox o LEFT JOIN outbox d ON d.id = o.depends_on
    WHERE o.destination = ${destination} AND o.status = 'pending' AND o.id > ${afterId} AND (d.id IS NULL OR d.status <> 'dead')
    ORDER BY o.id LIMIT ${limit}`);
}

function dependencyDelivered(row: CandidateRow): boolean {
  return row.dependsOn === null || row.dependencyStatus === 'done' || row.dependencyStatus === 'resolved';
}

function takeInLaneOrder(tx: RegisterTx, destination: string, limit: number, now: Date): CandidateRow[] {
  const taken: CandidateRow[] = [];
  for (const row of candidates(tx, destination, 0, Math.max(LOOKAHEAD, limit))) {
    if (taken.length >= limit || row.nextAttemptAt > now.getTime()) break;
    if (!dependencyDelivered(row)) break;
    taken.push(row);
  }
  return taken;
}

function takeInAggregateOrder(tx: RegisterTx, destination: string, limit: number, now: Date): CandidateRow[] {
  // An aggregate with an item out (another batch in flight) waits for its answer.
  const waiting = new Set(
    tx
      .all<{ aggregateId: string }>(sql`SELECT DISTINCT aggregate_id AS aggregateId FROM outbox WHERE destination = ${destination} AND status = 'in_flight'`)
      .map((row) => row.aggregateId),
  );
  const taken: CandidateRow[] = [];
  let afterId = 0;
  for (let page = 0; page < MAX_PAGES && taken.length < limit; page += 1) {
    const rows = candidates(tx, destination, afterId, PAGE);
    for (const row of rows) {
      if (taken.length >= limit) break;
      afterId = row.id;
      // Earlier items of an aggregate go first; one that cannot go now holds the later ones of its aggregate, and only those.
      if (waiting.has(row.aggregateId) || row.nextAttemptAt > now.getTime() || !dependencyDelivered(row)) {
        waiting.add(row.aggregateId);
        continue;
      }
      taken.push(row);
    }
    if (rows.length < PAGE) break;
  }
  return taken;
}

interface CandidateRow {
  readonly id: number;
  readonly kind: string;
  readonly aggregateId: string;
  readonly payload: string;
  readonly attempts: number;
  readonly firstAttemptAt: number | null;
  readonly nextAttemptAt: number;
  readonly dependsOn: number | null;
  readonly createdAt: number;
  readonly dependencyStatus: string | null;
  readonly dependencyExternalIds: string | null;
  readonly dependencyPayload: string | null;
}

function toItem(tx: RegisterTx, destination: string, row: CandidateRow, now: Date): OutboxItem {
  const earlier =
    row.kind === 'receipt.create'
      ? []
      : tx
          .select({ id: outbox.id, kind: outbox.kind, payload: outbox.payload })
          .from(outbox)
          .where(and(eq(outbox.destination, destination), eq(outbox.aggregateId, row.aggregateId), lt(outbox.id, row.id)))
          .orderBy(asc(outbox.id))
          .all();
  return {
    id: row.id,
    kind: row.kind,
    aggregateId: row.aggregateId,
    payload: JSON.parse(row.payload) as unknown,
    attempts: row.attempts + 1,
    firstAttemptAt: new Date(row.firstAttemptAt ?? now.getTime()),
    createdAt: new Date(row.createdAt),
    dependencyExternalIds: row.dependencyExternalIds === null ? null : (JSON.parse(row.dependencyExternalIds) as unknown),
    dependencyPayload: row.dependencyPayload === null ? null : (JSON.parse(row.dependencyPayload) as unknown),
    earlier,
  };
}

/** Records what happened to each item of a batch, in one transaction; `retryDelayMs` says when each retry is due. */
export function settleBatch(
  db: RegisterDb,
  destination: string,
  outcomes: ReadonlyMap<number, ItemOutcome>,
  retryDelayMs: (itemId: number) => number,
  now: Date,
): void {
  writeTransaction(db, (tx) => {
    let delivered = false;
    let lastError: string | null = null;
    for (const [id, outcome] of outcomes) {
      switch (outcome.status) {
        case 'done':
          delivered = true;
          tx.update(outbox)
            .set({ status: 'done', externalIds: outcome.externalIds ?? null, lastError: null, updatedAt: now })
            .where(eq(outbox.id, id))
            .run();
          break;
        case 'dead':
          lastError = outcome.error;
          tx.update(outbox).set({ status: 'dead', lastError: outcome.error, updatedAt: now }).where(eq(outbox.id, id)).run();
          break;
        case 'retry':
          lastError = outcome.error;
          tx.update(outbox)
            .set({ status: 'pending', lastError: outcome.error, nextAttemptAt: new Date(now.getTime() + retryDelayMs(id)), updatedAt: now })
            .where(eq(outbox.id, id))
            .run();
          break;
      }
    }
    noteLane(tx, destination, now, delivered, lastError);
  });
}

/**
 * Settles a batch and, in the same transaction (one commit, one fsync),
 * claims the next batch for the slot it frees: what the answer released
 * (a void whose receipt just went) can leave with it.
 */
export function settleAndClaim(
  db: RegisterDb,
  destination: string,
  outcomes: ReadonlyMap<number, ItemOutcome>,
  retryDelayMs: (itemId: number) => number,
  now: Date,
  next: { readonly limit: number; readonly ordering: LaneOrdering },
): OutboxItem[] {
  return writeTransaction(db, () => {
    settleBatch(db, destination, outcomes, retryDelayMs, now);
    return claimBatch(db, destination, next.limit, now, next.ordering);
  });
}

function noteLane(tx: RegisterTx, destination: string, now: Date, delivered: boolean, lastError: string | null): void {
  const change = {
    ...(delivered ? { lastSuccessAt: now } : {}),
    ...(lastError === null ? {} : { lastFailureAt: now, lastError }),
  };
  if (Object.keys(change).length === 0) return;
  tx.insert(syncLanes)
    .values({ destination, ...change })
    .onConflictDoUpdate({ target: syncLanes.destination, set: change })
    .run();
}

/** Staff sends a parked item again (after fixing what Metrc complained about). */
export function retryDeadLetter(
  db: RegisterDb,
  request: { readonly itemId: number; readonly staffId: string; readonly terminalId: string; readonly now: Date },
): void {
  writeTransaction(db, (tx) => {
    const item = deadItem(tx, request.itemId);
    tx.update(outbox).set({ status: 'pending', nextAttemptAt: request.now, updatedAt: request.now }).where(eq(outbox.id, item.id)).run();
    appendAudit(tx, {
      at: request.now,
      staffId: request.staffId,
      terminalId: request.terminalId,
      action: 'sync.retry',
      entityType: 'outbox',
      entityId: String(item.id),
      before: { status: 'dead', error: item.lastError },
    });
  });
}

/**
 * Staff sends every parked item of one lane again, in one audited step: a
 * wrong key or secret parks a whole backlog, and retrying it item by item
 * would take an afternoon. Returns how many went back to the queue.
 */
export function retryDeadLane(
  db: RegisterDb,
  request: { readonly destination: string; readonly staffId: string; readonly terminalId: string; readonly now: Date },
): number {
  return writeTransaction(db, (tx) => {
    const parked = tx
      .update(outbox)
      .set({ status: 'pending', nextAttemptAt: request.now, updatedAt: request.now })
      .where(and(eq(outbox.destination, request.destination), eq(outbox.status, 'dead')))
      .returning({ id: outbox.id })
      .all()
      .map((row) => row.id);
    if (parked.length === 0)
      throw new AppError('SYNC_NOTHING_PARKED', 'Nothing is waiting for staff for this destination any more (someone else may have dealt with it).');
    appendAudit(tx, {
      at: request.now,
      staffId: request.staffId,
      terminalId: request.terminalId,
      action: 'sync.retry_lane',
      entityType: 'outbox_lane',
      entityId: request.destination,
      after: { retried: parked.length, firstItemId: parked.reduce((a, b) => Math.min(a, b)), lastItemId: parked.reduce((a, b) => Math.max(a, b)) },
    });
    return parked.length;
  });
}

/**
 * Staff settles a parked item by hand (e.g. entered in Metrc's own site),
 * with a reason. Items waiting on it are released.
 */
export function resolveDeadLetter(
  db: RegisterDb,
  request: { readonly itemId: number; readonly reason: string; readonly staffId: string; readonly terminalId: string; readonly now: Date },
): void {
  writeTransaction(db, (tx) => {
    const item = deadItem(tx, request.itemId);
    tx.update(outbox)
      .set({ status: 'resolved', resolvedBy: request.staffId, resolution: request.reason, updatedAt: request.now })
      .where(eq(outbox.id, item.id))
      .run();
    appendAudit(tx, {
      at: request.now,
      staffId: request.staffId,
      terminalId: request.terminalId,
      action: 'sync.resolve',
      entityType: 'outbox',
      entityId: String(item.id),
      before: { status: 'dead', error: item.lastError },
      after: { status: 'resolved', reason: request.reason },
    });
  });
}

function deadItem(tx: RegisterTx, itemId: number): { id: number; lastError: string | null } {
  const item = tx.select({ id: outbox.id, status: outbox.status, lastError: outbox.lastError }).from(outbox).where(eq(outbox.id, itemId)).get();
  if (item === undefined) throw new AppError('SYNC_ITEM_NOT_FOUND', 'No such item in the sync queue.');
  if (item.status !== 'dead') throw new AppError('SYNC_ITEM_NOT_PARKED', 'This item is not waiting for staff any more (someone else may have dealt with it).');
  return item;
}
