import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createCore } from '../../../../src/main/core/create-core';
import { openDatabase } from '../../../../src/main/platform/db/open';
import { spawnCli } from '../../../support/cli';
import { migrationsFolder, tempDir, testPiiKeys } from '../../../support/temp-db';

const cleanups: Array<() => void> = [];
afterEach(() => cleanups.splice(0).forEach((c) => c()));

const args = (db: string) => [
  'setup-store',
  '--db',
  db,
  '--store-name',
  'Mile High Greens',
  '--license',
  '402R-00123',
  '--state',
  'co',
  '--time-zone',
  'America/Denver',
  '--address',
  '1 Colfax Ave, Denver, CO',
  '--terminal-name',
  'Front 1',
  '--prefix',
  'F1',
  '--admin-name',
  'Dana Owner',
];

describe('setup-store (first run of a real store)', () => {
  it('creates the store, the terminal and the admin, who can then sign in; a second run is refused', async () => {
    const dir = tempDir();
    cleanups.push(dir.cleanup);
    const db = join(dir.path, 'store.sqlite');
    const first = spawnCli(args(db), '7093\n');
    expect(first.status).toBe(0);
    const created = JSON.parse(first.stdout) as { adminId: string; terminalId: string };

    const database = openDatabase({ path: db, migrationsFolder });
    try {
      const core = createCore({ database, piiKeys: testPiiKeys });
      expect(await core.send('store-get', {})).toMatchObject({
        ok: true,
        value: { store: { name: 'Mile High Greens', state: 'CO', timeZone: 'America/Denver' }, terminal: { id: created.terminalId } },
      });
      expect(await core.send('session-sign-in', { staffId: created.adminId, pin: '7093' })).toMatchObject({ ok: true, value: { staff: { role: 'admin' } } });
      expect(database.sqlite.prepare('SELECT count(*) AS n FROM products').get()).toEqual({ n: 0 });
    } finally {
      database.close();
    }
    const second = spawnCli(args(db), '7093\n');
    expect(second.status).toBe(1);
    expect(JSON.parse(second.stdout)).toMatchObject({ error: { code: 'ALREADY_SET_UP' } });
  });

  it('refuses a weak admin PIN and an unknown time zone, writing nothing', () => {
    const dir = tempDir();
    cleanups.push(dir.cleanup);
    const db = join(dir.path, 'store.sqlite');
    expect(JSON.parse(spawnCli(args(db), '1234\n').stdout)).toMatchObject({ error: { code: 'PIN_TOO_WEAK' } });
    const badZone = args(db).map((a) => (a === 'America/Denver' ? 'Mars/Olympus' : a));
    expect(JSON.parse(spawnCli(badZone, '7093\n').stdout)).toMatchObject({ error: { code: 'TIME_ZONE_INVALID' } });
    const database = openDatabase({ path: db, migrationsFolder });
    expect(database.sqlite.prepare('SELECT count(*) AS n FROM stores').get()).toEqual({ n: 0 });
    database.close();
  });
});
