import { sqliteTable, text, integer } from 'drizzle-orm/sqlite-core';
import { onlineOrders } from './online-orders';
import { sales } from './sales';

/**
 * An online order the platform says it charged (issue #21): how much and
 * under what reference, as the order arrived. At handover the sale takes it
 * as a `prepaid` tender (no drawer, no change) and records here the
 * register's total and the difference (platform − register, cents), so a
 * price difference is kept and shown, never charged silently.
 */
export const onlineOrderPrepayments = sqliteTable('online_order_prepayments', {
  orderId: text('order_id')
    .primaryKey()
    .references(() => onlineOrders.id, { onDelete: 'restrict' }),
  amountCents: integer('amount_cents').notNull(),
  reference: text('reference').notNull(),
  saleId: text('sale_id').references(() => sales.id, { onDelete: 'restrict' }),
  registerTotalCents: integer('register_total_cents'),
  differenceCents: integer('difference_cents'),
});
