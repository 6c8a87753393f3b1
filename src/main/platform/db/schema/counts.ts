import { sqliteTable, text, integer, index, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { packages } from './catalog';
import { outbox } from './outbox';
import { stores } from './store';

export const countStatuses = ['counting', 'review', 'closed'] as const;
export const countDecisions = ['none', 'pending', 'approved', 'dismissed'] as const;

/** One blind count of a room or area. */
export const inventoryCounts = sqliteTable(
  'inventory_counts',
  {
    id: text('id').primaryKey(),
    storeId: text('store_id')
      .notNull()
      .references(() => stores.id, { onDelete: 'restrict' }),
    area: text('area').notNull(),
    /** `full`: packages with stock that were not scanned count as zero. */
    scope: text('scope', { enum: ['area', 'full'] }).notNull(),
    status: text('status', { enum: countStatuses }).notNull(),
    startedBy: text('started_by').notNull(),
    startedAt: integer('started_at', { mode: 'timestamp_ms' }).notNull(),
    submittedAt: integer('submitted_at', { mode: 'timestamp_ms' }),
    closedBy: text('closed_by'),
    closedAt: integer('closed_at', { mode: 'timestamp_ms' }),
  },
  (t) => [index('inventory_counts_store_idx').on(t.storeId, t.status, t.startedAt)],
);

/**
 * One tag in a count: what was counted (a count of units, or mg), what the
 * register held when the count was submitted, and what became of the
 * variance. A tag the register does not know keeps its line (package null).
 */
export const inventoryCountLines = sqliteTable(
  'inventory_count_lines',
  {
    id: text('id').primaryKey(),
    countId: text('count_id')
      .notNull()
      .references(() => inventoryCounts.id, { onDelete: 'restrict' }),
    tag: text('tag').notNull(),
    packageId: text('package_id').references(() => packages.id, { onDelete: 'restrict' }),
    counted: integer('counted').notNull(),
    countedBy: text('counted_by').notNull(),
    /** The register's quantity on hand at submission. */
    expected: integer('expected'),
    recountWanted: integer('recount_wanted', { mode: 'boolean' }).notNull().default(false),
    recounted: integer('recounted', { mode: 'boolean' }).notNull().default(false),
    decision: text('decision', { enum: countDecisions }).notNull().default('none'),
    metrcReason: text('metrc_reason'),
    note: text('note'),
    decidedBy: text('decided_by'),
    approvedBy: text('approved_by'),
    decidedAt: integer('decided_at', { mode: 'timestamp_ms' }),
    /** The adjustment's outbox item: set once, so it is queued exactly once. */
    outboxId: integer('outbox_id').references(() => outbox.id, { onDelete: 'restrict' }),
  },
  (t) => [uniqueIndex('inventory_count_lines_tag_unique').on(t.countId, t.tag)],
);
