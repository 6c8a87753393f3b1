import { chmodSync, copyFileSync, openSync, readdirSync, readFileSync, statSync, writeSync, closeSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { supportAuditKey } from '../../../../src/main/entries/cli/key-option';
import type { AuditKey } from '../../../../src/main/platform/audit/audit-key';
import { verifyAuditChain } from '../../../../src/main/platform/audit/verify';
import { takeBackup } from '../../../../src/main/platform/db/backups';
import { openDatabase } from '../../../../src/main/platform/db/open';
import { restoreDatabase } from '../../../../src/main/platform/db/restore';
import { keyedDemoFile, migrationsFolder, tempDir } from '../../../support/temp-db';
import { gunzipSync } from 'node:zlib';
import { repoRoot } from '../../../support/cli';

const cleanups: Array<() => void> = [];
afterEach(() => cleanups.splice(0).forEach((c) => c()));

/** A keyed demo register, a backup of it, and then a marker row the backup does not have. */
async function registerWithBackup(): Promise<{ dir: string; path: string; backup: string; auditKey: AuditKey }> {
  const dir = tempDir();
  cleanups.push(dir.cleanup);
  const path = await keyedDemoFile(dir.path);
  const auditKey = (await supportAuditKey(path)) as AuditKey;
  const database = openDatabase({ path, migrationsFolder, auditKey });
  const backup = takeBackup(database.sqlite, database.path, new Date('2026-11-25T06:30:00Z')).path;
  database.sqlite.prepare("INSERT INTO settings (key, value, updated_at) VALUES ('test.after_backup', '1', 0)").run();
  database.close();
  return { dir: dir.path, path, backup, auditKey };
}

const marker = (path: string): boolean => {
  const sqlite = new Database(path, { readonly: true });
  try {
    return sqlite.prepare("SELECT 1 FROM settings WHERE key = 'test.after_backup'").get() !== undefined;
  } finally {
    sqlite.close();
  }
};

/** A copy of the backup, changed by `change` on a plain connection. */
function alteredCopy(backup: string, dir: string, change: (sqlite: Database.Database) => void): string {
  const copy = join(dir, 'altered.sqlite');
  copyFileSync(backup, copy);
  const sqlite = new Database(copy);
  change(sqlite);
  sqlite.close();
  return copy;
}

describe('restore', () => {
  it('restores a backup an older build wrote: its copy migrated as the register would, its chain verified, the backup itself unchanged', async () => {
    // A register keyed and selling on commit c5651ab (before migration 0021): test/fixtures/register-before-0021.
    const dir = tempDir();
    cleanups.push(dir.cleanup);
    const fixture = join(repoRoot, 'test/fixtures/register-before-0021');
    const backup = join(dir.path, 'older-backup.sqlite');
    writeFileSync(backup, gunzipSync(readFileSync(join(fixture, 'greentill.sqlite.gz'))), { mode: 0o600 });
    const path = join(dir.path, 'greentill.sqlite');
    copyFileSync(backup, path);
    copyFileSync(join(fixture, 'greentill-headless.key'), join(dir.path, 'greentill-headless.key'));
    chmodSync(join(dir.path, 'greentill-headless.key'), 0o600);
    const auditKey = (await supportAuditKey(path)) as AuditKey;
    const before = readFileSync(backup);
    const result = restoreDatabase({ from: backup, databasePath: path, migrationsFolder, auditKey, now: new Date('2026-11-26T10:00:00Z') });
    expect(result).toMatchObject({ integrity: 'ok', audit: { ok: true, entries: 9 }, migrations: { pending: expect.any(Number) } });
    expect(result.migrations.pending).toBeGreaterThan(0);
    expect(readFileSync(backup).equals(before)).toBe(true);
    // Nothing left beside it: no staged copy, no before-migration copy of the staged file.
    expect(readdirSync(dir.path).filter((f) => f.includes('.restoring-'))).toEqual([]);
    const reopened = openDatabase({ path, migrationsFolder, auditKey });
    expect(reopened.migrationsApplied).toBe(0);
    expect(verifyAuditChain(reopened.db)).toMatchObject({ ok: true });
    reopened.close();
  });

  it('checks the backup, keeps the current file aside and swaps it in; the register opens it after', async () => {
    const { dir, path, backup, auditKey } = await registerWithBackup();
    const now = new Date('2026-11-26T10:00:00Z');
    const result = restoreDatabase({ from: backup, databasePath: path, migrationsFolder, auditKey, now });
    expect(result).toMatchObject({ restored: path, replaced: `${path}.replaced-${now.getTime()}`, integrity: 'ok', audit: { ok: true } });
    expect(marker(path)).toBe(false);
    expect(marker(`${path}.replaced-${now.getTime()}`)).toBe(true);
    expect(readdirSync(dir).filter((f) => f.includes('.restoring-'))).toEqual([]);
    if (process.platform !== 'win32') expect(statSync(path).mode & 0o777).toBe(0o600);
    const reopened = openDatabase({ path, migrationsFolder, auditKey });
    expect(verifyAuditChain(reopened.db)).toMatchObject({ ok: true });
    reopened.close();
  });

  it('refuses while the register holds the database, changing nothing', async () => {
    const { path, backup, auditKey } = await registerWithBackup();
    const running = openDatabase({ path, migrationsFolder, auditKey });
    try {
      expect(() => restoreDatabase({ from: backup, databasePath: path, migrationsFolder, auditKey })).toThrow(expect.objectContaining({ code: 'DB_IN_USE' }));
    } finally {
      running.close();
    }
    expect(marker(path)).toBe(true);
  });

  it('refuses a damaged backup and a file that is not a database', async () => {
    const { dir, path, backup, auditKey } = await registerWithBackup();
    const damaged = join(dir, 'damaged.sqlite');
    copyFileSync(backup, damaged);
    const fd = openSync(damaged, 'r+');
    // Garbage over the pages after the first (the header stays: SQLite opens it, then finds the damage).
    writeSync(fd, Buffer.alloc(statSync(damaged).size - 4096, 0x5a), 0, statSync(damaged).size - 4096, 4096);
    closeSync(fd);
    expect(() => restoreDatabase({ from: damaged, databasePath: path, migrationsFolder, auditKey })).toThrow(
      expect.objectContaining({ code: 'RESTORE_CORRUPT' }),
    );
    const garbage = join(dir, 'garbage.sqlite');
    writeFileSync(garbage, 'not a database at all');
    expect(() => restoreDatabase({ from: garbage, databasePath: path, migrationsFolder, auditKey })).toThrow(
      expect.objectContaining({ code: 'RESTORE_NOT_A_DATABASE' }),
    );
    expect(() => restoreDatabase({ from: join(dir, 'nowhere.sqlite'), databasePath: path, migrationsFolder, auditKey })).toThrow(
      expect.objectContaining({ code: 'RESTORE_SOURCE_MISSING' }),
    );
    expect(marker(path)).toBe(true);
    expect(readdirSync(dir).filter((f) => f.includes('.restoring-') || f.includes('.replaced-'))).toEqual([]);
  });

  it('refuses a backup from a newer build, or with a foreign history', async () => {
    const { dir, path, backup, auditKey } = await registerWithBackup();
    const newer = alteredCopy(backup, dir, (sqlite) =>
      sqlite.prepare('INSERT INTO __drizzle_migrations (hash, created_at) SELECT ?, max(created_at) + 1000 FROM __drizzle_migrations').run('from-the-future'),
    );
    expect(() => restoreDatabase({ from: newer, databasePath: path, migrationsFolder, auditKey })).toThrow(
      expect.objectContaining({ code: 'RESTORE_NEWER_THAN_APP' }),
    );
    const foreign = alteredCopy(backup, dir, (sqlite) =>
      sqlite.prepare("UPDATE __drizzle_migrations SET hash = 'edited' WHERE created_at = (SELECT min(created_at) FROM __drizzle_migrations)").run(),
    );
    expect(() => restoreDatabase({ from: foreign, databasePath: path, migrationsFolder, auditKey })).toThrow(
      expect.objectContaining({ code: 'RESTORE_HISTORY_MISMATCH' }),
    );
    expect(marker(path)).toBe(true);
  });

  it('refuses a broken audit chain, and a chain whose guards were removed', async () => {
    const { dir, path, backup, auditKey } = await registerWithBackup();
    const broken = alteredCopy(backup, dir, (sqlite) => {
      const { sql } = sqlite.prepare("SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = 'audit_log_no_update'").get() as { sql: string };
      sqlite.exec(`DROP TRIGGER audit_log_no_update; UPDATE audit_log SET action = 'store.nothing-to-see' WHERE seq = 1; ${sql};`);
    });
    expect(() => restoreDatabase({ from: broken, databasePath: path, migrationsFolder, auditKey })).toThrow(
      expect.objectContaining({ code: 'RESTORE_AUDIT_BROKEN', details: { problem: 'content', seq: 1 } }),
    );
    const unguarded = alteredCopy(backup, dir, (sqlite) => sqlite.exec('DROP TRIGGER audit_log_no_update'));
    expect(() => restoreDatabase({ from: unguarded, databasePath: path, migrationsFolder, auditKey })).toThrow(
      expect.objectContaining({ code: 'RESTORE_AUDIT_GUARDS_MISSING' }),
    );
    // Another register's key: its chain does not verify here.
    const otherKey = (await supportAuditKey(join(dir, 'other', 'x.sqlite'), { create: true })) as AuditKey;
    expect(() => restoreDatabase({ from: backup, databasePath: path, migrationsFolder, auditKey: otherKey })).toThrow(
      expect.objectContaining({ code: 'RESTORE_AUDIT_BROKEN' }),
    );
    expect(marker(path)).toBe(true);
    expect(readdirSync(dir).filter((f) => f.includes('.restoring-') || f.includes('.replaced-'))).toEqual([]);
  });
});
