import { sqliteTable, text, integer, index, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { stores, terminals, staff } from './store';
import { customers, customerTypes } from './customers';
import { products, packages } from './catalog';

export const saleStatuses = ['completed', 'voided'] as const;

/**
 * A completed sale. `id` is stable and globally unique: it is the
 * ExternalReceiptNumber sent to Metrc, so replays can be looked up.
 */
export const sales = sqliteTable(
  'sales',
  {
    id: text('id').primaryKey(),
    storeId: text('store_id')
      .notNull()
      .references(() => stores.id, { onDelete: 'restrict' }),
    terminalId: text('terminal_id')
      .notNull()
      .references(() => terminals.id, { onDelete: 'restrict' }),
    saleNumber: text('sale_number').notNull(),
    staffId: text('staff_id')
      .notNull()
      .references(() => staff.id, { onDelete: 'restrict' }),
    customerId: text('customer_id').references(() => customers.id, { onDelete: 'restrict' }),
    customerType: text('customer_type', { enum: customerTypes }).notNull(),
    status: text('status', { enum: saleStatuses }).notNull(),
    subtotalCents: integer('subtotal_cents').notNull(),
    discountCents: integer('discount_cents').notNull(),
    taxCents: integer('tax_cents').notNull(),
    totalCents: integer('total_cents').notNull(),
    /** The compliance decision (rules, version, verified online/offline) recorded with the sale. */
    complianceDecision: text('compliance_decision', { mode: 'json' }),
    completedAt: integer('completed_at', { mode: 'timestamp_ms' }).notNull(),
    /** Set when the sale was made while the state system could not be reached. */
    madeOffline: integer('made_offline', { mode: 'boolean' }).notNull().default(false),
    /** When an offline sale was checked again against the state system after reconnecting. */
    reverifiedAt: integer('reverified_at', { mode: 'timestamp_ms' }),
    drawerSessionId: text('drawer_session_id'),
    /** The cart this sale completed: a cart completes once, so a retried completion finds its sale (idempotency key). */
    cartId: text('cart_id'),
    /** Made while this register was paired with a store server it could not reach: its limits were checked here alone (issue #20). */
    storeIsolated: integer('store_isolated', { mode: 'boolean' }).notNull().default(false),
    /** The store settings version the sale was priced with (0: a single register, no store server). */
    configVersion: integer('config_version').notNull().default(0),
    voidedAt: integer('voided_at', { mode: 'timestamp_ms' }),
    voidedBy: text('voided_by'),
    voidReason: text('void_reason'),
  },
  (t) => [
    uniqueIndex('sales_terminal_number_unique').on(t.terminalId, t.saleNumber),
    uniqueIndex('sales_cart_unique').on(t.cartId),
    // The customer's purchase history reads this alone, newest first, the sale id breaking ties for its cursor (customer-profile/purchase-history.ts).
    index('sales_customer_time_idx').on(t.customerId, t.completedAt, t.id),
    index('sales_completed_idx').on(t.completedAt),
    index('sales_offline_reverify_idx').on(t.madeOffline, t.reverifiedAt),
  ],
);

export const saleLines = sqliteTable(
  'sale_lines',
  {
    id: text('id').primaryKey(),
    saleId: text('sale_id')
      .notNull()
      .references(() => sales.id, { onDelete: 'restrict' }),
    lineNumber: integer('line_number').notNull(),
    productId: text('product_id')
      .notNull()
      .references(() => products.id, { onDelete: 'restrict' }),
    /** Every line draws from one concrete Metrc package. */
    packageTag: text('package_tag')
      .notNull()
      .references(() => packages.tag, { onDelete: 'restrict' }),
    /** Count for `each` packages, milligrams for weight packages. */
    quantity: integer('quantity').notNull(),
    unitPriceCents: integer('unit_price_cents').notNull(),
    grossCents: integer('gross_cents').notNull(),
    discountCents: integer('discount_cents').notNull(),
    taxCents: integer('tax_cents').notNull(),
    netCents: integer('net_cents').notNull(),
  },
  (t) => [uniqueIndex('sale_lines_sale_line_unique').on(t.saleId, t.lineNumber), index('sale_lines_package_idx').on(t.packageTag)],
);

/** `prepaid`: an online order the platform charged (issue #21): no drawer session, no change, refunded by the platform. */
export const tenders = ['cash', 'debit', 'card', 'prepaid', 'store_credit'] as const;

export const payments = sqliteTable(
  'payments',
  {
    id: text('id').primaryKey(),
    saleId: text('sale_id')
      .notNull()
      .references(() => sales.id, { onDelete: 'restrict' }),
    /** `payment` takes money in; `refund` gives it back (for a return or a void). Amounts are always positive. */
    direction: text('direction', { enum: ['payment', 'refund'] })
      .notNull()
      .default('payment'),
    returnId: text('return_id'),
    /** The drawer session the money moved through (cash and card alike, for the Z-report). */
    drawerSessionId: text('drawer_session_id'),
    tender: text('tender', { enum: tenders }).notNull(),
    /** Amount applied to the sale (after change). */
    amountCents: integer('amount_cents').notNull(),
    /** Cash handed over; change = tendered - amount. */
    tenderedCents: integer('tendered_cents').notNull(),
    changeCents: integer('change_cents').notNull(),
    /** Reference number from the external card/debit terminal. */
    reference: text('reference'),
    createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
  },
  (t) => [index('payments_sale_idx').on(t.saleId), index('payments_drawer_idx').on(t.drawerSessionId)],
);

export const returnDispositions = ['inventory', 'quarantine', 'destruction'] as const;

/** A return against a completed sale: some lines, some quantities, with a reason. */
export const saleReturns = sqliteTable(
  'sale_returns',
  {
    id: text('id').primaryKey(),
    saleId: text('sale_id')
      .notNull()
      .references(() => sales.id, { onDelete: 'restrict' }),
    returnNumber: text('return_number').notNull(),
    reason: text('reason').notNull(),
    disposition: text('disposition', { enum: returnDispositions }).notNull(),
    refundCents: integer('refund_cents').notNull(),
    staffId: text('staff_id').notNull(),
    approvedBy: text('approved_by'),
    createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
  },
  (t) => [index('sale_returns_sale_idx').on(t.saleId), uniqueIndex('sale_returns_number_unique').on(t.returnNumber)],
);

export const saleReturnLines = sqliteTable(
  'sale_return_lines',
  {
    id: text('id').primaryKey(),
    returnId: text('return_id')
      .notNull()
      .references(() => saleReturns.id, { onDelete: 'restrict' }),
    saleLineId: text('sale_line_id')
      .notNull()
      .references(() => saleLines.id, { onDelete: 'restrict' }),
    quantity: integer('quantity').notNull(),
    refundCents: integer('refund_cents').notNull(),
  },
  (t) => [index('sale_return_lines_line_idx').on(t.saleLineId)],
);
