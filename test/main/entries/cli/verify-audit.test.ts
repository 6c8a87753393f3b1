import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runCli } from '../../../../src/main/entries/cli/index';
import { openDatabase } from '../../../../src/main/platform/db/open';
import { seedDemoStore } from '../../../../src/main/features/demo/seed';
import { supportAuditKey } from '../../../../src/main/entries/cli/key-option';
import { captureIo, spawnCli } from '../../../support/cli';
import { migrationsFolder, tempDir, testPiiKeys } from '../../../support/temp-db';

const cleanups: Array<() => void> = [];
afterEach(() => cleanups.splice(0).forEach((c) => c()));

/** A demo register's file, keyed with the support key file beside it (as the headless host keeps it). */
async function demoFile(): Promise<string> {
  const dir = tempDir();
  cleanups.push(dir.cleanup);
  const path = join(dir.path, 'register.sqlite');
  const auditKey = await supportAuditKey(path, { create: true });
  const db = openDatabase({ path, migrationsFolder, ...(auditKey === undefined ? {} : { auditKey }) });
  seedDemoStore(db.db, testPiiKeys, new Date('2026-11-24T17:00:00Z'));
  db.close();
  return path;
}

describe('verify-audit', () => {
  it('reports an intact chain with the anchor to write down, and exits 0', async () => {
    const io = captureIo();
    const path = await demoFile();
    expect(await runCli(['verify-audit', '--db', path], io)).toBe(0);
    const verdict = JSON.parse(io.out()) as { ok: boolean; anchor: string };
    expect(verdict).toMatchObject({ ok: true, entries: 2, anchor: expect.stringMatching(/^2:[0-9a-f]{16}$/) });
    const again = captureIo();
    expect(await runCli(['verify-audit', '--db', path, '--anchor', verdict.anchor], again)).toBe(0);
    const wrong = captureIo();
    expect(await runCli(['verify-audit', '--db', path, '--anchor', `${verdict.anchor.slice(0, -1)}${verdict.anchor.endsWith('0') ? '1' : '0'}`], wrong)).toBe(
      3,
    );
    expect(JSON.parse(wrong.out())).toMatchObject({ ok: false, problem: 'anchor' });
  });

  it('names the tampered row and the dropped trigger, and exits 3, end to end', async () => {
    const path = await demoFile();
    const db = openDatabase({ path, migrationsFolder });
    db.sqlite.exec("DROP TRIGGER audit_log_no_update; UPDATE audit_log SET action = 'store.nothing-to-see' WHERE seq = 1;");
    db.close();
    const result = spawnCli(['verify-audit', '--db', path]);
    expect(result.status).toBe(3);
    expect(JSON.parse(result.stdout)).toEqual({ ok: false, entries: 1, seq: 1, problem: 'content', guardsMissing: ['audit_log_no_update'] });
  });

  it('needs the key, and says so', async () => {
    const dir = tempDir();
    cleanups.push(dir.cleanup);
    const io = captureIo();
    expect(await runCli(['verify-audit', '--db', join(dir.path, 'register.sqlite')], io)).toBe(1);
    expect(JSON.parse(io.out())).toMatchObject({ error: { code: 'AUDIT_KEY_MISSING' } });
  });

  it('rejects an unknown option with a typed error', async () => {
    const io = captureIo();
    expect(await runCli(['verify-audit', '--dbb', 'x'], io)).toBe(1);
    expect(JSON.parse(io.out())).toMatchObject({ error: { code: 'INVALID_ARGUMENTS' } });
  });

  it('names the known commands for an unknown one', async () => {
    const io = captureIo();
    expect(await runCli(['frobnicate'], io)).toBe(1);
    expect(JSON.parse(io.out())).toMatchObject({ error: { code: 'UNKNOWN_COMMAND', message: expect.stringContaining('verify-audit') } });
  });
});
