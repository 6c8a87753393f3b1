import { openServerDatabase, type ServerDatabase, type ServerDb } from '../../server-kit/postgres';
import * as schema from './schema';

export type StoreDb = ServerDb<typeof schema>;
export type StoreDatabase = ServerDatabase<typeof schema>;

export interface OpenStoreOptions {
  readonly url: string;
  readonly migrationsFolder: string;
  /** Where `pg_dump` writes the backup taken before any migration of an existing database. */
  readonly backupDir: string;
  readonly poolSize?: number;
}

/** The store's PostgreSQL, under the register's migration discipline (see server-kit/postgres.ts). */
export function openStoreDatabase(options: OpenStoreOptions): Promise<StoreDatabase> {
  return openServerDatabase({ ...options, server: 'store', schema });
}
