import Database from 'better-sqlite3';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runCli } from '../../../../src/main/entries/cli/index';
import { supportAuditKey } from '../../../../src/main/entries/cli/key-option';
import { takeBackup } from '../../../../src/main/platform/db/backups';
import { openDatabase } from '../../../../src/main/platform/db/open';
import { captureIo } from '../../../support/cli';
import { keyedDemoFile, migrationsFolder, tempDir } from '../../../support/temp-db';

const cleanups: Array<() => void> = [];
afterEach(() => cleanups.splice(0).forEach((c) => c()));

describe('backups and restore, from the command line', () => {
  it('lists the backups with size, time and integrity, and restores one', async () => {
    const dir = tempDir();
    cleanups.push(dir.cleanup);
    const path = await keyedDemoFile(dir.path);
    const database = openDatabase({ path, migrationsFolder, ...{ auditKey: (await supportAuditKey(path))! } });
    const backup = takeBackup(database.sqlite, path, new Date('2026-11-25T06:30:00Z'));
    database.close();

    const list = captureIo();
    expect(await runCli(['backups', '--db', path], list)).toBe(0);
    expect(JSON.parse(list.out())).toMatchObject({
      folder: join(dir.path, 'backups'),
      backups: [{ kind: 'nightly', path: backup.path, bytes: backup.bytes, takenAt: '2026-11-25T06:30:00.000Z', integrity: 'ok' }],
    });

    const restore = captureIo();
    expect(await runCli(['restore', '--from', backup.path, '--db', path], restore)).toBe(0);
    expect(JSON.parse(restore.out())).toMatchObject({ ok: true, restored: path, replaced: expect.stringContaining('.replaced-'), audit: { ok: true } });
  });

  it('answers typed errors: no --from, no key, a refused backup', async () => {
    const dir = tempDir();
    cleanups.push(dir.cleanup);
    const noFrom = captureIo();
    expect(await runCli(['restore'], noFrom)).toBe(1);
    expect(JSON.parse(noFrom.out())).toMatchObject({ error: { code: 'INVALID_ARGUMENTS' } });
    const noKey = captureIo();
    expect(await runCli(['restore', '--from', join(dir.path, 'x.sqlite'), '--db', join(dir.path, 'register.sqlite')], noKey)).toBe(1);
    expect(JSON.parse(noKey.out())).toMatchObject({ error: { code: 'AUDIT_KEY_MISSING' } });
    const path = await keyedDemoFile(dir.path);
    const missing = captureIo();
    expect(await runCli(['restore', '--from', join(dir.path, 'x.sqlite'), '--db', path], missing)).toBe(1);
    expect(JSON.parse(missing.out())).toMatchObject({ error: { code: 'RESTORE_SOURCE_MISSING' } });
  });
});

describe('a backup now, from the command line (issue #19)', () => {
  it('copies the committed database beside the nightly ones, readable and whole, while the register has it open', async () => {
    const dir = tempDir();
    cleanups.push(dir.cleanup);
    const path = await keyedDemoFile(dir.path);
    const register = openDatabase({ path, migrationsFolder, ...{ auditKey: (await supportAuditKey(path))! } });
    cleanups.push(() => register.close());
    const io = captureIo();
    expect(await runCli(['backup-now', '--db', path], io)).toBe(0);
    const answer = JSON.parse(io.out()) as { path: string; integrity: string; bytes: number };
    expect(answer).toMatchObject({ ok: true, integrity: 'ok', path: expect.stringContaining(join(dir.path, 'backups')) });
    // What the register had committed is in the copy, and `backups` lists it.
    const copy = new Database(answer.path, { readonly: true });
    cleanups.push(() => copy.close());
    const count = (db: Database.Database) => (db.prepare('SELECT count(*) AS n FROM products').get() as { n: number }).n;
    expect(count(copy)).toBe(count(register.sqlite));
    expect(count(copy)).toBeGreaterThan(0);
    const list = captureIo();
    await runCli(['backups', '--db', path], list);
    expect(JSON.parse(list.out())).toMatchObject({ backups: [{ kind: 'nightly', path: answer.path }] });
  });

  it('says so when there is no database to back up', async () => {
    const dir = tempDir();
    cleanups.push(dir.cleanup);
    const io = captureIo();
    expect(await runCli(['backup-now', '--db', join(dir.path, 'none.sqlite')], io)).toBe(1);
    expect(JSON.parse(io.out())).toMatchObject({ error: { code: 'BACKUP_SOURCE_MISSING' } });
  });
});
