import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cpSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { startTestPostgres, type TestPostgres } from '../support/postgres';
import { tempDir } from '../support/temp-db';
import { openStoreDatabase } from '../../src/store-server/db/open';
import { rejection } from '../support/result';
import { storeMigrations } from './support';

/** The store database under the register's migration discipline (docs/engineering/database.md). */

let cluster: TestPostgres;
const dir = tempDir('greentill-store-migrations-');
beforeAll(async () => {
  cluster = await startTestPostgres();
});
afterAll(() => {
  cluster?.stop();
  dir.cleanup();
});

/** This build's migrations plus one more, as the next version would ship them. */
function nextVersionMigrations(): string {
  const folder = join(dir.path, `next-${Date.now()}`);
  cpSync(storeMigrations, folder, { recursive: true });
  const journalPath = join(folder, 'meta', '_journal.json');
  const journal = JSON.parse(readFileSync(journalPath, 'utf8')) as {
    entries: Array<{ idx: number; when: number; tag: string; breakpoints: boolean; version: string }>;
  };
  const last = journal.entries.at(-1)!;
  journal.entries.push({ ...last, idx: last.idx + 1, when: last.when + 1000, tag: '9999_next' });
  writeFileSync(journalPath, JSON.stringify(journal));
  writeFileSync(join(folder, '9999_next.sql'), 'CREATE TABLE next_version_table (id integer);');
  return folder;
}

describe('the store database’s migrations', () => {
  it('backs the database up with pg_dump before migrating an existing one', async () => {
    const url = await cluster.createDatabase('store_migrate_backup');
    const backupDir = join(dir.path, 'backups-1');
    const first = await openStoreDatabase({ url, migrationsFolder: storeMigrations, backupDir });
    expect(first.migrated).toEqual({ applied: readdirSync(storeMigrations).filter((f) => f.endsWith('.sql')).length, backup: null });
    await first.close();
    const next = await openStoreDatabase({ url, migrationsFolder: nextVersionMigrations(), backupDir });
    expect(next.migrated.applied).toBe(1);
    expect(readFileSync(next.migrated.backup!).subarray(0, 5).toString()).toBe('PGDMP');
    await next.close();
  });

  it('refuses a database a newer version wrote, and changes nothing', async () => {
    const url = await cluster.createDatabase('store_migrate_newer');
    const newer = await openStoreDatabase({ url, migrationsFolder: nextVersionMigrations(), backupDir: join(dir.path, 'backups-2') });
    await newer.close();
    expect((await rejection(openStoreDatabase({ url, migrationsFolder: storeMigrations, backupDir: join(dir.path, 'backups-2') }))).code).toBe(
      'DB_NEWER_THAN_APP',
    );
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    const rows = await client.query('SELECT count(*)::int AS n FROM drizzle.__drizzle_migrations');
    await client.end();
    expect(rows.rows[0]).toEqual({ n: readdirSync(storeMigrations).filter((f) => f.endsWith('.sql')).length + 1 });
  });

  it('refuses a database that acknowledges commits it can lose (synchronous_commit off)', async () => {
    const url = await cluster.createDatabase('store_unsafe');
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    await client.query('ALTER DATABASE store_unsafe SET synchronous_commit = off');
    await client.end();
    expect((await rejection(openStoreDatabase({ url, migrationsFolder: storeMigrations, backupDir: join(dir.path, 'backups-3') }))).code).toBe(
      'SERVER_DB_UNSAFE',
    );
  });
});
