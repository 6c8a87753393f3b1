import { closeSync, copyFileSync, existsSync, fsyncSync, linkSync, openSync, readdirSync, readSync, renameSync, rmSync, statSync, chmodSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { AppError } from '../../../shared/errors';
import { attachAuditKey, type AuditKey } from '../audit/audit-key';
import { missingAuditGuards } from '../audit/guards';
import { verifyAuditChain, type AuditAnchor, type AuditVerification } from '../audit/verify';
import { logger } from '../logging/logger';
import { backupIntegrity } from './backups';
import { planMigrations } from './migrations';
import { openDatabase } from './open';

/**
 * Putting a backup back in place of the register's database (issue #19),
 * for the `restore` support command. Nothing is changed unless every check
 * passes: the register does not hold the file, the backup is an SQLite
 * file that passes `integrity_check`, its migration history is this
 * build's (older is fine: the staged copy is migrated first, as the register
 * would at its next start), and its audit chain verifies under the
 * register's key (as `verify-audit` checks it). The current file is kept
 * beside it as `<file>.replaced-<ms>`, and the checked copy replaces it with
 * one rename, so the database path never names a half-written file.
 */

const SQLITE_HEADER = Buffer.from('SQLite format 3\0', 'latin1');

export interface RestoreCheck {
  readonly integrity: 'ok';
  readonly migrations: { readonly applied: number; readonly pending: number };
  readonly audit: Extract<AuditVerification, { ok: true }>;
}

export interface RestoreResult extends RestoreCheck {
  readonly restored: string;
  readonly from: string;
  /** Where the file it replaced was kept (null when there was none). */
  readonly replaced: string | null;
}

/**
 * Refuses when another connection holds the database: the running register
 * keeps a shared lock on its WAL-mode file for as long as it is open, so an
 * exclusive lock is only granted when no register (nor any other program)
 * has it open. The lock is released at once.
 */
export function assertDatabaseNotHeld(databasePath: string): void {
  if (!existsSync(databasePath)) return;
  let sqlite: Database.Database | null = null;
  try {
    sqlite = new Database(databasePath, { fileMustExist: true });
    sqlite.pragma('busy_timeout = 0');
    sqlite.pragma('locking_mode = EXCLUSIVE');
    sqlite.exec('BEGIN EXCLUSIVE');
    // Whatever a crashed register left in its log goes into the file now, so the file set aside is complete.
    sqlite.exec('COMMIT');
    sqlite.pragma('wal_checkpoint(TRUNCATE)');
  } catch (error) {
    if (error instanceof Database.SqliteError && (error.code === 'SQLITE_BUSY' || error.code === 'SQLITE_LOCKED'))
      throw new AppError(
        'DB_IN_USE',
        'The register has this database open: quit the register on this computer, then run the restore again. Nothing was changed.',
      );
    throw error;
  } finally {
    sqlite?.close();
  }
}

/** Every check a backup must pass before it may replace the database; throws the first that fails. */
export function checkBackupFile(
  path: string,
  options: {
    readonly migrationsFolder: string;
    readonly auditKey: AuditKey;
    readonly anchor?: AuditAnchor;
    /** Migrate the file first when it is older (restore's staged copy only: never a backup in place). */
    readonly migrateOlder?: boolean;
  },
): RestoreCheck {
  if (!existsSync(path) || !statSync(path).isFile()) throw new AppError('RESTORE_SOURCE_MISSING', `There is no backup file at ${path}.`);
  if (!hasSqliteHeader(path))
    throw new AppError(
      'RESTORE_NOT_A_DATABASE',
      'That file is not a Greentill database (it is not an SQLite file). Nothing was changed; choose a file from the backups folder.',
    );
  const integrity = backupIntegrity(path);
  if (integrity !== 'ok')
    throw new AppError(
      'RESTORE_CORRUPT',
      `The backup is damaged (SQLite’s integrity check: ${integrity.slice(0, 200)}). Nothing was changed; choose an older backup.`,
    );
  // A backup from an older build: its copy is brought to this build's schema first, as the register would at its
  // next start, so its audit chain is read as this version reads it (an older table shape could not be, and an
  // older backup was refused as unreadable). Only the staged copy changes; the backup file itself never does.
  const migrated = options.migrateOlder === true ? migrateOlderCopy(path, options.migrationsFolder) : 0;
  const sqlite = new Database(path, { readonly: true, fileMustExist: true });
  try {
    const current = planBackupMigrations(sqlite, options.migrationsFolder);
    const plan = {
      applied: current.applied.slice(0, current.applied.length - migrated),
      pending: [...current.applied.slice(current.applied.length - migrated), ...current.pending],
    };
    attachAuditKey(sqlite, options.auditKey);
    const guardsMissing = missingAuditGuards(sqlite);
    if (guardsMissing.length > 0)
      throw new AppError(
        'RESTORE_AUDIT_GUARDS_MISSING',
        `The backup’s audit protection was removed (${guardsMissing.join(', ')}): someone altered it. Nothing was changed; keep the file for IT support.`,
      );
    let audit: AuditVerification;
    try {
      audit = verifyAuditChain(drizzle(sqlite), options.anchor === undefined ? {} : { anchor: options.anchor });
    } catch (error) {
      if (error instanceof AppError) throw error;
      throw new AppError(
        'RESTORE_AUDIT_UNREADABLE',
        'The backup’s audit log could not be read by this version (it is too old to check here). Nothing was changed; call IT support.',
      );
    }
    if (!audit.ok)
      throw new AppError(
        'RESTORE_AUDIT_BROKEN',
        `The backup’s audit log does not verify (${audit.problem}${audit.seq === null ? '' : ` at entry ${audit.seq}`}): it was altered, or keyed on another register. Nothing was changed; keep the file for IT support.`,
        { problem: audit.problem, seq: audit.seq },
      );
    return { integrity: 'ok', migrations: { applied: plan.applied.length, pending: plan.pending.length }, audit };
  } finally {
    sqlite.close();
  }
}

/** Checks a copy of the backup beside the database, then swaps it in (see the module's note). */
export function restoreDatabase(options: {
  readonly from: string;
  readonly databasePath: string;
  readonly migrationsFolder: string;
  readonly auditKey: AuditKey;
  readonly anchor?: AuditAnchor;
  readonly now?: Date;
}): RestoreResult {
  const from = resolve(options.from);
  const target = resolve(options.databasePath);
  if (from === target) throw new AppError('RESTORE_SAME_FILE', 'The backup to restore is the database itself: choose a file from the backups folder.');
  if (!existsSync(from) || !statSync(from).isFile()) throw new AppError('RESTORE_SOURCE_MISSING', `There is no backup file at ${from}.`);
  assertDatabaseNotHeld(target);
  const ms = (options.now ?? new Date()).getTime();
  // The copy is what gets checked and renamed: the backup itself is never changed, and what was checked is what goes in.
  const staged = `${target}.restoring-${ms}`;
  copyFileSync(from, staged);
  try {
    chmodSync(staged, 0o600);
    fsyncFile(staged);
    const check = checkBackupFile(staged, { ...options, migrateOlder: true });
    assertDatabaseNotHeld(target);
    let replaced: string | null = null;
    if (existsSync(target)) {
      replaced = `${target}.replaced-${ms}`;
      // A second name for the current file: the database path keeps naming a whole file until the rename below replaces it.
      keepAside(target, replaced);
    }
    for (const leftover of [`${target}-wal`, `${target}-shm`]) rmSync(leftover, { force: true });
    renameSync(staged, target);
    fsyncDirectory(dirname(target));
    logger.info({ replaced, entries: check.audit.entries }, 'database restored from a backup');
    return { restored: target, from, replaced, ...check };
  } finally {
    // What is left of a refused copy (and the empty log a read-only check of a WAL-mode file leaves beside it).
    for (const leftover of [staged, `${staged}-wal`, `${staged}-shm`]) rmSync(leftover, { force: true });
  }
}

/**
 * Applies this build's pending migrations to a staged copy, with the
 * migrator the register uses at start; returns how many. A newer or foreign
 * history is refused first (as below). The before-migration backup the
 * migrator writes beside the copy goes: the backup file being restored is
 * that "before", untouched.
 */
function migrateOlderCopy(path: string, migrationsFolder: string): number {
  const probe = new Database(path, { readonly: true, fileMustExist: true });
  let pending: number;
  try {
    pending = planBackupMigrations(probe, migrationsFolder).pending.length;
  } finally {
    probe.close();
  }
  if (pending === 0) return 0;
  openDatabase({ path, migrationsFolder }).close();
  const folder = dirname(path);
  const prefix = `${basename(path)}.pre-migration-`;
  for (const file of readdirSync(folder)) if (file.startsWith(prefix)) rmSync(join(folder, file), { force: true });
  return pending;
}

/** An older backup is fine (the register migrates it); a newer or foreign history is refused with the backup named, not the database. */
function planBackupMigrations(sqlite: Database.Database, migrationsFolder: string): ReturnType<typeof planMigrations> {
  try {
    return planMigrations(sqlite, migrationsFolder);
  } catch (error) {
    if (error instanceof AppError && error.code === 'DB_NEWER_THAN_APP')
      throw new AppError(
        'RESTORE_NEWER_THAN_APP',
        'The backup was written by a newer version of Greentill than this one. Nothing was changed; install that version first.',
      );
    if (error instanceof AppError && error.code === 'DB_HISTORY_MISMATCH')
      throw new AppError('RESTORE_HISTORY_MISMATCH', 'The backup’s migration history does not match this version’s. Nothing was changed; call IT support.');
    throw error;
  }
}

function hasSqliteHeader(path: string): boolean {
  const fd = openSync(path, 'r');
  try {
    const header = Buffer.alloc(SQLITE_HEADER.length);
    return readSync(fd, header, 0, header.length, 0) === header.length && header.equals(SQLITE_HEADER);
  } finally {
    closeSync(fd);
  }
}

function keepAside(path: string, aside: string): void {
  try {
    linkSync(path, aside);
  } catch {
    // A file system without hard links: a copy (the register does not hold the file, so it is not changing).
    copyFileSync(path, aside);
  }
}

function fsyncFile(path: string): void {
  const fd = openSync(path, 'r+');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

function fsyncDirectory(path: string): void {
  if (process.platform === 'win32') return;
  const fd = openSync(path, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}
