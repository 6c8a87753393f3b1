import { sqliteTable, text, integer, index } from 'drizzle-orm/sqlite-core';

/**
 * Append-only (UPDATE and DELETE are refused by triggers, checked at every
 * start). Each entry carries the MAC of the previous one, keyed by the audit
 * key, so editing, removing or inserting a row breaks the chain at that row
 * for anyone without the key.
 */
export const auditLog = sqliteTable(
  'audit_log',
  {
    seq: integer('seq').primaryKey({ autoIncrement: true }),
    at: integer('at', { mode: 'timestamp_ms' }).notNull(),
    staffId: text('staff_id'),
    terminalId: text('terminal_id'),
    action: text('action').notNull(),
    entityType: text('entity_type').notNull(),
    entityId: text('entity_id').notNull(),
    before: text('before', { mode: 'json' }),
    after: text('after', { mode: 'json' }),
    /** Hex: SHA-256 for entries written before the chain was keyed, HMAC-SHA256 (the audit key) since. */
    prevHash: text('prev_hash').notNull(),
    hash: text('hash').notNull(),
    /** For entries about a sale: digests of the sale row and each of its payment rows as they stood (see `audit/sale-seal.ts`). */
    seal: text('seal', { mode: 'json' }),
  },
  (t) => [index('audit_entity_idx').on(t.entityType, t.entityId)],
);

/**
 * The chain's head, MAC'd with the audit key under its own label: cutting
 * entries off the end (and renumbering nothing) leaves a head that names an
 * entry that is gone, and a new head cannot be written without the key.
 * One row (id 1). A copy of the whole file from earlier is caught only by a
 * printed anchor (see README, security).
 */
export const auditHead = sqliteTable('audit_head', {
  id: integer('id').primaryKey(),
  seq: integer('seq').notNull(),
  mac: text('mac').notNull(),
});
