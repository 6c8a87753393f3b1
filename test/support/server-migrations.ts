import { afterAll, beforeAll, expect, it } from 'vitest';
import { cpSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import type { ServerDatabase } from '../../src/server-kit/postgres';
import { startTestPostgres, type TestPostgres } from './postgres';
import { rejection } from './result';
import { tempDir } from './temp-db';

type Open = (options: { url: string; migrationsFolder: string; backupDir: string }) => Promise<ServerDatabase<Record<string, unknown>>>;

/**
 * A server's database under the register's migration discipline
 * (docs/engineering/database.md), the same cases for the store server and
 * the relay, each run against its own migrations and its own open function:
 * backed up before migrating, a newer history refused untouched, a database
 * that can lose acknowledged commits refused.
 */
export function migrationDisciplineCases(server: string, open: Open, migrations: string): void {
  let cluster: TestPostgres;
  const dir = tempDir(`greentill-${server}-migrations-`);
  beforeAll(async () => {
    cluster = await startTestPostgres();
  });
  afterAll(() => {
    cluster?.stop();
    dir.cleanup();
  });
  const shipped = () => readdirSync(migrations).filter((f) => f.endsWith('.sql')).length;

  /** This build's migrations plus one more, as the next version would ship them. */
  function nextVersionMigrations(): string {
    const folder = join(dir.path, `next-${Date.now()}`);
    cpSync(migrations, folder, { recursive: true });
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

  it('backs the database up with pg_dump before migrating an existing one', async () => {
    const url = await cluster.createDatabase(`${server}_migrate_backup`);
    const backupDir = join(dir.path, 'backups-1');
    const first = await open({ url, migrationsFolder: migrations, backupDir });
    expect(first.migrated).toEqual({ applied: shipped(), backup: null });
    await first.close();
    const next = await open({ url, migrationsFolder: nextVersionMigrations(), backupDir });
    expect(next.migrated.applied).toBe(1);
    expect(readFileSync(next.migrated.backup!).subarray(0, 5).toString()).toBe('PGDMP');
    await next.close();
  });

  it('refuses a database a newer version wrote, and changes nothing', async () => {
    const url = await cluster.createDatabase(`${server}_migrate_newer`);
    const newer = await open({ url, migrationsFolder: nextVersionMigrations(), backupDir: join(dir.path, 'backups-2') });
    await newer.close();
    expect((await rejection(open({ url, migrationsFolder: migrations, backupDir: join(dir.path, 'backups-2') }))).code).toBe('DB_NEWER_THAN_APP');
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    const rows = await client.query('SELECT count(*)::int AS n FROM drizzle.__drizzle_migrations');
    await client.end();
    expect(rows.rows[0]).toEqual({ n: shipped() + 1 });
  });

  it('refuses a database that acknowledges commits it can lose (synchronous_commit off)', async () => {
    const name = `${server}_unsafe`;
    const url = await cluster.createDatabase(name);
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    await client.query(`ALTER DATABASE ${name} SET synchronous_commit = off`);
    await client.end();
    expect((await rejection(open({ url, migrationsFolder: migrations, backupDir: join(dir.path, 'backups-3') }))).code).toBe('SERVER_DB_UNSAFE');
  });
}
