import { sql } from 'drizzle-orm';
import { bigint, bigserial, check, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';

/**
 * The relay's record on PostgreSQL (issue #21): the stores it serves, each
 * store's marketplace connections, every order event exactly once (in the
 * order the relay committed them: the store's cursor), and the jobs that
 * answer the platforms (acknowledgements, status changes).
 */

/** A store that pulls orders; its bearer credential is shown once by `relay-store-add`. */
export const relayStores = pgTable('relay_stores', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  /** SHA-256 of the store's bearer credential. */
  credentialHash: text('credential_hash').notNull().unique(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  retiredAt: timestamp('retired_at', { withTimezone: true }),
  /**
   * The highest order-event and text cursors the store has pulled after: a
   * pull after N means the store committed everything up to N (it moves its
   * cursor only with what it applied). What lies at or below may be purged
   * of customer data once old enough (../features/retention.ts).
   */
  eventsTakenThrough: bigint('events_taken_through', { mode: 'number' }).notNull().default(0),
  textsTakenThrough: bigint('texts_taken_through', { mode: 'number' }).notNull().default(0),
});

export const relayPlatforms = ['leafly', 'jane', 'greentill'] as const;
export type RelayPlatform = (typeof relayPlatforms)[number];

/** One marketplace connection of a store: where its webhooks arrive and how the relay answers that platform. */
export const relayConnections = pgTable(
  'relay_connections',
  {
    id: text('id').primaryKey(),
    storeId: text('store_id')
      .notNull()
      .references(() => relayStores.id),
    platform: text('platform', { enum: relayPlatforms }).notNull(),
    /** The shared secret: Leafly's HMAC key, Jane's bearer secret, the Greentill webhook's signing secret. */
    secret: text('secret').notNull(),
    /**
     * Where statuses go back (null: recorded only). Leafly: the Order API's base
     * address and the dispensary key in its paths; Jane: its partner API's base
     * address and partner key ⚠ verify; Greentill webhook v1: the receiver's
     * status callback address (signed with `secret`, no key).
     */
    apiBase: text('api_base'),
    apiKey: text('api_key'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [check('relay_connections_platform', sql`${t.platform} IN ('leafly', 'jane', 'greentill')`)],
);

/**
 * Every order event received, once: a redelivery of the same event (same
 * platform, order and event id) is answered 200 and stored nothing. `seq`
 * is the store's cursor; inserts are serialised so seq order is commit order.
 */
export const orderEvents = pgTable(
  'order_events',
  {
    seq: bigserial('seq', { mode: 'number' }).primaryKey(),
    connectionId: text('connection_id')
      .notNull()
      .references(() => relayConnections.id),
    storeId: text('store_id').notNull(),
    platform: text('platform', { enum: relayPlatforms }).notNull(),
    orderId: text('order_id').notNull(),
    eventId: text('event_id').notNull(),
    /** `submit`, `cancel`, `status`, `update` (the relay's names; the platform's own is in the payload). */
    kind: text('kind').notNull(),
    payload: jsonb('payload').notNull(),
    receivedAt: timestamp('received_at', { withTimezone: true }).notNull(),
    /** When the customer's name and phone were taken out of the payload (retention): the order itself stays. */
    contactPurgedAt: timestamp('contact_purged_at', { withTimezone: true }),
  },
  (t) => [uniqueIndex('order_events_once').on(t.platform, t.connectionId, t.orderId, t.eventId), index('order_events_store_seq').on(t.storeId, t.seq)],
);

export const relayJobKinds = ['acknowledge', 'status'] as const;

/**
 * The relay's outbound work, a table-backed queue claimed with
 * `FOR UPDATE SKIP LOCKED`: one order's jobs run one at a time in id order
 * (an acknowledgement before any status; statuses as the store sent them).
 */
export const relayJobs = pgTable(
  'relay_jobs',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    kind: text('kind', { enum: relayJobKinds }).notNull(),
    connectionId: text('connection_id')
      .notNull()
      .references(() => relayConnections.id),
    orderId: text('order_id').notNull(),
    /** Makes an enqueue idempotent: the event that caused an acknowledgement, the store's status id. */
    dedupeKey: text('dedupe_key').notNull(),
    status: text('status'),
    reason: text('reason'),
    runAt: timestamp('run_at', { withTimezone: true }).notNull(),
    attempts: integer('attempts').notNull().default(0),
    lastError: text('last_error'),
    /** `sent`, `superseded` (a later status went out instead), `already` (the platform had it), `dead`. */
    outcome: text('outcome'),
    doneAt: timestamp('done_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    uniqueIndex('relay_jobs_once').on(t.connectionId, t.orderId, t.kind, t.dedupeKey),
    index('relay_jobs_pending').on(t.doneAt, t.runAt),
    check('relay_jobs_kind', sql`${t.kind} IN ('acknowledge', 'status')`),
  ],
);

export type RelayJob = typeof relayJobs.$inferSelect;
export type RelayConnection = typeof relayConnections.$inferSelect;

export const relaySmsProviders = ['alpine_iq', 'gateway'] as const;
export type RelaySmsProvider = (typeof relaySmsProviders)[number];

/**
 * Where a store's SMS provider delivers the texts its customers send in
 * (STOP, START, HELP…): one connection per store and provider, verified
 * with its own shared secret (see ../features/inbound-texts.ts).
 */
export const relaySmsConnections = pgTable(
  'relay_sms_connections',
  {
    id: text('id').primaryKey(),
    storeId: text('store_id')
      .notNull()
      .references(() => relayStores.id),
    provider: text('provider', { enum: relaySmsProviders }).notNull(),
    secret: text('secret').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [check('relay_sms_connections_provider', sql`${t.provider} IN ('alpine_iq', 'gateway')`)],
);

/**
 * Every inbound text once (a redelivery of the same provider message id
 * stores nothing). `seq` is the store's texts cursor, committed in order
 * under the same lock as order events. The sender's number is kept so the
 * store can apply STOP to it; nothing else about the customer is — and
 * the number and body only until the store has them and the retention passes.
 */
export const inboundTexts = pgTable(
  'inbound_texts',
  {
    seq: bigserial('seq', { mode: 'number' }).primaryKey(),
    connectionId: text('connection_id')
      .notNull()
      .references(() => relaySmsConnections.id),
    storeId: text('store_id').notNull(),
    provider: text('provider', { enum: relaySmsProviders }).notNull(),
    messageId: text('message_id').notNull(),
    /** Null once purged (pulled by the store and past the retention): the message id stays, so a redelivery is still stored once. */
    fromPhone: text('from_phone'),
    body: text('body'),
    receivedAt: timestamp('received_at', { withTimezone: true }).notNull(),
    purgedAt: timestamp('purged_at', { withTimezone: true }),
  },
  (t) => [uniqueIndex('inbound_texts_once').on(t.connectionId, t.messageId), index('inbound_texts_store_seq').on(t.storeId, t.seq)],
);
