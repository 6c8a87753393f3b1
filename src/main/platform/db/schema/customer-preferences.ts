import { sqliteTable, text, integer, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { stores } from './store';

export const preferenceKinds = ['category', 'effect'] as const;

/**
 * The managed list of what a customer may say they prefer (issue #22):
 * product categories and effects, kept by a manager like the note tags. A
 * customer's choices are stored sealed on their record (customers.preferences).
 */
export const preferenceOptions = sqliteTable(
  'preference_options',
  {
    storeId: text('store_id')
      .notNull()
      .references(() => stores.id, { onDelete: 'restrict' }),
    key: text('key').notNull(),
    kind: text('kind', { enum: preferenceKinds }).notNull(),
    label: text('label').notNull(),
    active: integer('active', { mode: 'boolean' }).notNull().default(true),
    createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
  },
  (t) => [uniqueIndex('preference_options_unique').on(t.storeId, t.key)],
);
