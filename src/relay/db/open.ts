import { execFile } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { drizzle, type NodePgDatabase } from 'drizzle-orm/node-postgres';
import { migrate } from 'drizzle-orm/node-postgres/migrator';
import { readMigrationFiles } from 'drizzle-orm/migrator';
import { pendingMigrations, type MigrationStamp } from '../../shared/db/migration-history';
import { AppError } from '../../shared/errors';
import * as schema from './schema';

export type RelayDb = NodePgDatabase<typeof schema> & { $client: pg.Pool };

export interface RelayDatabase {
  readonly db: RelayDb;
  readonly pool: pg.Pool;
  /** The migrations applied at this start, and where the database was backed up first (null: a new database). */
  readonly migrated: { readonly applied: number; readonly backup: string | null };
  close(): Promise<void>;
}

export interface OpenRelayOptions {
  readonly url: string;
  readonly migrationsFolder: string;
  /** Where `pg_dump` writes the backup taken before any migration of an existing database. */
  readonly backupDir: string;
  readonly poolSize?: number;
}

/**
 * Opens the relay's PostgreSQL under the terminal's migration discipline:
 * a newer or mismatched history is refused before anything is touched, and
 * an existing database is dumped with `pg_dump` before a migration runs.
 */
export async function openRelayDatabase(options: OpenRelayOptions): Promise<RelayDatabase> {
  const pool = new pg.Pool({ connectionString: options.url, max: options.poolSize ?? 10 });
  // An idle client's error (the server restarting) must not crash the process: the next query reconnects.
  pool.on('error', () => undefined);
  // A client checked out across an await (a worker holding its job while it calls the platform) gets the same event: the transaction fails and is retried.
  pool.on('connect', (client) => client.on('error', () => undefined));
  try {
    const shipped = readMigrationFiles({ migrationsFolder: options.migrationsFolder }).map((m) => ({ ...m, createdAt: m.folderMillis }));
    const applied = await appliedMigrations(pool);
    const pending = pendingMigrations(shipped, applied);
    let backup: string | null = null;
    if (pending.length > 0 && applied.length > 0) backup = await dumpBefore(options, applied.length);
    const db = drizzle(pool, { schema });
    if (pending.length > 0) await migrate(db, { migrationsFolder: options.migrationsFolder });
    return { db, pool, migrated: { applied: pending.length, backup }, close: () => pool.end() };
  } catch (error) {
    await pool.end();
    throw error;
  }
}

async function appliedMigrations(pool: pg.Pool): Promise<MigrationStamp[]> {
  const exists = await pool.query<{ present: boolean }>("SELECT to_regclass('drizzle.__drizzle_migrations') IS NOT NULL AS present");
  if (exists.rows[0]?.present !== true) return [];
  const rows = await pool.query<{ hash: string; created_at: string }>('SELECT hash, created_at FROM drizzle.__drizzle_migrations ORDER BY created_at');
  return rows.rows.map((r) => ({ hash: r.hash, createdAt: Number(r.created_at) }));
}

const PG_BIN_DIRS = ['/usr/lib/postgresql/17/bin', '/usr/lib/postgresql/16/bin', '/usr/lib/postgresql/15/bin'];

async function dumpBefore(options: OpenRelayOptions, appliedCount: number): Promise<string> {
  mkdirSync(options.backupDir, { recursive: true });
  const file = join(options.backupDir, `relay-${new Date().toISOString().replace(/[:.]/g, '-')}-before-migration-${appliedCount + 1}.dump`);
  const pgDump = PG_BIN_DIRS.map((d) => join(d, 'pg_dump')).find((p) => existsSync(p)) ?? 'pg_dump';
  try {
    await promisify(execFile)(pgDump, ['--format=custom', `--file=${file}`, options.url]);
  } catch (error) {
    throw new AppError(
      'RELAY_BACKUP_FAILED',
      `The relay database was not migrated: the backup before migrating failed (${error instanceof Error ? error.message.split('\n')[0] : String(error)}). Nothing was changed.`,
    );
  }
  return file;
}
