import { AppError } from '../errors';

/** What a migration is known by: drizzle's journal time and the SQL's hash. */
export interface MigrationStamp {
  readonly hash: string;
  /** The journal's `when` (drizzle's `folderMillis` when shipped, `created_at` once applied). */
  readonly createdAt: number;
}

/**
 * Compares the migrations a build ships with those a database has applied
 * (the register's SQLite and the store server's PostgreSQL alike). Refuses
 * a database written by a newer build (downgrade) or whose history does not
 * match ours, because drizzle would otherwise skip or misapply migrations
 * silently (docs/engineering/database.md, 1). Returns the shipped ones
 * still to apply.
 */
export function pendingMigrations<T extends MigrationStamp>(shipped: readonly T[], applied: readonly MigrationStamp[]): T[] {
  const shippedByTime = new Map(shipped.map((m) => [m.createdAt, m]));
  for (const row of applied) {
    const match = shippedByTime.get(row.createdAt);
    if (match === undefined) {
      const newest = shipped.at(-1)?.createdAt ?? 0;
      throw row.createdAt > newest
        ? new AppError('DB_NEWER_THAN_APP', 'This database was written by a newer version of Greentill. Install the newer version; nothing was changed.')
        : new AppError('DB_HISTORY_MISMATCH', 'This database has a migration this version does not know. Call IT support; nothing was changed.');
    }
    if (match.hash !== row.hash) {
      throw new AppError('DB_HISTORY_MISMATCH', 'A migration applied to this database differs from the one shipped. Call IT support; nothing was changed.');
    }
  }
  const newestApplied = applied.reduce((max, row) => Math.max(max, row.createdAt), 0);
  return shipped.filter((m) => m.createdAt > newestApplied);
}
