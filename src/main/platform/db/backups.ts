import { chmodSync, mkdirSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { basename, dirname, extname, join } from 'node:path';
import Database from 'better-sqlite3';
import { AppError } from '../../../shared/errors';
import { storeLocal } from '../../../shared/domain/store-calendar';
import { logger } from '../logging/logger';

/**
 * The register's nightly backups (issue #19): `VACUUM INTO` a timestamped
 * file in a `backups` folder beside the database, kept by rotation (the
 * newest of each of the last N days and of the last M weeks). The
 * before-migration backup (open.ts, `<file>.pre-migration-<ms>.bak`) is
 * separate and never rotated here.
 *
 * `VACUUM INTO` reads one consistent snapshot (the write-ahead log
 * included) and writes a compact, ordinary database: a backup is a file
 * the register can open as it is. It cannot run inside a transaction, so a
 * backup is never taken inside a sale; the schedule also waits for the
 * register to be idle past closing.
 */

/** How many backups rotation keeps, and when the nightly one is taken (the store setting `backups.schedule`). */
export interface BackupSchedule {
  /** The newest backup of each of the last this-many days (store-local). */
  readonly keepDaily: number;
  /** Beyond those, the newest backup of each of the last this-many weeks (ISO weeks, store-local). */
  readonly keepWeekly: number;
  /** The store-local hour from which the night's backup may be taken (the store's closing). */
  readonly afterLocalHour: number;
  /** Minutes without a write before the register counts as idle. */
  readonly idleMinutes: number;
}

export const defaultBackupSchedule: BackupSchedule = { keepDaily: 7, keepWeekly: 4, afterLocalHour: 22, idleMinutes: 15 };

/** The night after closing: a register busy past this many hours after closing waits for the next night (or the start-up catch-up). */
const NIGHT_HOURS = 9;
/** At start-up, a newest backup older than this is caught up at once. */
const STALE_MS = 24 * 60 * 60 * 1000;

export interface BackupFile {
  readonly path: string;
  readonly file: string;
  readonly takenAt: Date;
  readonly bytes: number;
}

export function backupFolder(databasePath: string): string {
  return join(dirname(databasePath), 'backups');
}

/** `register-20261124T170000123Z.sqlite`: the database's own name, then the UTC instant (sortable, no colons for Windows). */
function backupName(databasePath: string, at: Date): string {
  const stem = basename(databasePath, extname(databasePath));
  const stamp = at.toISOString().replace(/[-:]/g, '').replace('.', '');
  return `${stem}-${stamp}.sqlite`;
}

const STAMP = /-(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})(\d{3})Z\.sqlite$/;

function takenAtOf(file: string): Date | null {
  const m = STAMP.exec(file);
  if (m === null) return null;
  const at = new Date(`${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}.${m[7]}Z`);
  return Number.isNaN(at.getTime()) ? null : at;
}

/** The backups of this database, newest first (files whose name carries no instant are not ours and are left alone). */
export function listBackups(databasePath: string): BackupFile[] {
  const folder = backupFolder(databasePath);
  const stem = basename(databasePath, extname(databasePath));
  let names: string[];
  try {
    names = readdirSync(folder);
  } catch {
    return [];
  }
  return names
    .filter((file) => file.startsWith(`${stem}-`))
    .flatMap((file) => {
      const takenAt = takenAtOf(file);
      if (takenAt === null) return [];
      const path = join(folder, file);
      return [{ path, file, takenAt, bytes: statSync(path).size }];
    })
    .sort((a, b) => b.takenAt.getTime() - a.takenAt.getTime());
}

/**
 * Takes one backup now. Written under a `.partial` name and renamed when
 * complete, so a backup cut short (power, a kill) never looks like one.
 */
export function takeBackup(sqlite: Database.Database, databasePath: string, now: Date = new Date()): BackupFile {
  if (sqlite.inTransaction) throw new AppError('BACKUP_IN_TRANSACTION', 'A backup is never taken inside a sale: it waits until the register is idle.');
  const folder = backupFolder(databasePath);
  mkdirSync(folder, { recursive: true, mode: 0o700 });
  const file = backupName(databasePath, now);
  const path = join(folder, file);
  const partial = `${path}.partial`;
  rmSync(partial, { force: true });
  sqlite.prepare('VACUUM INTO ?').run(partial);
  chmodSync(partial, 0o600);
  renameSync(partial, path);
  return { path, file, takenAt: now, bytes: statSync(path).size };
}

/**
 * Which backups rotation keeps: the newest of each of the last `keepDaily`
 * store-local days that have one, and the newest of each of the last
 * `keepWeekly` ISO weeks that have one (a week's survivor may also be a
 * day's). The newest backup is always kept.
 */
export function backupsToKeep(backups: readonly BackupFile[], schedule: Pick<BackupSchedule, 'keepDaily' | 'keepWeekly'>, timeZone = 'UTC'): Set<string> {
  const newestFirst = [...backups].sort((a, b) => b.takenAt.getTime() - a.takenAt.getTime());
  const keep = new Set<string>();
  const newestPer = (bucket: (at: Date) => string, count: number): void => {
    const seen = new Set<string>();
    for (const backup of newestFirst) {
      const key = bucket(backup.takenAt);
      if (seen.has(key)) continue;
      if (seen.size >= count) break;
      seen.add(key);
      keep.add(backup.path);
    }
  };
  newestPer((at) => storeLocal(at, timeZone).toISODate() ?? at.toISOString().slice(0, 10), schedule.keepDaily);
  newestPer((at) => {
    const local = storeLocal(at, timeZone);
    return `${local.weekYear}-W${local.weekNumber}`;
  }, schedule.keepWeekly);
  const newest = newestFirst[0];
  if (newest !== undefined) keep.add(newest.path);
  return keep;
}

