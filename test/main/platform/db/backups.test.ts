import { existsSync, mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import {
  backupFolder,
  backupIntegrity,
  defaultBackupSchedule,
  listBackups,
  NightlyBackups,
  rotateBackups,
  takeBackup,
} from '../../../../src/main/platform/db/backups';
import { openDatabase } from '../../../../src/main/platform/db/open';
import { migrationsFolder, openTempDatabase, tempDir, testAuditKey, type TempDatabase } from '../../../support/temp-db';

const cleanups: Array<() => void> = [];
afterEach(() => cleanups.splice(0).forEach((c) => c()));

function demo(): TempDatabase {
  const database = openTempDatabase({ demo: true });
  cleanups.push(() => {
    if (database.sqlite.open) database.close();
    database.dispose();
  });
  return database;
}

function rowCounts(sqlite: Database.Database): Record<string, number> {
  const tables = sqlite.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").all() as Array<{
    name: string;
  }>;
  return Object.fromEntries(tables.map(({ name }) => [name, (sqlite.prepare(`SELECT count(*) AS n FROM "${name}"`).get() as { n: number }).n]));
}

describe('a backup', () => {
  it('is a valid database with the same rows, in the backups folder beside the file, owner-only', () => {
    const database = demo();
    const backup = takeBackup(database.sqlite, database.path, new Date('2026-11-24T06:30:00.123Z'));
    expect(backup.path).toBe(join(database.dir, 'backups', 'register-20261124T063000123Z.sqlite'));
    expect(readdirSync(backupFolder(database.path))).toEqual(['register-20261124T063000123Z.sqlite']);
    expect(backupIntegrity(backup.path)).toBe('ok');
    const copy = new Database(backup.path, { readonly: true });
    const counts = rowCounts(copy);
    copy.close();
    expect(counts).toEqual(rowCounts(database.sqlite));
    expect(counts['audit_log']).toBeGreaterThan(0);
    // The register opens it as it is: current history, nothing to migrate, the chain keyed.
    const reopened = openDatabase({ path: backup.path, migrationsFolder, auditKey: testAuditKey });
    expect(reopened.migrationsApplied).toBe(0);
    reopened.close();
    if (process.platform !== 'win32') expect(statSync(backup.path).mode & 0o777).toBe(0o600);
  });

  it('is never taken inside a transaction', () => {
    const database = demo();
    database.sqlite.exec('BEGIN');
    expect(() => takeBackup(database.sqlite, database.path)).toThrow(expect.objectContaining({ code: 'BACKUP_IN_TRANSACTION' }));
    database.sqlite.exec('ROLLBACK');
  });
});

describe('rotation', () => {
  it('keeps the newest of each of the last N days and M weeks, and nothing else of ours', () => {
    const dir = tempDir();
    cleanups.push(dir.cleanup);
    const databasePath = join(dir.path, 'register.sqlite');
    const folder = backupFolder(databasePath);
    mkdirSync(folder);
    const name = (iso: string) => `register-${iso.replace(/[-:]/g, '').replace('.', '')}.sqlite`;
    // One a night for 30 nights up to Sunday 2026-11-29, plus an earlier one on the last day.
    for (let day = 0; day < 30; day += 1) {
      const at = new Date(Date.UTC(2026, 10, 29 - day, 6, 0, 0));
      writeFileSync(join(folder, name(at.toISOString())), 'x');
    }
    writeFileSync(join(folder, name('2026-11-29T01:00:00.000Z')), 'x');
    writeFileSync(join(folder, 'notes.txt'), 'not a backup');
    writeFileSync(join(folder, 'other-20261101T060000000Z.sqlite'), 'another database’s');

    const removed = rotateBackups(databasePath, { keepDaily: 7, keepWeekly: 4 }, 'UTC');
    const kept = listBackups(databasePath).map((b) => b.takenAt.toISOString().slice(0, 13));
    expect(kept).toEqual([
      // the last seven days (Monday 23 to Sunday 29: ISO week 48)…
      '2026-11-29T06',
      '2026-11-28T06',
      '2026-11-27T06',
      '2026-11-26T06',
      '2026-11-25T06',
      '2026-11-24T06',
      '2026-11-23T06',
      // …and the newest of weeks 47, 46 and 45 (48's is already kept)
      '2026-11-22T06',
      '2026-11-15T06',
      '2026-11-08T06',
    ]);
    expect(removed).toHaveLength(31 - 10);
    expect(readdirSync(folder)).toEqual(expect.arrayContaining(['notes.txt', 'other-20261101T060000000Z.sqlite']));
  });

  it('always keeps the newest', () => {
    const dir = tempDir();
    cleanups.push(dir.cleanup);
    const databasePath = join(dir.path, 'register.sqlite');
    mkdirSync(backupFolder(databasePath));
    writeFileSync(join(backupFolder(databasePath), 'register-20261129T060000000Z.sqlite'), 'x');
    rotateBackups(databasePath, { keepDaily: 0, keepWeekly: 0 });
    expect(listBackups(databasePath)).toHaveLength(1);
  });
});

