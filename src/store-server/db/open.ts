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

export type StoreDb = NodePgDatabase<typeof schema> & { $client: pg.Pool };

export interface StoreDatabase {
  readonly db: StoreDb;
  readonly pool: pg.Pool;
  /** The migrations applied at this start, and where the database was backed up first (null: a new database). */
  readonly migrated: { readonly applied: number; readonly backup: string | null };
  close(): Promise<void>;
}

export interface OpenStoreOptions {
  readonly url: string;
  readonly migrationsFolder: string;
  /** Where `pg_dump` writes the backup taken before any migration of an existing database. */
  readonly backupDir: string;
  readonly poolSize?: number;
}

/**
 * Opens the store's PostgreSQL under the terminal's migration discipline:
 * a newer or mismatched history is refused before anything is touched, and
 * an existing database is dumped with `pg_dump` before a migration runs.
 */
export async function openStoreDatabase(options: OpenStoreOptions): Promise<StoreDatabase> {
  const pool = new pg.Pool({ connectionString: options.url, max: options.poolSize ?? 10 });
  // A connection's error (PostgreSQL restarting) must not crash the process: the query in flight fails
  // (the terminal is answered 503 and treats the server as unreachable) and the next one reconnects.
  pool.on('error', () => undefined);
  pool.on('connect', (client) => client.on('error', () => undefined));
  try {
    await refuseUnsafeCommits(pool);
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

/**
 * A store server answers a register only after its commit is durable: with
 * `synchronous_commit` off, PostgreSQL acknowledges commits it can still
 * lose in a crash of its own — a sale the register then never resends (the
 * store rig lost two that way). Refused rather than run so.
 */
async function refuseUnsafeCommits(pool: pg.Pool): Promise<void> {
  const setting = await pool.query<{ synchronous_commit: string }>('SHOW synchronous_commit');
  if (setting.rows[0]?.synchronous_commit === 'off') {
    throw new AppError(
      'STORE_DB_UNSAFE',
      'The store database acknowledges commits it can lose in a crash (synchronous_commit = off): set it back to on (the default) for this database, then start again.',
    );
  }
}

async function appliedMigrations(pool: pg.Pool): Promise<MigrationStamp[]> {
  const exists = await pool.query<{ present: boolean }>("SELECT to_regclass('drizzle.__drizzle_migrations') IS NOT NULL AS present");
  if (exists.rows[0]?.present !== true) return [];
  const rows = await pool.query<{ hash: string; created_at: string }>('SELECT hash, created_at FROM drizzle.__drizzle_migrations ORDER BY created_at');
  return rows.rows.map((r) => ({ hash: r.hash, createdAt: Number(r.created_at) }));
}

const PG_BIN_DIRS = ['/usr/lib/postgresql/17/bin', '/usr/lib/postgresql/16/bin', '/usr/lib/postgresql/15/bin'];

async function dumpBefore(options: OpenStoreOptions, appliedCount: number): Promise<string> {
  mkdirSync(options.backupDir, { recursive: true });
  const file = join(options.backupDir, `store-${new Date().toISOString().replace(/[:.]/g, '-')}-before-migration-${appliedCount + 1}.dump`);
  const pgDump = PG_BIN_DIRS.map((d) => join(d, 'pg_dump')).find((p) => existsSync(p)) ?? 'pg_dump';
  try {
    await promisify(execFile)(pgDump, ['--format=custom', `--file=${file}`, options.url]);
  } catch (error) {
    throw new AppError(
      'STORE_BACKUP_FAILED',
      `The store database was not migrated: the backup before migrating failed (${error instanceof Error ? error.message.split('\n')[0] : String(error)}). Nothing was changed.`,
    );
  }
  return file;
}
