import type { BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';

/**
 * The register's database handle, as a type on its own: the audit and
 * transaction layers name it without importing how it is opened. Opened
 * without drizzle's relational schema (db/open.ts): nothing uses `db.query`,
 * and with a schema drizzle builds a query builder per table for every
 * transaction, about 40 µs of each sale (issue #18).
 */
export type RegisterDb = BetterSQLite3Database;