/** Removes the backups rotation does not keep; returns what it removed. */
export function rotateBackups(databasePath: string, schedule: Pick<BackupSchedule, 'keepDaily' | 'keepWeekly'>, timeZone = 'UTC'): string[] {
  const backups = listBackups(databasePath);
  const keep = backupsToKeep(backups, schedule, timeZone);
  const removed: string[] = [];
  for (const backup of backups) {
    if (keep.has(backup.path)) continue;
    rmSync(backup.path, { force: true });
    removed.push(backup.file);
  }
  return removed;
}

/** SQLite's `integrity_check` of a file, opened read-only: 'ok', or what it found (or why it could not open it). */
export function backupIntegrity(path: string): string {
  let sqlite: Database.Database | null = null;
  try {
    sqlite = new Database(path, { readonly: true, fileMustExist: true });
    const rows = sqlite.pragma('integrity_check') as Array<{ integrity_check: string }>;
    const problems = rows.map((row) => row.integrity_check);
    return problems.length === 1 && problems[0] === 'ok' ? 'ok' : problems.slice(0, 5).join('; ');
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  } finally {
    sqlite?.close();
  }
}

export interface NightlyBackupOptions {
  readonly sqlite: Database.Database;
  readonly databasePath: string;
  /** Read at every look, so a changed setting applies without a restart. */
  readonly schedule: () => BackupSchedule;
  /** The store's IANA zone ("past closing" and the days of rotation are the store's). */
  readonly timeZone: () => string;
  /** When the register last committed a write (ms since the epoch; 0 for never). */
  readonly lastWriteAt: () => number;
  readonly now?: () => Date;
  /** How often the timer looks (default: every minute). */
  readonly tickMs?: number;
}

/**
 * The running register's backups: one at start-up when the newest is older
 * than a day (or there is none), then one each night once the store is
 * past closing and the register has been idle for a while. Never inside a
 * transaction; a failure is logged and tried again at the next look.
 */
export class NightlyBackups {
  readonly #options: NightlyBackupOptions;
  readonly #now: () => Date;
  #timer: ReturnType<typeof setInterval> | null = null;
  #newest: Date | null;

  constructor(options: NightlyBackupOptions) {
    this.#options = options;
    this.#now = options.now ?? (() => new Date());
    this.#newest = listBackups(options.databasePath)[0]?.takenAt ?? null;
  }

  /** Catches up a stale backup now, then looks every `tickMs`. */
  static start(options: NightlyBackupOptions): NightlyBackups {
    const backups = new NightlyBackups(options);
    const now = backups.#now();
    if (backups.#newest === null || now.getTime() - backups.#newest.getTime() >= STALE_MS) backups.#take(now, 'start-up: the newest backup is over a day old');
    const timer = setInterval(() => {
      if (!options.sqlite.open) return backups.stop();
      backups.tick();
    }, options.tickMs ?? 60_000);
    timer.unref();
    backups.#timer = timer;
    return backups;
  }

  /** The newest backup's time (null when there is none). */
  get newest(): Date | null {
    return this.#newest;
  }

  /** One look: takes the night's backup when it is due. Returns it, or null. */
  tick(): BackupFile | null {
    const { sqlite, schedule, timeZone, lastWriteAt } = this.#options;
    if (!sqlite.open || sqlite.inTransaction) return null;
    const now = this.#now();
    const settings = schedule();
    const closing = lastClosing(now, timeZone(), settings.afterLocalHour);
    if (closing === null || now.getTime() - closing.getTime() >= NIGHT_HOURS * 3600_000) return null;
    if (this.#newest !== null && this.#newest.getTime() >= closing.getTime()) return null;
    if (now.getTime() - lastWriteAt() < settings.idleMinutes * 60_000) return null;
    return this.#take(now, 'nightly');
  }

  stop(): void {
    if (this.#timer !== null) clearInterval(this.#timer);
    this.#timer = null;
  }

  #take(now: Date, reason: string): BackupFile | null {
    try {
      const backup = takeBackup(this.#options.sqlite, this.#options.databasePath, now);
      this.#newest = now;
      const removed = rotateBackups(this.#options.databasePath, this.#options.schedule(), this.#options.timeZone());
      logger.info({ backup: backup.file, bytes: backup.bytes, removed: removed.length, reason }, 'database backed up');
      return backup;
    } catch (error) {
      logger.warn({ err: error, reason }, 'database backup failed: tried again at the next look');
      return null;
    }
  }
}

/** The latest store-local closing moment at or before `now` (today's, else yesterday's); null for an unknown zone. */
function lastClosing(now: Date, timeZone: string, hour: number): Date | null {
  const local = storeLocal(now, timeZone);
  if (!local.isValid) return null;
  const today = local.set({ hour, minute: 0, second: 0, millisecond: 0 });
  return (today.toMillis() <= now.getTime() ? today : today.minus({ days: 1 })).toJSDate();
}
