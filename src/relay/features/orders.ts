import { and, asc, desc, eq, gt, inArray, isNull, sql } from 'drizzle-orm';
import type { RelayEvent, RelayOrder } from '../../shared/contract/relay';
import { relayStatusRequestSchema } from '../../shared/contract/relay';
import { canMove, isFinalStatus } from '../../shared/domain/online-orders/platform-status';
import { AppError } from '../../shared/errors';
import type { RelayDb } from '../db/open';
import { orderEvents, relayJobs, type RelayConnection } from '../db/schema';
import type { RelayStore } from './stores';
import { recordTaken } from './retention';
import type { ParsedEvent } from './platforms';

/** Inserts are serialised on this lock so the cursor (seq) order is commit order: a store never skips an event. */
const CURSOR_LOCK = 2_100_021;

/**
 * Stores one webhook event exactly once, and in the same transaction the
 * Leafly acknowledgement it calls for: the acknowledgement goes out only
 * once the order is committed. A redelivery stores nothing.
 */
export async function ingestEvent(db: RelayDb, connection: RelayConnection, event: ParsedEvent, now: Date): Promise<{ stored: boolean }> {
  return db.transaction(async (tx) => {
    await tx.execute(sql`SELECT pg_advisory_xact_lock(${CURSOR_LOCK})`);
    const inserted = await tx
      .insert(orderEvents)
      .values({
        connectionId: connection.id,
        storeId: connection.storeId,
        platform: connection.platform,
        orderId: event.orderId,
        eventId: event.eventId,
        kind: event.kind,
        payload: { order: event.order, status: event.status, cancelReason: event.cancelReason },
        receivedAt: now,
      })
      .onConflictDoNothing()
      .returning({ seq: orderEvents.seq });
    if (inserted.length > 0 && connection.platform === 'leafly' && event.kind === 'submit') {
      await tx
        .insert(relayJobs)
        .values({ kind: 'acknowledge', connectionId: connection.id, orderId: event.orderId, dedupeKey: 'ack', runAt: now, createdAt: now })
        .onConflictDoNothing();
    }
    return { stored: inserted.length > 0 };
  });
}

const MAX_PULL = 500;

/** The store's events after its cursor, oldest first (asking after N says the store has everything up to N: recorded for the purge). */
export async function pullEvents(db: RelayDb, store: RelayStore, after: number, limit = 200): Promise<{ events: RelayEvent[]; next: number }> {
  await recordTaken(db, store.id, 'events', after);
  const rows = await db
    .select()
    .from(orderEvents)
    .where(and(eq(orderEvents.storeId, store.id), gt(orderEvents.seq, after)))
    .orderBy(asc(orderEvents.seq))
    .limit(Math.max(1, Math.min(limit, MAX_PULL)));
  const events = rows.map((r): RelayEvent => {
    const p = r.payload as { order: RelayOrder | null; status: string | null; cancelReason: string | null };
    return {
      cursor: r.seq,
      connectionId: r.connectionId,
      platform: r.platform,
      orderId: r.orderId,
      eventId: r.eventId,
      kind: r.kind as RelayEvent['kind'],
      order: p.order,
      status: p.status,
      cancelReason: p.cancelReason,
      receivedAt: r.receivedAt.toISOString(),
    };
  });
  return { events, next: rows.at(-1)?.seq ?? after };
}

/**
 * A status change from the store. Forward-only: a status already taken (or
 * this statusId again) is a duplicate; a step back or anything after a final
 * status is refused. A queued earlier status not yet in flight is superseded
 * (the platform takes the later one directly). A connection with nowhere to
 * send statuses (a Jane or Greentill webhook connection made without a
 * status address) has the change recorded only, still forward-only.
 */
export async function queueStatus(
  db: RelayDb,
  store: RelayStore,
  connection: RelayConnection | null,
  body: unknown,
  now: Date,
): Promise<{ accepted: true; outcome: 'queued' | 'duplicate' | 'recorded' }> {
  const request = relayStatusRequestSchema.parse(body);
  if (connection === null || connection.storeId !== store.id || connection.id !== request.connectionId)
    throw new AppError('RELAY_ORDER_NOT_FOUND', `This store has no connection ${request.connectionId}.`);
  if (request.status === 'canceled' && request.cancelReason === null)
    throw new AppError('INVALID_INPUT', 'A cancellation names its reason (customer, dispensary, not_picked_up…).');
  return db.transaction(async (tx) => {
    await tx.execute(sql`SELECT pg_advisory_xact_lock(hashtext(${`${connection.id}/${request.orderId}`}))`);
    const events = await tx
      .select({ kind: orderEvents.kind })
      .from(orderEvents)
      .where(and(eq(orderEvents.connectionId, connection.id), eq(orderEvents.orderId, request.orderId)));
    if (!events.some((e) => e.kind === 'submit'))
      throw new AppError('RELAY_ORDER_NOT_FOUND', `The relay has no order ${request.orderId} from this connection.`);
    const [same] = await tx
      .select({ id: relayJobs.id })
      .from(relayJobs)
      .where(and(eq(relayJobs.connectionId, connection.id), eq(relayJobs.orderId, request.orderId), eq(relayJobs.dedupeKey, request.statusId)));
    if (same !== undefined) return { accepted: true as const, outcome: 'duplicate' as const };
    const [latest] = await tx
      .select({ status: relayJobs.status })
      .from(relayJobs)
      .where(and(eq(relayJobs.connectionId, connection.id), eq(relayJobs.orderId, request.orderId), eq(relayJobs.kind, 'status')))
      .orderBy(desc(relayJobs.id))
      .limit(1);
    const previous = latest?.status ?? (events.some((e) => e.kind === 'cancel') ? 'canceled' : null);
    if (previous === request.status) return { accepted: true as const, outcome: 'duplicate' as const };
    if (!canMove(previous, request.status)) {
      throw new AppError(
        previous !== null && isFinalStatus(previous) ? 'RELAY_STATUS_FINAL' : 'RELAY_STATUS_BACKWARDS',
        `Order ${request.orderId} is already ${previous ?? ''}: it cannot become ${request.status}.`,
      );
    }
    const recordOnly = connection.apiBase === null;
    if (!recordOnly) {
      // Earlier statuses still waiting (not claimed by a worker right now) collapse into this one.
      const waiting = await tx
        .select({ id: relayJobs.id })
        .from(relayJobs)
        .where(and(eq(relayJobs.connectionId, connection.id), eq(relayJobs.orderId, request.orderId), eq(relayJobs.kind, 'status'), isNull(relayJobs.doneAt)))
        .for('update', { skipLocked: true });
      if (waiting.length > 0)
        await tx
          .update(relayJobs)
          .set({ doneAt: now, outcome: 'superseded' })
          .where(
            inArray(
              relayJobs.id,
              waiting.map((w) => w.id),
            ),
          );
    }
    await tx.insert(relayJobs).values({
      kind: 'status',
      connectionId: connection.id,
      orderId: request.orderId,
      dedupeKey: request.statusId,
      status: request.status,
      reason: request.cancelReason,
      runAt: now,
      createdAt: now,
      ...(recordOnly ? { doneAt: now, outcome: 'recorded' } : {}),
    });
    return { accepted: true as const, outcome: recordOnly ? ('recorded' as const) : ('queued' as const) };
  });
}
