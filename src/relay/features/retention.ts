import { and, eq, lt, sql } from 'drizzle-orm';
import { AppError } from '../../shared/errors';
import type { RelayDb } from '../db/open';
import { relayStores } from '../db/schema';

/**
 * The relay keeps less (issue #21): it is internet-facing, so customer data
 * it no longer needs should not be there to leak. An inbound text's sender
 * number and body are needed until the store has taken the text (its STOP
 * is then in the store's own ledger); an order's customer name and phone
 * until the order has ended and the platform's own retention (Leafly: 24 h
 * after a final state) and any dispute have passed. After the retention
 * (30 days by default, GREENTILL_RELAY_RETENTION_DAYS) both are emptied;
 * the rows themselves stay, so a redelivery is still stored once and the
 * order's cursor and statuses keep working.
 */
export const DEFAULT_RETENTION_DAYS = 30;

const DAY_MS = 24 * 60 * 60_000;

/** The retention in days from a setting (flag or environment): absent, the default; anything but a whole number of days from 1 to 3650 is refused. */
export function retentionDaysFrom(raw: string | undefined): number {
  if (raw === undefined || raw.trim() === '') return DEFAULT_RETENTION_DAYS;
  const days = Number(raw);
  if (!Number.isSafeInteger(days) || days < 1 || days > 3650)
    throw new AppError('RELAY_RETENTION_INVALID', `The retention is a whole number of days from 1 to 3650, not “${raw}”.`);
  return days;
}

/** One relay instance purges at a time (several may share a database behind a load balancer). */
const PURGE_LOCK = 2_100_023;

/** A pull after `after` says the store committed everything up to it: the purge may then consider those rows. */
export async function recordTaken(db: RelayDb, storeId: string, feed: 'events' | 'texts', after: number): Promise<void> {
  if (after <= 0) return;
  const column = feed === 'events' ? relayStores.eventsTakenThrough : relayStores.textsTakenThrough;
  // Only ever forward (a store restored from an older backup asks after a lower cursor: nothing is un-taken).
  await db
    .update(relayStores)
    .set(feed === 'events' ? { eventsTakenThrough: after } : { textsTakenThrough: after })
    .where(and(eq(relayStores.id, storeId), lt(column, after)));
}

export interface PurgeResult {
  /** Inbound texts whose number and body were emptied. */
  readonly texts: number;
  /** Order events whose customer name and phone were emptied. */
  readonly orderEvents: number;
  /** False: another relay instance was purging. */
  readonly ran: boolean;
}

/**
 * Empties what is past its retention: texts the store has taken, received
 * before the cutoff; and the contact fields of every event of an order the
 * store has taken whose final state (a final status the store sent, or the
 * platform's cancellation) is older than the cutoff. Idempotent.
 */
export async function purgeCustomerData(db: RelayDb, now: Date, retentionDays = DEFAULT_RETENTION_DAYS): Promise<PurgeResult> {
  const cutoff = new Date(now.getTime() - retentionDays * DAY_MS).toISOString();
  const at = now.toISOString();
  return db.transaction(async (tx) => {
    const lock = await tx.execute<{ locked: boolean }>(sql`SELECT pg_try_advisory_xact_lock(${PURGE_LOCK}) AS locked`);
    if (lock.rows[0]?.locked !== true) return { texts: 0, orderEvents: 0, ran: false };
    const texts = await tx.execute(sql`
      UPDATE inbound_texts t SET from_phone = NULL, body = NULL, purged_at = ${at}
      FROM relay_stores s
      WHERE s.id = t.store_id AND t.purged_at IS NULL AND t.seq <= s.texts_taken_through AND t.received_at < ${cutoff}`);
    // An order's end: the final status the store sent (picked up, cancelled, expired), or a cancellation from the platform.
    const orders = await tx.execute(sql`
      WITH ended AS (
        SELECT connection_id, order_id, min(created_at) AS ended_at
          FROM relay_jobs WHERE kind = 'status' AND status IN ('picked_up', 'canceled', 'expired') GROUP BY connection_id, order_id
        UNION ALL
        SELECT connection_id, order_id, min(received_at)
          FROM order_events WHERE kind = 'cancel' OR (kind = 'status' AND payload->>'status' IN ('picked_up', 'canceled', 'cancelled', 'expired'))
          GROUP BY connection_id, order_id
      ), old AS (SELECT connection_id, order_id FROM ended GROUP BY connection_id, order_id HAVING min(ended_at) < ${cutoff})
      UPDATE order_events e
         SET payload = jsonb_set(jsonb_set(e.payload, '{order,customerName}', 'null'::jsonb), '{order,customerPhone}', 'null'::jsonb),
             contact_purged_at = ${at}
        FROM relay_stores s, old
       WHERE s.id = e.store_id AND old.connection_id = e.connection_id AND old.order_id = e.order_id
         AND e.contact_purged_at IS NULL AND e.seq <= s.events_taken_through AND jsonb_typeof(e.payload->'order') = 'object'`);
    return { texts: texts.rowCount ?? 0, orderEvents: orders.rowCount ?? 0, ran: true };
  });
}
