import { sqliteTable, text, integer, index, type AnySQLiteColumn } from 'drizzle-orm/sqlite-core';

export const outboxStatuses = ['pending', 'in_flight', 'done', 'dead'] as const;

/**
 * What the register owes the outside world, written in the same transaction
 * as the change that caused it. `id` order is FIFO order within a lane
 * (`destination`); `dependsOn` holds back e.g. a void until its receipt is done.
 */
export const outbox = sqliteTable(
  'outbox',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    /** Lane: 'metrc', 'ecommerce:<platform>', 'sms'. */
    destination: text('destination').notNull(),
    /** What to do, e.g. 'receipt.create', 'receipt.void', 'inventory.update'. */
    kind: text('kind').notNull(),
    /** The entity this item is about (a sale id), for lookups and idempotency. */
    aggregateId: text('aggregate_id').notNull(),
    payload: text('payload', { mode: 'json' }).notNull(),
    status: text('status', { enum: outboxStatuses }).notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: integer('next_attempt_at', { mode: 'timestamp_ms' }).notNull(),
    lastError: text('last_error'),
    dependsOn: integer('depends_on').references((): AnySQLiteColumn => outbox.id, { onDelete: 'restrict' }),
    /** Ids returned by the destination (e.g. Metrc receipt Id) for later PUT/DELETE. */
    externalIds: text('external_ids', { mode: 'json' }),
    createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
    updatedAt: integer('updated_at', { mode: 'timestamp_ms' }).notNull(),
  },
  (t) => [index('outbox_lane_idx').on(t.destination, t.status, t.id), index('outbox_aggregate_idx').on(t.aggregateId)],
);
