import { sqliteTable, text, integer, index } from 'drizzle-orm/sqlite-core';
import { stores, terminals } from './store';

/**
 * One run of the opening readiness check at one terminal (issue #23): the
 * lines as shown, kept for the store-day report. A run is a snapshot, never
 * edited.
 */
export const openingChecks = sqliteTable(
  'opening_checks',
  {
    id: text('id').primaryKey(),
    storeId: text('store_id')
      .notNull()
      .references(() => stores.id, { onDelete: 'restrict' }),
    terminalId: text('terminal_id')
      .notNull()
      .references(() => terminals.id, { onDelete: 'restrict' }),
    /** The store-local day the check opened. */
    businessDay: text('business_day').notNull(),
    ranAt: integer('ran_at', { mode: 'timestamp_ms' }).notNull(),
    /** Null when run from the command line (`doctor` does not save) or by the register itself. */
    ranBy: text('ran_by'),
    overall: text('overall', { enum: ['green', 'amber', 'red'] }).notNull(),
    /** The lines: [{id, label, status, detail, fix, action}]. */
    items: text('items', { mode: 'json' }).notNull(),
  },
  (t) => [index('opening_checks_day_idx').on(t.storeId, t.businessDay, t.ranAt)],
);
