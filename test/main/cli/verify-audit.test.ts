import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runCli } from '../../../src/main/cli/index';
import { openDatabase } from '../../../src/main/db/open';
import { seedDemoStore } from '../../../src/main/demo/seed';
import { captureIo, spawnCli } from '../../support/cli';
import { migrationsFolder, tempDir, testPiiKeys } from '../../support/temp-db';

const cleanups: Array<() => void> = [];
afterEach(() => cleanups.splice(0).forEach((c) => c()));

function demoFile(): string {
  const dir = tempDir();
  cleanups.push(dir.cleanup);
  const path = join(dir.path, 'register.sqlite');
  const db = openDatabase({ path, migrationsFolder });
  seedDemoStore(db.db, testPiiKeys, new Date('2026-11-24T17:00:00Z'));
  db.close();
  return path;
}

describe('verify-audit', () => {
  it('reports an intact chain and exits 0', async () => {
    const io = captureIo();
    expect(await runCli(['verify-audit', '--db', demoFile()], io)).toBe(0);
    expect(JSON.parse(io.out())).toMatchObject({ ok: true, entries: 1 });
  });

  it('names the tampered row and exits 3, end to end', () => {
    const path = demoFile();
    const db = openDatabase({ path, migrationsFolder });
    db.sqlite.exec("DROP TRIGGER audit_log_no_update; UPDATE audit_log SET action = 'store.nothing-to-see' WHERE seq = 1;");
    db.close();
    const result = spawnCli(['verify-audit', '--db', path]);
    expect(result.status).toBe(3);
    expect(JSON.parse(result.stdout)).toEqual({ ok: false, entries: 1, seq: 1, problem: 'content' });
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
