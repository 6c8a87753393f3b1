import type Database from 'better-sqlite3';
import { readMigrationFiles, type MigrationMeta } from 'drizzle-orm/migrator';
import { sql } from 'drizzle-orm';
import { AppError } from '../../../shared/errors';
import type { RegisterDb } from './register-db';

/** The row drizzle's migrator keeps per applied migration. */
interface AppliedMigration {
  readonly hash: string;
  readonly createdAt: number;
}

export interface MigrationPlan {
  readonly shipped: readonly MigrationMeta[];
  readonly applied: readonly AppliedMigration[];
  readonly pending: readonly MigrationMeta[];
}

/**
 * Compares what this build ships with what the file has applied. Refuses a
 * database written by a newer build (downgrade) or whose history does not
 * match ours, because drizzle would otherwise skip or misapply migrations
 * silently (docs/engineering/database.md, 1).
 */
export function planMigrations(sqlite: Database.Database, migrationsFolder: string): MigrationPlan {
  return planAgainst(readApplied(sqlite), migrationsFolder);
}

/** The same plan through the drizzle handle (the opening check has no raw connection). */
export function planMigrationsOf(db: RegisterDb, migrationsFolder: string): MigrationPlan {
  const table = db.get(sql`SELECT name FROM sqlite_master WHERE type = 'table' AND name = '__drizzle_migrations'`);
  const applied = table === undefined ? [] : db.all<AppliedMigration>(sql`SELECT hash, created_at AS createdAt FROM __drizzle_migrations ORDER BY created_at`);
  return planAgainst(applied, migrationsFolder);
}

function planAgainst(applied: readonly AppliedMigration[], migrationsFolder: string): MigrationPlan {
  const shipped = readMigrationFiles({ migrationsFolder });
  const shippedByTime = new Map(shipped.map((m) => [m.folderMillis, m]));

  for (const row of applied) {
    const match = shippedByTime.get(row.createdAt);
    if (match === undefined) {
      const newest = shipped.at(-1)?.folderMillis ?? 0;
      throw row.createdAt > newest
        ? new AppError('DB_NEWER_THAN_APP', 'This database was written by a newer version of Greentill. Install the newer version; nothing was changed.')
        : new AppError('DB_HISTORY_MISMATCH', 'This database has a migration this version does not know. Call IT support; nothing was changed.');
    }
    if (match.hash !== row.hash) {
      throw new AppError('DB_HISTORY_MISMATCH', 'A migration applied to this database differs from the one shipped. Call IT support; nothing was changed.');
    }
  }
  const newestApplied = applied.reduce((max, row) => Math.max(max, row.createdAt), 0);
  const pending = shipped.filter((m) => m.folderMillis > newestApplied);
  return { shipped, applied, pending };
}

function readApplied(sqlite: Database.Database): AppliedMigration[] {
  const table = sqlite.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name = '__drizzle_migrations'").get();
  if (table === undefined) return [];
  return sqlite.prepare('SELECT hash, created_at AS createdAt FROM __drizzle_migrations ORDER BY created_at').all() as AppliedMigration[];
}
