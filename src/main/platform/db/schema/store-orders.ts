import { sqliteTable, text, integer, primaryKey } from 'drizzle-orm/sqlite-core';

/**
 * Online orders in a store with a server (issue #21): the store server is
 * the store's one puller from the relay. This row, kept from the server's
 * lease answer, says it pulls — while this register is paired it does not
 * pull itself.
 */
export const storeOrderSource = sqliteTable('store_order_source', {
  id: text('id').primaryKey(),
  /** When the server first said so. */
  since: integer('since', { mode: 'timestamp_ms' }).notNull(),
});

/**
 * Which register of the store took an online order (accepted or rejected
 * it), as the store server decided and published: another register shows
 * the order as taken there and does not offer to accept it.
 */
export const onlineOrderClaims = sqliteTable(
  'online_order_claims',
  {
    connectionId: text('connection_id').notNull(),
    platformOrderId: text('platform_order_id').notNull(),
    /** The store server's id of the register that took it. */
    terminalId: text('terminal_id').notNull(),
    terminalName: text('terminal_name').notNull(),
    action: text('action', { enum: ['accept', 'reject'] }).notNull(),
    claimedAt: integer('claimed_at', { mode: 'timestamp_ms' }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.connectionId, t.platformOrderId] })],
);
