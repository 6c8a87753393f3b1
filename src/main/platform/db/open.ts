import { chmodSync, closeSync, mkdirSync, openSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { sql } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { AppError } from '../../../shared/errors';
import { attachAuditKey, type AuditKey } from '../audit/audit-key';
import { assertAuditGuards } from '../audit/guards';
import { ensureKeyedChain } from '../audit/log';
import { logger } from '../logging/logger';
import { planMigrations } from './migrations';
import { attachWalCheckpoints, defaultWalCheckpointOptions, walCheckpoints, type WalCheckpointOptions, type WalCheckpoints } from './wal-checkpoints';

export type { RegisterDb } from './register-db';
import type { RegisterDb } from './register-db';

/** The register's database: the drizzle handle for queries, the raw handle for pragmas and benchmarks. */
export interface RegisterDatabase {
  readonly path: string;
  readonly db: RegisterDb;
  readonly sqlite: Database.Database;
  /** Migrations applied by this open (0 when the file was already current). */
  readonly migrationsApplied: number;
  /** The log's checkpoints, run when idle and at size instead of inside a commit. */
  readonly walCheckpoints: WalCheckpoints;
  /** Stops the checkpoint timer and closes the connection (SQLite checkpoints the rest of the log and removes it). */
  readonly close: () => void;
}

export interface OpenDatabaseOptions {
  readonly path: string;
  readonly migrationsFolder: string;
  /** Milliseconds a writer waits for another connection's lock before failing. */
  readonly busyTimeoutMs?: number;
  /**
   * The audit chain's key (from the master key). With it the connection can
   * append to and verify the chain: the append-only guards are checked
   * (refusing a file they were removed from) and an unkeyed chain is keyed.
   * Without it the file can be read, not audited (`AUDIT_KEY_MISSING`).
   */
  readonly auditKey?: AuditKey;
  /** When the write-ahead log is checkpointed (default: after 1 s idle, or past 4 MiB). */
  readonly walCheckpoints?: WalCheckpointOptions;
}

/**
 * Opens (creating if needed) the register's SQLite file, applies pending
 * migrations and returns it with the pragmas every connection needs:
 * WAL so readers never block the till, synchronous=FULL so an acknowledged
 * sale survives power loss, foreign keys on.
 */
export function openDatabase(options: OpenDatabaseOptions): RegisterDatabase {
  mkdirSync(dirname(options.path), { recursive: true, mode: 0o700 });
  // Owner-only before SQLite writes a byte: the WAL and shared-memory files take the database file's mode.
  closeSync(openSync(options.path, 'a', 0o600));
  chmodSync(options.path, 0o600);
  const sqlite = new Database(options.path);
  try {
    // Deleted rows (purged ID data, old ledger rows) are overwritten with zeros, not left in free pages.
    sqlite.pragma('secure_delete = ON');
    sqlite.pragma(`busy_timeout = ${options.busyTimeoutMs ?? 5000}`);
    const mode = sqlite.pragma('journal_mode = WAL', { simple: true });
    if (mode !== 'wal') throw new AppError('DB_NO_WAL', `The database could not switch to WAL mode (got ${String(mode)}).`);
    sqlite.pragma('synchronous = FULL');
    // No checkpoint inside a commit: the register runs them itself, idle or at size (wal-checkpoints.ts); restarting the log cuts its file back to that size.
    const checkpointOptions = options.walCheckpoints ?? defaultWalCheckpointOptions;
    sqlite.pragma('wal_autocheckpoint = 0');
    sqlite.pragma(`journal_size_limit = ${checkpointOptions.limitBytes}`);
    const db = drizzle(sqlite);
    const migrationsApplied = applyMigrations(sqlite, db, options);
    sqlite.pragma('foreign_keys = ON');
    if (options.auditKey !== undefined) {
      assertAuditGuards(sqlite);
      attachAuditKey(sqlite, options.auditKey);
      const keyed = ensureKeyedChain(db, new Date());
      if (keyed > 0) logger.info({ entries: keyed }, 'audit chain keyed (first start with a keyed chain): older entries pinned, existing sales sealed');
    }
    // What a previous run left in the log (a crash, a kill: no clean close) moves into the file now, before the first command:
    // a register restarted again and again before it is ever idle would otherwise carry an ever longer log.
    sqlite.pragma('wal_checkpoint(PASSIVE)');
    const checkpoints = walCheckpoints(sqlite, `${options.path}-wal`, checkpointOptions);
    attachWalCheckpoints(db, checkpoints);
    return {
      path: options.path,
      db,
      sqlite,
      migrationsApplied,
      walCheckpoints: checkpoints,
      close: () => {
        checkpoints.stop();
        sqlite.close();
      },
    };
  } catch (error) {
    sqlite.close();
    throw error;
  }
}

/** After a purge: moves the WAL into the database and truncates it, so old page images of purged rows leave the disk. */
export function checkpointToDisk(db: RegisterDb): void {
  db.run(sql`PRAGMA wal_checkpoint(TRUNCATE)`);
}

/**
 * Foreign keys are switched off on the connection around the migrator: SQLite
 * ignores the pragma inside drizzle's transaction, and a table rebuild would
 * otherwise fire cascades (docs/engineering/database.md, 2). `foreign_key_check` afterwards
 * proves no rebuild left an orphan.
 */
function applyMigrations(sqlite: Database.Database, db: RegisterDb, options: OpenDatabaseOptions): number {
  const plan = planMigrations(sqlite, options.migrationsFolder);
  if (plan.pending.length === 0) return 0;
  if (plan.applied.length > 0) backUpBeforeMigrating(sqlite, options.path);
  sqlite.pragma('foreign_keys = OFF');
  migrate(db, { migrationsFolder: options.migrationsFolder });
  const orphans = sqlite.pragma('foreign_key_check') as unknown[];
  if (orphans.length > 0) {
    throw new AppError('DB_MIGRATION_ORPHANS', `Migration left ${orphans.length} rows without their parent. Restore the backup and call IT support.`);
  }
  logger.info({ applied: plan.pending.map((m) => m.folderMillis) }, 'database migrated');
  return plan.pending.length;
}

function backUpBeforeMigrating(sqlite: Database.Database, path: string): void {
  const backupPath = `${path}.pre-migration-${Date.now()}.bak`;
  sqlite.prepare('VACUUM INTO ?').run(backupPath);
  chmodSync(backupPath, 0o600);
  logger.info({ backupPath }, 'database backed up before migration');
}
