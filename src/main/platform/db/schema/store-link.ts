import { sqliteTable, text, integer } from 'drizzle-orm/sqlite-core';

/**
 * This register's link to its store server (issue #20), one row when
 * paired: where the server is, the certificate pinned at pairing, the
 * register's sealed credential, and what the server last told it (the
 * store's isolation policy and settings version), so that a register cut
 * off from the server still knows the store's rules for being cut off.
 */
/** The sealed person-key secret's column name (the ciphertext's associated data). */
export const PERSON_KEY_SECRET_COLUMN = 'store_link.person_key_secret_sealed';

export const storeLink = sqliteTable('store_link', {
  id: integer('id').primaryKey(),
  url: text('url').notNull(),
  /** The id the store server gave this register. */
  serverTerminalId: text('server_terminal_id').notNull(),
  credentialSealed: text('credential_sealed').notNull(),
  /** The store's person-key secret, sealed: every register of the store must name one person by one key. */
  personKeySecretSealed: text('person_key_secret_sealed').notNull(),
  certificate: text('certificate').notNull(),
  fingerprint: text('fingerprint').notNull(),
  pairedAt: integer('paired_at', { mode: 'timestamp_ms' }).notNull(),
  /** The store's isolation policy as last received (JSON); absent, the strictest (refuse limited sales). */
  isolationPolicy: text('isolation_policy'),
  configVersion: integer('config_version').notNull().default(0),
  /** The last time the server answered: with the lease, whether this register counts itself isolated. */
  lastContactAt: integer('last_contact_at', { mode: 'timestamp_ms' }),
  /** The read path: where to reach the store's PostgreSQL for logical replication (sealed: it may hold a password), this register's slot, and how far it has applied. */
  readsUrlSealed: text('reads_url_sealed'),
  readsSlot: text('reads_slot'),
  readsPublication: text('reads_publication'),
  /** The last stream position applied, in the same transaction as what it carried. */
  readLsn: text('read_lsn'),
  /** This register may sell limited goods alone when isolated (the "designated register" policy). */
  designated: integer('designated', { mode: 'boolean' }).notNull().default(false),
});
