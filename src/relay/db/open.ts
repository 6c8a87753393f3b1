import { openServerDatabase, type ServerDatabase, type ServerDb } from '../../server-kit/postgres';
import * as schema from './schema';

export type RelayDb = ServerDb<typeof schema>;
export type RelayDatabase = ServerDatabase<typeof schema>;

export interface OpenRelayOptions {
  readonly url: string;
  readonly migrationsFolder: string;
  /** Where `pg_dump` writes the backup taken before any migration of an existing database. */
  readonly backupDir: string;
  readonly poolSize?: number;
}

/**
 * The relay's PostgreSQL, under the register's migration discipline (see
 * server-kit/postgres.ts). A checked-out client's error (a worker holding
 * its job while it calls the platform, PostgreSQL restarting) fails that
 * transaction, and the job is retried.
 */
export function openRelayDatabase(options: OpenRelayOptions): Promise<RelayDatabase> {
  return openServerDatabase({ ...options, server: 'relay', schema });
}
