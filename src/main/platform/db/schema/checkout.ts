import { sqliteTable, text, integer, index, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { stores, terminals, staff } from './store';
import { customers, customerTypes } from './customers';
import { products, packages } from './catalog';

/** Promotions are data: `definition` holds the rule validated by the pricing engine's schema. */
export const promotions = sqliteTable(
  'promotions',
  {
    id: text('id').primaryKey(),
    storeId: text('store_id')
      .notNull()
      .references(() => stores.id, { onDelete: 'restrict' }),
    name: text('name').notNull(),
    definition: text('definition', { mode: 'json' }).notNull(),
    active: integer('active', { mode: 'boolean' }).notNull().default(true),
    createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
  },
  // Every priced cart reads the store's active promotions; ended ones stay on file for the reports (issue #18).
  (t) => [index('promotions_store_active_idx').on(t.storeId, t.active)],
);

/**
 * How many sales each promotion with a usage limit has applied to, kept in
 * each sale's transaction (issue #18): what `count(DISTINCT sale_id)` over
 * its promoted sale lines answers, without reading every such line on every
 * scan and sale. Like that count, it includes sales voided or returned
 * later. Promotions without a limit have no row: nothing reads their count.
 */
export const promotionUsage = sqliteTable('promotion_usage', {
  promotionId: text('promotion_id').primaryKey(),
  sales: integer('sales').notNull(),
});

export const cartStatuses = ['open', 'parked', 'completed', 'abandoned'] as const;

/**
 * A cart being rung at a terminal. Open and parked carts hold stock: a
 * package's sellable quantity is on hand minus every other cart's hold.
 */
export const carts = sqliteTable(
  'carts',
  {
    id: text('id').primaryKey(),
    terminalId: text('terminal_id')
      .notNull()
      .references(() => terminals.id, { onDelete: 'restrict' }),
    staffId: text('staff_id').references(() => staff.id, { onDelete: 'restrict' }),
    customerId: text('customer_id').references(() => customers.id, { onDelete: 'restrict' }),
    customerType: text('customer_type', { enum: customerTypes }).notNull().default('adult'),
    /** An anonymous adult-use customer's accepted ID check (no customer record is kept for them). */
    idVerificationId: text('id_verification_id'),
    status: text('status', { enum: cartStatuses }).notNull(),
    parkedLabel: text('parked_label'),
    createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
    updatedAt: integer('updated_at', { mode: 'timestamp_ms' }).notNull(),
  },
  (t) => [index('carts_terminal_status_idx').on(t.terminalId, t.status)],
);

export const cartLines = sqliteTable(
  'cart_lines',
  {
    id: text('id').primaryKey(),
    cartId: text('cart_id')
      .notNull()
      .references(() => carts.id, { onDelete: 'restrict' }),
    lineNumber: integer('line_number').notNull(),
    productId: text('product_id')
      .notNull()
      .references(() => products.id, { onDelete: 'restrict' }),
    packageTag: text('package_tag')
      .notNull()
      .references(() => packages.tag, { onDelete: 'restrict' }),
    /** Units, or milligrams for weight packages. */
    quantity: integer('quantity').notNull(),
  },
  (t) => [uniqueIndex('cart_lines_cart_line_unique').on(t.cartId, t.lineNumber), index('cart_lines_package_idx').on(t.packageTag)],
);

/** A manual discount on a cart, approved by a manager with a reason. */
export const cartManualDiscounts = sqliteTable(
  'cart_manual_discounts',
  {
    id: text('id').primaryKey(),
    cartId: text('cart_id')
      .notNull()
      .references(() => carts.id, { onDelete: 'restrict' }),
    kind: text('kind', { enum: ['percent', 'amount'] }).notNull(),
    /** Basis points for `percent`, cents for `amount`. */
    value: integer('value').notNull(),
    /** Null for an order-level discount. */
    cartLineId: text('cart_line_id'),
    reason: text('reason').notNull(),
    reasonCode: text('reason_code').notNull(),
    approvedBy: text('approved_by')
      .notNull()
      .references(() => staff.id, { onDelete: 'restrict' }),
    createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
  },
  // Every scan's cart view and every sale read the cart's discounts, oldest first: without it, a scan of every discount ever given (issue #18).
  (t) => [index('cart_manual_discounts_cart_idx').on(t.cartId, t.createdAt)],
);

/** Something staff must look at later, e.g. a promotion that failed to apply. */
export const incidents = sqliteTable('incidents', {
  id: text('id').primaryKey(),
  storeId: text('store_id')
    .notNull()
    .references(() => stores.id, { onDelete: 'restrict' }),
  kind: text('kind').notNull(),
  entityType: text('entity_type').notNull(),
  entityId: text('entity_id').notNull(),
  staffId: text('staff_id'),
  description: text('description').notNull(),
  createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
  resolvedAt: integer('resolved_at', { mode: 'timestamp_ms' }),
});

/** Every discount on a completed sale, by line: promotions and manual ones. */
export const saleDiscounts = sqliteTable(
  'sale_discounts',
  {
    id: text('id').primaryKey(),
    saleId: text('sale_id').notNull(),
    lineNumber: integer('line_number').notNull(),
    source: text('source', { enum: ['promotion', 'manual', 'loyalty'] }).notNull(),
    promotionId: text('promotion_id'),
    name: text('name').notNull(),
    amountCents: integer('amount_cents').notNull(),
    approvedBy: text('approved_by'),
    reason: text('reason'),
  },
  (t) => [index('sale_discounts_sale_idx').on(t.saleId), index('sale_discounts_promotion_idx').on(t.promotionId)],
);

/** Every tax on a completed sale, by line, with the rule that produced it. */
export const saleTaxes = sqliteTable(
  'sale_taxes',
  {
    id: text('id').primaryKey(),
    saleId: text('sale_id').notNull(),
    lineNumber: integer('line_number').notNull(),
    taxId: text('tax_id').notNull(),
    name: text('name').notNull(),
    amountCents: integer('amount_cents').notNull(),
  },
  (t) => [index('sale_taxes_sale_idx').on(t.saleId)],
);

/** Switching the card terminal off (cash-only) and back, with times, for the day's report. */
export const tenderModeChanges = sqliteTable(
  'tender_mode_changes',
  {
    id: text('id').primaryKey(),
    terminalId: text('terminal_id')
      .notNull()
      .references(() => terminals.id, { onDelete: 'restrict' }),
    cashOnly: integer('cash_only', { mode: 'boolean' }).notNull(),
    reason: text('reason').notNull(),
    staffId: text('staff_id'),
    /** The manager who approved the switch for a staff member whose role may not make it (issue #17, item 15). */
    approvedBy: text('approved_by').references(() => staff.id, { onDelete: 'restrict' }),
    at: integer('at', { mode: 'timestamp_ms' }).notNull(),
  },
  // Every sale asks the terminal's latest switch: without it, a scan and a sort of every switch ever made (issue #18).
  (t) => [index('tender_mode_changes_terminal_at_idx').on(t.terminalId, t.at)],
);