describe('the nightly schedule', () => {
  it('catches up at start-up, then takes one a night past closing once idle, never twice, never in a transaction', () => {
    const database = demo();
    let now = new Date('2026-11-24T17:00:00Z'); // 09:00 in Los Angeles
    let lastWrite = now.getTime();
    const backups = NightlyBackups.start({
      sqlite: database.sqlite,
      databasePath: database.path,
      schedule: () => defaultBackupSchedule,
      timeZone: () => 'America/Los_Angeles',
      lastWriteAt: () => lastWrite,
      now: () => now,
      tickMs: 3_600_000,
    });
    cleanups.push(() => backups.stop());
    // No backup yet: one at start-up.
    expect(listBackups(database.path)).toHaveLength(1);
    expect(backups.newest).toEqual(now);

    const at = (iso: string) => (now = new Date(iso));
    at('2026-11-25T05:30:00Z'); // 21:30 local: before closing
    lastWrite = now.getTime() - 60 * 60_000;
    expect(backups.tick()).toBeNull();
    at('2026-11-25T06:10:00Z'); // 22:10 local, but a sale 5 minutes ago
    lastWrite = now.getTime() - 5 * 60_000;
    expect(backups.tick()).toBeNull();
    at('2026-11-25T06:25:00Z'); // 22:25, idle 20 minutes — but inside a transaction
    database.sqlite.exec('BEGIN');
    expect(backups.tick()).toBeNull();
    database.sqlite.exec('ROLLBACK');
    expect(backups.tick()).not.toBeNull();
    at('2026-11-25T09:00:00Z'); // 01:00: tonight's is taken
    expect(backups.tick()).toBeNull();
    at('2026-11-25T19:00:00Z'); // 11:00 the next morning, idle: not past closing
    lastWrite = now.getTime() - 120 * 60_000;
    expect(backups.tick()).toBeNull();
    // The night's backup and the start-up one fall on the same store day (the 24th): rotation keeps the newer.
    expect(listBackups(database.path).map((b) => b.takenAt.toISOString())).toEqual(['2026-11-25T06:25:00.000Z']);
  });

  it('takes nothing at start-up when the newest backup is under a day old', () => {
    const database = demo();
    takeBackup(database.sqlite, database.path, new Date('2026-11-24T07:00:00Z'));
    const backups = NightlyBackups.start({
      sqlite: database.sqlite,
      databasePath: database.path,
      schedule: () => defaultBackupSchedule,
      timeZone: () => 'UTC',
      lastWriteAt: () => 0,
      now: () => new Date('2026-11-24T17:00:00Z'),
      tickMs: 3_600_000,
    });
    backups.stop();
    expect(listBackups(database.path)).toHaveLength(1);
    expect(existsSync(`${listBackups(database.path)[0]?.path}.partial`)).toBe(false);
  });
});
