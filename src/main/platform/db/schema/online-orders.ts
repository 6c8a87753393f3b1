import { sqliteTable, text, integer, index, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { carts } from './checkout';
import { products } from './catalog';
import { substitutionAgreements } from '../../../../shared/domain/online-orders/substitution';

/**
 * new → accepted → picking → ready → completed; or rejected/cancelled
 * (by the store, or the customer on the platform) or expired (not accepted
 * in time, or not picked up): every one of those releases the cart's holds.
 */
export const onlineOrderStatuses = ['new', 'accepted', 'picking', 'ready', 'completed', 'cancelled', 'expired'] as const;
export type OnlineOrderStatus = (typeof onlineOrderStatuses)[number];

/**
 * An online order pulled from the relay (issue #21), once per connection
 * and platform order id. Accepting it opens a parked cart that holds its
 * stock (as any parked cart does); handover resumes that cart at the counter.
 */
export const onlineOrders = sqliteTable(
  'online_orders',
  {
    id: text('id').primaryKey(),
    connectionId: text('connection_id').notNull(),
    platform: text('platform').notNull(),
    platformOrderId: text('platform_order_id').notNull(),
    status: text('status', { enum: onlineOrderStatuses }).notNull(),
    customerName: text('customer_name'),
    /** For order texts, sealed; kept only from a platform that lets the store text its customers. */
    customerPhoneSealed: text('customer_phone_sealed'),
    cartId: text('cart_id').references(() => carts.id, { onDelete: 'restrict' }),
    /** Why it ended without a sale: the store's reason, the platform's cancel reason, or the expiry. */
    endReason: text('end_reason'),
    receivedAt: integer('received_at', { mode: 'timestamp_ms' }).notNull(),
    /** Accept by this instant (the platform's deadline for the store). */
    acceptBy: integer('accept_by', { mode: 'timestamp_ms' }).notNull(),
    /** Once accepted: released and expired if not handed over by this instant. */
    pickupBy: integer('pickup_by', { mode: 'timestamp_ms' }),
    updatedAt: integer('updated_at', { mode: 'timestamp_ms' }).notNull(),
  },
  (t) => [
    uniqueIndex('online_orders_platform_order').on(t.connectionId, t.platformOrderId),
    index('online_orders_status').on(t.status),
    // Every sale and cart view asks whether its cart is a prepaid order (checkout/prepaid-order.ts): by index, not a scan of every order ever (issue #18).
    index('online_orders_cart_idx').on(t.cartId),
  ],
);

/** What the customer ordered, line by line, with what has been picked against it. */
export const onlineOrderLines = sqliteTable(
  'online_order_lines',
  {
    id: text('id').primaryKey(),
    orderId: text('order_id')
      .notNull()
      .references(() => onlineOrders.id, { onDelete: 'restrict' }),
    lineNumber: integer('line_number').notNull(),
    productRef: text('product_ref').notNull(),
    /** The store's product the reference names (its SKU), once matched at acceptance. */
    productId: text('product_id').references(() => products.id, { onDelete: 'restrict' }),
    name: text('name').notNull(),
    quantity: integer('quantity').notNull(),
    unitPriceCents: integer('unit_price_cents').notNull(),
    picked: integer('picked').notNull().default(0),
  },
  (t) => [uniqueIndex('online_order_lines_line').on(t.orderId, t.lineNumber)],
);

/** Where the register is in the relay's event stream, per relay (one row). */
export const onlineOrderFeed = sqliteTable('online_order_feed', {
  id: text('id').primaryKey(),
  cursor: integer('cursor').notNull(),
  lastPulledAt: integer('last_pulled_at', { mode: 'timestamp_ms' }),
  lastError: text('last_error'),
});

/** Each package scanned against an order line while picking (a tag must be of the line's product). */
export const onlineOrderPicks = sqliteTable(
  'online_order_picks',
  {
    id: text('id').primaryKey(),
    lineId: text('line_id')
      .notNull()
      .references(() => onlineOrderLines.id, { onDelete: 'restrict' }),
    packageTag: text('package_tag').notNull(),
    quantity: integer('quantity').notNull(),
    pickedAt: integer('picked_at', { mode: 'timestamp_ms' }).notNull(),
    staffId: text('staff_id'),
  },
  (t) => [index('online_order_picks_line').on(t.lineId)],
);

/** The order relay this register (or its store) pulls from: one row; the store's credential sealed with the register's data key. */
export const onlineOrderRelay = sqliteTable('online_order_relay', {
  id: text('id').primaryKey(),
  url: text('url').notNull(),
  credentialSealed: text('credential_sealed').notNull(),
  updatedAt: integer('updated_at', { mode: 'timestamp_ms' }).notNull(),
  updatedBy: text('updated_by'),
});

/** A line's product swapped for another before it was picked, with how the customer agreed and who recorded it. */
export const onlineOrderSubstitutions = sqliteTable(
  'online_order_substitutions',
  {
    id: text('id').primaryKey(),
    lineId: text('line_id')
      .notNull()
      .references(() => onlineOrderLines.id, { onDelete: 'restrict' }),
    fromName: text('from_name').notNull(),
    fromProductId: text('from_product_id').references(() => products.id, { onDelete: 'restrict' }),
    toProductId: text('to_product_id')
      .notNull()
      .references(() => products.id, { onDelete: 'restrict' }),
    toName: text('to_name').notNull(),
    agreedVia: text('agreed_via', { enum: substitutionAgreements }).notNull(),
    note: text('note'),
    at: integer('at', { mode: 'timestamp_ms' }).notNull(),
    staffId: text('staff_id'),
  },
  (t) => [index('online_order_substitutions_line').on(t.lineId)],
);
