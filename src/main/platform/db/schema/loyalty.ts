import { sqliteTable, text, integer, index, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { stores } from './store';
import { customers } from './customers';
import { loyaltyEntryKinds } from '../../../../shared/contract/store-server';

export { loyaltyEntryKinds };

/**
 * Loyalty points as a ledger of deltas (issue #22). A customer's balance is
 * the sum of their rows. Each row is keyed by what caused it — a sale, a
 * return, a void of a sale — and its kind, unique: a replayed sale, a retried
 * sync or a store server collecting every register's rows writes the same row
 * once. Rows are written in the same transaction as the sale, return or void,
 * so a crash leaves both or neither.
 */
export const loyaltyLedger = sqliteTable(
  'loyalty_ledger',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    storeId: text('store_id')
      .notNull()
      .references(() => stores.id, { onDelete: 'restrict' }),
    customerId: text('customer_id')
      .notNull()
      .references(() => customers.id, { onDelete: 'restrict' }),
    /** The sale id (earn, redeem, void_*) or the return id (return_*). */
    sourceId: text('source_id').notNull(),
    kind: text('kind', { enum: loyaltyEntryKinds }).notNull(),
    /** The sale the entry belongs to (the sale itself, or the returned sale). */
    saleId: text('sale_id').notNull(),
    /** Signed: earned and restored points are positive, redeemed and clawed back negative. */
    points: integer('points').notNull(),
    /** Per sale line: `[{ saleLineId, points }]` (signed as `points`), so returns take back exactly what each line earned. */
    lines: text('lines', { mode: 'json' }).$type<Array<{ saleLineId: string; points: number }>>().notNull(),
    at: integer('at', { mode: 'timestamp_ms' }).notNull(),
    /** Written here by the store's read path (another register's row): not sent back (migration 0040's trigger sends the others). */
    fromStore: integer('from_store', { mode: 'boolean' }).notNull().default(false),
  },
  (t) => [
    uniqueIndex('loyalty_ledger_source_unique').on(t.sourceId, t.kind),
    index('loyalty_ledger_customer_idx').on(t.customerId, t.at),
    index('loyalty_ledger_sale_idx').on(t.saleId),
  ],
);

/** Points a budtender chose to redeem on an open cart: priced as a discount before tax, charged to the ledger when the sale commits. */
export const cartLoyaltyRedemptions = sqliteTable('cart_loyalty_redemptions', {
  cartId: text('cart_id').primaryKey(),
  customerId: text('customer_id')
    .notNull()
    .references(() => customers.id, { onDelete: 'restrict' }),
  points: integer('points').notNull(),
  staffId: text('staff_id').notNull(),
  createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
});
