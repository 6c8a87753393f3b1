import Database from 'better-sqlite3';
import { chmodSync, copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { runCli } from '../../../../src/main/entries/cli/index';
import { SALE_COLUMNS_ADDED_AFTER_KEYING } from '../../../../src/main/platform/audit/sale-seal';
import { captureIo, repoRoot } from '../../../support/cli';
import { openTempDatabase, tempDir } from '../../../support/temp-db';

/**
 * A register keyed and selling on a build from before the store server
 * (migration 0021 added two columns to `sales`), upgraded to this one: its
 * sales were sealed without those columns. The fixture is that register's
 * file and key, made by commit c5651ab (`simulate-sales --count 5`).
 */
const FIXTURE = join(repoRoot, 'test/fixtures/register-before-0021');
const cleanups: Array<() => void> = [];
afterEach(() => cleanups.splice(0).forEach((c) => c()));

function upgradedRegister(): string {
  const dir = tempDir();
  cleanups.push(dir.cleanup);
  const path = join(dir.path, 'greentill.sqlite');
  writeFileSync(path, gunzipSync(readFileSync(join(FIXTURE, 'greentill.sqlite.gz'))), { mode: 0o600 });
  copyFileSync(join(FIXTURE, 'greentill-headless.key'), join(dir.path, 'greentill-headless.key'));
  chmodSync(join(dir.path, 'greentill-headless.key'), 0o600);
  return path;
}

async function verify(path: string): Promise<Record<string, unknown>> {
  const io = captureIo();
  await runCli(['verify-audit', '--db', path], io);
  return JSON.parse(io.out()) as Record<string, unknown>;
}

describe('sale seals across an upgrade', () => {
  it('verify a register whose sales were sealed before the columns this build added, and still catch a change to them', async () => {
    const path = upgradedRegister();
    expect(await verify(path)).toMatchObject({ ok: true, entries: 9 });
    // Migrated now: a later column changed on an old sale is a change to the sale.
    const file = new Database(path);
    file.prepare('UPDATE sales SET store_isolated = 1 WHERE rowid = (SELECT min(rowid) FROM sales)').run();
    file.close();
    expect(await verify(path)).toMatchObject({ ok: false, problem: 'sale_row' });
  });

  it('seal every column of a sale: each one the chain was keyed with, or one listed with the value its migration gave older rows', () => {
    const dir = tempDir();
    cleanups.push(dir.cleanup);
    const before = join(dir.path, 'before.sqlite');
    writeFileSync(before, gunzipSync(readFileSync(join(FIXTURE, 'greentill.sqlite.gz'))));
    const columnsOf = (sqlite: Database.Database) => (sqlite.prepare('SELECT name FROM pragma_table_info(?)').pluck().all('sales') as string[]).sort();
    const old = new Database(before, { readonly: true });
    const current = openTempDatabase();
    try {
      const added = Object.keys(SALE_COLUMNS_ADDED_AFTER_KEYING).map((key) => key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`));
      // A column added to `sales` without a line in SALE_COLUMNS_ADDED_AFTER_KEYING fails here: older seals would not verify.
      expect(columnsOf(current.sqlite)).toEqual([...columnsOf(old), ...added].sort());
    } finally {
      old.close();
      current.dispose();
    }
  });
});
