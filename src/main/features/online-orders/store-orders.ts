import { and, eq } from 'drizzle-orm';
import { relayEventSchema } from '../../../shared/contract/relay';
import { orderClaimResponseSchema } from '../../../shared/contract/store-server';
import { AppError } from '../../../shared/errors';
import type { RegisterDb } from '../../platform/db/open';
import type { RegisterTx } from '../../platform/db/transaction';
import { onlineOrderClaims, onlineOrders, storeLink, storeOrderSource } from '../../platform/db/schema';
import { logger } from '../../platform/logging/logger';
import type { StoreClient } from '../store-link/store-client';
import { StoreUnreachable } from '../store-link/store-client';
import { instantOf, jsonOf, type StoreRowApplier } from '../store-link/store-read-tables';
import { applyRelayEvent, type OnlineOrder } from './queue';

/**
 * Online orders in a store with a server (issue #21). The store server is
 * the store's one puller from the relay; its pulled events, its feed row and
 * each order's claim reach this register on the read path
 * (store-link/store-reads.ts), each PostgreSQL transaction applied in one
 * SQLite transaction with the stream position. An event enters the queue
 * by the same step the register's own pull uses (queue.ts applyRelayEvent).
 */
export const storeOrderTables: Readonly<Record<string, StoreRowApplier>> = {
  /**
   * An order event the store server pulled. An event this register cannot
   * read (a newer relay's shape) is logged and left out, as any unreadable
   * published row is; the server keeps it, so nothing is lost to the store.
   */
  store_order_events: (tx, { row, insert }, { keys, now }) => {
    if (!insert) return;
    const event = relayEventSchema.safeParse(jsonOf(row.event));
    if (!event.success) {
      logger.warn({ eventId: row.event_id }, 'online orders: an order event from the store server is not one this register can read');
      return;
    }
    applyRelayEvent(tx, event.data, now, keys);
  },

  /** Which register took an order, as the store server decided (the order is touched so an open Orders screen shows it). */
  order_claims: (tx, { row }, { now }) => {
    const action: 'accept' | 'reject' | null = row.action === 'accept' ? 'accept' : row.action === 'reject' ? 'reject' : null;
    if (action === null || row.connection_id == null || row.order_id == null) return;
    const fields = { terminalId: String(row.terminal_id), terminalName: String(row.terminal_name), action, claimedAt: instantOf(row.claimed_at) };
    tx.insert(onlineOrderClaims)
      .values({ connectionId: String(row.connection_id), platformOrderId: String(row.order_id), ...fields })
      .onConflictDoUpdate({ target: [onlineOrderClaims.connectionId, onlineOrderClaims.platformOrderId], set: fields })
      .run();
    tx.update(onlineOrders)
      .set({ updatedAt: now })
      .where(and(eq(onlineOrders.connectionId, String(row.connection_id)), eq(onlineOrders.platformOrderId, String(row.order_id))))
      .run();
  },
};

/** Paired with a store server that pulls the store's orders: this register must not pull them itself. */
export function storePullsOrders(db: RegisterDb | RegisterTx): boolean {
  const paired = db.select({ id: storeLink.id }).from(storeLink).get() !== undefined;
  return paired && db.select({ id: storeOrderSource.id }).from(storeOrderSource).get() !== undefined;
}

/** The register of this store that took the order, when it is not this one (as published by the store server). */
export function takenElsewhere(
  db: RegisterDb | RegisterTx,
  order: Pick<OnlineOrder, 'connectionId' | 'platformOrderId'>,
): typeof onlineOrderClaims.$inferSelect | null {
  const self = db.select({ id: storeLink.serverTerminalId }).from(storeLink).get()?.id;
  if (self === undefined) return null;
  const claim = db
    .select()
    .from(onlineOrderClaims)
    .where(and(eq(onlineOrderClaims.connectionId, order.connectionId), eq(onlineOrderClaims.platformOrderId, order.platformOrderId)))
    .get();
  return claim === undefined || claim.terminalId === self ? null : claim;
}

/**
 * Before a paired register accepts or rejects an order, it claims it at the
 * store server — synchronously, so the order is never taken at two
 * registers. The same register may claim again; another is refused with
 * the server's ORDER_TAKEN_ELSEWHERE naming who took it. A server that
 * cannot be asked refuses the accept: orders wait, the counter still sells.
 */
export async function claimAtStore(
  client: StoreClient,
  order: Pick<OnlineOrder, 'connectionId' | 'platformOrderId'>,
  action: 'accept' | 'reject',
): Promise<void> {
  try {
    await client.call('POST', '/v1/orders/claim', { connectionId: order.connectionId, orderId: order.platformOrderId, action }, orderClaimResponseSchema);
  } catch (error) {
    if (error instanceof StoreUnreachable)
      throw new AppError(
        'ORDER_CLAIM_UNREACHABLE',
        `${error.message} This order cannot be ${action === 'accept' ? 'accepted' : 'rejected'} here until it is back (another register might take it too); the counter can still sell.`,
      );
    throw error;
  }
}
