import type Database from 'better-sqlite3';
import { readMigrationFiles, type MigrationMeta } from 'drizzle-orm/migrator';
import { sql } from 'drizzle-orm';
import { pendingMigrations } from '../../../shared/db/migration-history';
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

/** Compares what this build ships with what the file has applied (refusing a newer or mismatched history). */
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
  const pending = pendingMigrations(
    shipped.map((m) => ({ ...m, createdAt: m.folderMillis })),
    applied,
  );
  const pendingTimes = new Set(pending.map((m) => m.folderMillis));
  return { shipped, applied, pending: shipped.filter((m) => pendingTimes.has(m.folderMillis)) };
}

function readApplied(sqlite: Database.Database): AppliedMigration[] {
  const table = sqlite.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name = '__drizzle_migrations'").get();
  if (table === undefined) return [];
  return sqlite.prepare('SELECT hash, created_at AS createdAt FROM __drizzle_migrations ORDER BY created_at').all() as AppliedMigration[];
}
