import { sqliteTable, text, integer, index, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { stores, staff } from './store';
import { customers } from './customers';

/**
 * Product quality (issue #22): incidents a customer reports about a product,
 * the SOP steps taken with who took each, holds that keep a package or a
 * whole batch from being sold until released, and store credit given as a
 * resolution.
 */

import { qualityCategories } from '../../../../shared/domain/quality/sop';

export { qualityCategories };
export const qualityResolutions = ['return', 'credit', 'replacement'] as const;

export const qualityIncidents = sqliteTable(
  'quality_incidents',
  {
    id: text('id').primaryKey(),
    storeId: text('store_id')
      .notNull()
      .references(() => stores.id, { onDelete: 'restrict' }),
    /** Store-readable number, `QA-000001`. */
    incidentNumber: text('incident_number').notNull(),
    category: text('category', { enum: qualityCategories }).notNull(),
    /** What the customer said, in their words (no advice is recorded here, or given). */
    customerWords: text('customer_words').notNull(),
    customerId: text('customer_id').references(() => customers.id, { onDelete: 'restrict' }),
    saleId: text('sale_id'),
    saleLineId: text('sale_line_id'),
    packageTag: text('package_tag').notNull(),
    productId: text('product_id').notNull(),
    batch: text('batch'),
    status: text('status', { enum: ['open', 'resolved'] }).notNull(),
    resolution: text('resolution', { enum: qualityResolutions }),
    /** The return id, store credit id, or replacement sale id. */
    resolutionRef: text('resolution_ref'),
    resolutionNote: text('resolution_note'),
    openedBy: text('opened_by')
      .notNull()
      .references(() => staff.id, { onDelete: 'restrict' }),
    openedAt: integer('opened_at', { mode: 'timestamp_ms' }).notNull(),
    resolvedBy: text('resolved_by'),
    resolvedAt: integer('resolved_at', { mode: 'timestamp_ms' }),
  },
  (t) => [
    uniqueIndex('quality_incidents_number_unique').on(t.storeId, t.incidentNumber),
    index('quality_incidents_batch_idx').on(t.batch),
    index('quality_incidents_product_idx').on(t.productId, t.openedAt),
  ],
);

/** One SOP step done on an incident: which, by whom, when. */
export const qualityIncidentSteps = sqliteTable(
  'quality_incident_steps',
  {
    id: text('id').primaryKey(),
    incidentId: text('incident_id')
      .notNull()
      .references(() => qualityIncidents.id, { onDelete: 'restrict' }),
    step: text('step').notNull(),
    note: text('note'),
    doneBy: text('done_by')
      .notNull()
      .references(() => staff.id, { onDelete: 'restrict' }),
    doneAt: integer('done_at', { mode: 'timestamp_ms' }).notNull(),
  },
  (t) => [uniqueIndex('quality_incident_steps_unique').on(t.incidentId, t.step)],
);

/** A package, or every package of a batch, kept off sale until released. */
export const productHolds = sqliteTable(
  'product_holds',
  {
    id: text('id').primaryKey(),
    storeId: text('store_id')
      .notNull()
      .references(() => stores.id, { onDelete: 'restrict' }),
    scope: text('scope', { enum: ['package', 'batch'] }).notNull(),
    packageTag: text('package_tag'),
    batch: text('batch'),
    reason: text('reason').notNull(),
    incidentId: text('incident_id').references(() => qualityIncidents.id, { onDelete: 'restrict' }),
    placedBy: text('placed_by')
      .notNull()
      .references(() => staff.id, { onDelete: 'restrict' }),
    placedAt: integer('placed_at', { mode: 'timestamp_ms' }).notNull(),
    releasedBy: text('released_by'),
    releasedAt: integer('released_at', { mode: 'timestamp_ms' }),
    releaseNote: text('release_note'),
  },
  (t) => [index('product_holds_tag_idx').on(t.packageTag, t.releasedAt), index('product_holds_batch_idx').on(t.batch, t.releasedAt)],
);

/**
 * A customer's store credit as a ledger of amounts, audited: credit given
 * (a quality resolution) is positive; credit spent on a sale is negative and
 * names the sale; credit a void or return gives back is positive and names it.
 */
export const storeCredits = sqliteTable(
  'store_credits',
  {
    id: text('id').primaryKey(),
    storeId: text('store_id')
      .notNull()
      .references(() => stores.id, { onDelete: 'restrict' }),
    customerId: text('customer_id')
      .notNull()
      .references(() => customers.id, { onDelete: 'restrict' }),
    amountCents: integer('amount_cents').notNull(),
    incidentId: text('incident_id').references(() => qualityIncidents.id, { onDelete: 'restrict' }),
    reason: text('reason').notNull(),
    issuedBy: text('issued_by')
      .notNull()
      .references(() => staff.id, { onDelete: 'restrict' }),
    issuedAt: integer('issued_at', { mode: 'timestamp_ms' }).notNull(),
    /** The sale that spent it, or whose void or return gave it back. */
    saleId: text('sale_id'),
    /** Written here by the store's read path (another register's row): not sent back (migration 0040's trigger sends the others). */
    fromStore: integer('from_store', { mode: 'boolean' }).notNull().default(false),
  },
  (t) => [index('store_credits_customer_idx').on(t.customerId)],
);
