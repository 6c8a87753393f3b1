import { execFile } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { drizzle, type NodePgDatabase } from 'drizzle-orm/node-postgres';
import { migrate } from 'drizzle-orm/node-postgres/migrator';
import { readMigrationFiles } from 'drizzle-orm/migrator';
import { pendingMigrations, type MigrationStamp } from '../shared/db/migration-history';
import { AppError } from '../shared/errors';

/**
 * A Greentill server's PostgreSQL (the store server's, the order relay's),
 * opened under the register's migration discipline: a newer or mismatched
 * history is refused before anything is touched, an existing database is
 * dumped with `pg_dump` before a migration runs, and a database that
 * acknowledges commits it can lose is refused — both servers answer only
 * after their commit (a register's sale, a marketplace's order), so an
 * acknowledged write must survive PostgreSQL's own crash.
 */
export type ServerDb<S extends Record<string, unknown>> = NodePgDatabase<S> & { $client: pg.Pool };

export interface ServerDatabase<S extends Record<string, unknown>> {
  readonly db: ServerDb<S>;
  readonly pool: pg.Pool;
  /** The migrations applied at this start, and where the database was backed up first (null: a new database). */
  readonly migrated: { readonly applied: number; readonly backup: string | null };
  close(): Promise<void>;
}

export interface OpenServerDatabaseOptions<S extends Record<string, unknown>> {
  /** Which server, in the words of its messages and backup files: "store", "relay". */
  readonly server: string;
  readonly url: string;
  readonly schema: S;
  readonly migrationsFolder: string;
  /** Where `pg_dump` writes the backup taken before any migration of an existing database. */
  readonly backupDir: string;
  readonly poolSize?: number;
}

/**
 * A pool for a server's own work. A connection's error (PostgreSQL
 * restarting, crashing, an administrator ending it) must not crash the
 * process: the query in flight fails (its caller answers 503 or retries
 * the job) and the next one reconnects. pg also emits `error` on a client
 * that is checked out when its connection drops — with no listener there,
 * that alone would end the process — so every client gets one.
 */
export function serverPool(url: string, options: { readonly max: number; readonly name?: string }): pg.Pool {
  const pool = new pg.Pool({ connectionString: url, max: options.max, ...(options.name === undefined ? {} : { application_name: options.name }) });
  pool.on('error', () => undefined);
  pool.on('connect', (client) => client.on('error', () => undefined));
  return pool;
}

export async function openServerDatabase<S extends Record<string, unknown>>(options: OpenServerDatabaseOptions<S>): Promise<ServerDatabase<S>> {
  const pool = serverPool(options.url, { max: options.poolSize ?? 10 });
  try {
    await refuseUnsafeCommits(pool, options.server);
    const shipped = readMigrationFiles({ migrationsFolder: options.migrationsFolder }).map((m) => ({ ...m, createdAt: m.folderMillis }));
    const applied = await appliedMigrations(pool);
    const pending = pendingMigrations(shipped, applied);
    let backup: string | null = null;
    if (pending.length > 0 && applied.length > 0) backup = await dumpBefore(options, applied.length);
    const db = drizzle(pool, { schema: options.schema });
    if (pending.length > 0) await migrate(db, { migrationsFolder: options.migrationsFolder });
    return { db, pool, migrated: { applied: pending.length, backup }, close: () => pool.end() };
  } catch (error) {
    await pool.end();
    throw error;
  }
}

/** With `synchronous_commit` off PostgreSQL acknowledges commits it can still lose in a crash of its own (the store rig lost two sales that way). */
async function refuseUnsafeCommits(pool: pg.Pool, server: string): Promise<void> {
  const setting = await pool.query<{ synchronous_commit: string }>('SHOW synchronous_commit');
  if (setting.rows[0]?.synchronous_commit === 'off') {
    throw new AppError(
      'SERVER_DB_UNSAFE',
      `The ${server} database acknowledges commits it can lose in a crash (synchronous_commit = off): set it back to on (the default) for this database, then start again.`,
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

async function dumpBefore(options: OpenServerDatabaseOptions<Record<string, unknown>>, appliedCount: number): Promise<string> {
  mkdirSync(options.backupDir, { recursive: true });
  const file = join(options.backupDir, `${options.server}-${new Date().toISOString().replace(/[:.]/g, '-')}-before-migration-${appliedCount + 1}.dump`);
  const pgDump = PG_BIN_DIRS.map((d) => join(d, 'pg_dump')).find((p) => existsSync(p)) ?? 'pg_dump';
  try {
    await promisify(execFile)(pgDump, ['--format=custom', `--file=${file}`, options.url]);
  } catch (error) {
    throw new AppError(
      'SERVER_BACKUP_FAILED',
      `The ${options.server} database was not migrated: the backup before migrating failed (${error instanceof Error ? error.message.split('\n')[0] : String(error)}). Nothing was changed.`,
    );
  }
  return file;
}
