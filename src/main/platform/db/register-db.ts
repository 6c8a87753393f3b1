import type { BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import type * as schema from './schema';

/** The register's database handle, as a type on its own: the audit and transaction layers name it without importing how it is opened. */
export type RegisterDb = BetterSQLite3Database<typeof schema>;
