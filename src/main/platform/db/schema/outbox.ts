import { sqliteTable, text, integer, index, primaryKey, type AnySQLiteColumn } from 'drizzle-orm/sqlite-core';

/**
 * pending → in_flight (committed before the request goes out) → done; or
 * dead (a permanent refusal, parked for staff) → pending (retry) or resolved
 * (staff fixed it by hand, with a reason).
 */
export const outboxStatuses = ['pending', 'in_flight', 'done', 'dead', 'resolved'] as const;
export type OutboxStatus = (typeof outboxStatuses)[number];

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
    /** When the item first left for its destination: a lookup for an unknown outcome searches from here. */
    firstAttemptAt: integer('first_attempt_at', { mode: 'timestamp_ms' }),
    resolvedBy: text('resolved_by'),
    resolution: text('resolution'),
    createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
    updatedAt: integer('updated_at', { mode: 'timestamp_ms' }).notNull(),
  },
  // The status index serves the dead-letter list, which spans lanes. The last two serve the sync status in time independent of the backlog
  // (issue #18): a lane's oldest waiting item (a min over an index), and the items held behind a parked one (found from the parked, few).
  (t) => [
    index('outbox_lane_idx').on(t.destination, t.status, t.id),
    index('outbox_aggregate_idx').on(t.aggregateId),
    index('outbox_status_idx').on(t.status),
    index('outbox_lane_created_idx').on(t.destination, t.status, t.createdAt),
    index('outbox_depends_on_idx').on(t.dependsOn),
  ],
);

/**
 * How many outbox items each lane holds in each status, kept by triggers on
 * `outbox` in the transaction of every insert, status change and delete
 * (migration 0019): the sync status reads its backlog in constant time,
 * where counting the items grew with the backlog (issue #18: 128 ms at 100k
 * pending, polled every 2 s).
 */
export const outboxCounts = sqliteTable(
  'outbox_counts',
  {
    destination: text('destination').notNull(),
    status: text('status', { enum: outboxStatuses }).notNull(),
    items: integer('items').notNull(),
  },
  (t) => [primaryKey({ columns: [t.destination, t.status] })],
);

/** Per destination: what the dispatcher last saw (kept across restarts for the status panel). */
export const syncLanes = sqliteTable('sync_lanes', {
  destination: text('destination').primaryKey(),
  lastSuccessAt: integer('last_success_at', { mode: 'timestamp_ms' }),
  lastFailureAt: integer('last_failure_at', { mode: 'timestamp_ms' }),
  lastError: text('last_error'),
});

export const metrcApiVersions = ['v1', 'v2'] as const;

/**
 * How to reach the state's Metrc for this store. The two API keys are
 * encrypted with the register's data key (held by the OS keychain in the
 * shell), column name as associated data.
 */
export const metrcSettings = sqliteTable('metrc_settings', {
  storeId: text('store_id').primaryKey(),
  baseUrl: text('base_url').notNull(),
  apiVersion: text('api_version', { enum: metrcApiVersions }).notNull().default('v2'),
  licenseNumber: text('license_number').notNull(),
  vendorKeySealed: text('vendor_key_sealed').notNull(),
  userKeySealed: text('user_key_sealed').notNull(),
  enabled: integer('enabled', { mode: 'boolean' }).notNull().default(true),
  updatedAt: integer('updated_at', { mode: 'timestamp_ms' }).notNull(),
  updatedBy: text('updated_by'),
});

/**
 * Where this store's online menu receives stock changes ("Greentill menu
 * webhook v1"). The signing secret is encrypted like the Metrc keys.
 */
export const menuSettings = sqliteTable('menu_settings', {
  storeId: text('store_id').primaryKey(),
  endpointUrl: text('endpoint_url').notNull(),
  secretSealed: text('secret_sealed').notNull(),
  enabled: integer('enabled', { mode: 'boolean' }).notNull().default(true),
  updatedAt: integer('updated_at', { mode: 'timestamp_ms' }).notNull(),
  updatedBy: text('updated_by'),
});
