import { sqliteTable, text, integer, index, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { productCategories } from '../../../../shared/contract/values';
import { stores } from './store';

/**
 * The store-day purchase ledger: what each person bought, as the purchase
 * limits count it, one row per sale line and per void of it (a negative
 * row). A person is their ID's keyed hash (issuer and number; never the
 * number itself) and, for a saved customer, the customer whose limits the
 * sale used (the patient, when a caregiver buys). Rows are keyed by sale,
 * line and kind, so the same row written twice (a replay, a store server
 * collecting every register's rows) is the same row. Kept only as long as
 * the longest period any rule looks back, then purged.
 *
 * An accepted online order linked to a customer holds its goods here too
 * (`order_hold`, keyed by the order's parked cart and order line): a counter
 * sale to the same person that day counts them. The hold goes in the same
 * transaction as the order's rejection, cancellation or expiry, and is
 * replaced by the sale's own rows when the order is handed over.
 */
export const limitLedger = sqliteTable(
  'limit_ledger',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    storeId: text('store_id')
      .notNull()
      .references(() => stores.id, { onDelete: 'restrict' }),
    /** HMAC of the ID's issuing jurisdiction and number; null for rows carried over from before the ledger. */
    personKey: text('person_key'),
    /** The saved customer whose limits the sale used (a caregiver's sale: the patient). */
    customerId: text('customer_id'),
    /** The sale; for an `order_hold` row, the order's parked cart (the sale it becomes closes that cart). */
    saleId: text('sale_id').notNull(),
    /** The sale line; for an `order_hold` row, the online order's line. */
    lineId: text('line_id').notNull(),
    kind: text('kind', { enum: ['sale', 'void', 'order_hold'] }).notNull(),
    /** When it happened, by the writing register's clock. */
    at: integer('at', { mode: 'timestamp_ms' }).notNull(),
    /** The store's own calendar day of `at`, in its zone: what "today" means for a limit. */
    businessDay: text('business_day').notNull(),
    category: text('category', { enum: productCategories }).notNull(),
    /** Per unit, as the limits count it (weighed goods: one unit of the weighed amount). */
    netWeightMg: integer('net_weight_mg').notNull(),
    thcMg: integer('thc_mg').notNull(),
    /** Negative on a void row. */
    quantity: integer('quantity').notNull(),
  },
  (t) => [
    uniqueIndex('limit_ledger_entry_unique').on(t.saleId, t.lineId, t.kind),
    index('limit_ledger_person_day_idx').on(t.personKey, t.businessDay),
    index('limit_ledger_customer_day_idx').on(t.customerId, t.businessDay),
    index('limit_ledger_day_idx').on(t.businessDay),
  ],
);
