import { cpSync, existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import type Database from 'better-sqlite3';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../../../src/main/platform/db/open';
import { seedDemoStore } from '../../../../src/main/features/demo/seed';
import { AppError } from '../../../../src/shared/errors';
import { migrationsFolder, tempDir, testPiiKeys } from '../../../support/temp-db';

const cleanups: Array<() => void> = [];
afterEach(() => cleanups.splice(0).forEach((c) => c()));

function freshDir(): string {
  const dir = tempDir();
  cleanups.push(dir.cleanup);
  return dir.path;
}

function tableNames(path: string): string[] {
  const db = openDatabase({ path, migrationsFolder });
  const names = (db.sqlite.prepare("SELECT name FROM sqlite_master WHERE type IN ('table','trigger') ORDER BY name").all() as Array<{ name: string }>).map(
    (r) => r.name,
  );
  db.close();
  return names;
}

/**
 * The demo store as an older build would hold it: seeded by today's code into
 * a current database, then copied table by table into the older file, only
 * the columns that build had.
 */
function copyDemoStoreInto(old: Database.Database): void {
  const seededPath = join(freshDir(), 'seeded.sqlite');
  const seeded = openDatabase({ path: seededPath, migrationsFolder });
  seedDemoStore(seeded.db, testPiiKeys, new Date('2026-01-01T00:00:00Z'));
  seeded.close();
  old.prepare('ATTACH DATABASE ? AS seeded').run(seededPath);
  const tables = (
    old.prepare("SELECT name FROM seeded.sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> '__drizzle_migrations'").all() as Array<{
      name: string;
    }>
  ).map((t) => t.name);
  old.pragma('foreign_keys = OFF');
  for (const table of tables) {
    // Only the older file's own columns ('main': unqualified, a table the older build lacks would be found in `seeded`).
    const columns = (old.prepare(`SELECT name FROM pragma_table_info('${table}', 'main')`).all() as Array<{ name: string }>).map((c) => `"${c.name}"`);
    if (columns.length > 0) old.exec(`INSERT INTO main."${table}" (${columns.join(', ')}) SELECT ${columns.join(', ')} FROM seeded."${table}"`);
  }
  old.pragma('foreign_keys = ON');
  old.exec('DETACH DATABASE seeded');
}

/** A copy of the migrations folder that ships only the first `count` migrations (an older build). */
function olderBuildMigrations(count: number): string {
  const folder = join(freshDir(), 'migrations');
  cpSync(migrationsFolder, folder, { recursive: true });
  const journalPath = join(folder, 'meta', '_journal.json');
  const journal = JSON.parse(readFileSync(journalPath, 'utf8')) as { entries: unknown[] };
  journal.entries = journal.entries.slice(0, count);
  writeFileSync(journalPath, JSON.stringify(journal));
  return folder;
}

const shippedMigrations = (JSON.parse(readFileSync(join(migrationsFolder, 'meta', '_journal.json'), 'utf8')) as { entries: Array<{ tag: string }> }).entries;

/**
 * One test per migration (issue #14): a file at the version before it,
 * holding the demo store (every table it had), migrated by exactly that
 * migration, keeps every row of every table, passes the integrity and
 * foreign-key checks, and every table it then has can be read.
 */
describe('each migration on a populated database', () => {
  it.each(shippedMigrations.slice(1).map((m, i) => [m.tag, i + 1] as const))('%s migrates the demo store of the version before it', (_tag, before) => {
    const path = join(freshDir(), 'register.sqlite');
    const old = openDatabase({ path, migrationsFolder: olderBuildMigrations(before) });
    copyDemoStoreInto(old.sqlite);
    const tables = (
      old.sqlite.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> '__drizzle_migrations'").all() as Array<{
        name: string;
      }>
    ).map((t) => t.name);
    const rowsBefore = Object.fromEntries(tables.map((t) => [t, (old.sqlite.prepare(`SELECT count(*) AS n FROM "${t}"`).get() as { n: number }).n]));
    expect(Object.values(rowsBefore).reduce((a, b) => a + b, 0)).toBeGreaterThan(100);
    old.close();

    const migrated = openDatabase({ path, migrationsFolder: olderBuildMigrations(before + 1) });
    cleanups.push(migrated.close);
    expect(migrated.migrationsApplied).toBe(1);
    for (const table of tables) {
      const stillThere = migrated.sqlite.prepare("SELECT count(*) AS n FROM sqlite_master WHERE type = 'table' AND name = ?").get(table) as { n: number };
      if (stillThere.n === 1) expect((migrated.sqlite.prepare(`SELECT count(*) AS n FROM "${table}"`).get() as { n: number }).n, table).toBe(rowsBefore[table]);
    }
    expect(migrated.sqlite.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(migrated.sqlite.pragma('foreign_key_check')).toEqual([]);
    const after = (
      migrated.sqlite.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'").all() as Array<{ name: string }>
    ).map((t) => t.name);
    for (const table of after) expect(() => migrated.sqlite.prepare(`SELECT * FROM "${table}" LIMIT 1`).all()).not.toThrow();
  });
});

/**
 * 0017 (issue #18): the reads every scan and sale make search by an index
 * instead of scanning a table that grows with the store's history.
 */
describe('0017_hot_path_indexes', () => {
  it('lets the cart discounts, active promotions and latest tender mode search by index', () => {
    const db = openDatabase({ path: join(freshDir(), 'register.sqlite'), migrationsFolder });
    cleanups.push(db.close);
    const plan = (query: string) => (db.sqlite.prepare(`EXPLAIN QUERY PLAN ${query}`).all() as Array<{ detail: string }>).map((r) => r.detail).join(' | ');
    expect(plan("SELECT id FROM cart_manual_discounts WHERE cart_id = 'c' ORDER BY created_at")).toBe(
      'SEARCH cart_manual_discounts USING INDEX cart_manual_discounts_cart_idx (cart_id=?)',
    );
    expect(plan("SELECT id FROM promotions WHERE store_id = 's' AND active = 1")).toBe(
      'SEARCH promotions USING INDEX promotions_store_active_idx (store_id=? AND active=?)',
    );
    expect(plan("SELECT cash_only FROM tender_mode_changes WHERE terminal_id = 't' ORDER BY at DESC, rowid DESC LIMIT 1")).toBe(
      'SEARCH tender_mode_changes USING INDEX tender_mode_changes_terminal_at_idx (terminal_id=?)',
    );
  });
});

/** 0018 (issue #18): each promotion with a usage limit starts its counter at the count over its promoted lines. */
describe('0018_promotion_usage', () => {
  it('starts each limited promotion’s counter at the count of distinct sales over its lines, and no other', () => {
    const path = join(freshDir(), 'register.sqlite');
    const before = shippedMigrations.findIndex((m) => m.tag === '0018_promotion_usage');
    const old = openDatabase({ path, migrationsFolder: olderBuildMigrations(before) });
    copyDemoStoreInto(old.sqlite);
    const promotion = old.sqlite.prepare(
      "INSERT INTO promotions (id, store_id, name, definition, active, created_at) VALUES (?, 'store-demo-oakland', ?, ?, ?, 0)",
    );
    promotion.run('limited', 'Limited', JSON.stringify({ usageLimit: 10, kind: { type: 'percent_off', bp: 500 } }), 1);
    promotion.run('limited-ended', 'Limited, ended', JSON.stringify({ usageLimit: 2, kind: { type: 'percent_off', bp: 500 } }), 0);
    promotion.run('limited-unused', 'Limited, never applied', JSON.stringify({ usageLimit: 5, kind: { type: 'percent_off', bp: 500 } }), 1);
    const line = old.sqlite.prepare(
      "INSERT INTO sale_discounts (id, sale_id, line_number, source, promotion_id, name, amount_cents) VALUES (?, ?, ?, ?, ?, 'd', 100)",
    );
    let n = 0;
    const add = (saleId: string, lineNumber: number, promotionId: string | null) =>
      line.run(`d${(n += 1)}`, saleId, lineNumber, promotionId === null ? 'manual' : 'promotion', promotionId);
    // Two lines of one sale count it once; a manual discount counts for nothing; the demo's unlimited promotions get no counter.
    add('s1', 1, 'limited');
    add('s1', 2, 'limited');
    add('s2', 1, 'limited');
    add('s2', 1, null);
    add('s3', 1, 'limited-ended');
    add('s3', 2, 'promo-demo-edibles-b2g1');
    add('s4', 1, 'promo-demo-edibles-b2g1');
    old.close();

    const migrated = openDatabase({ path, migrationsFolder: olderBuildMigrations(before + 1) });
    cleanups.push(migrated.close);
    expect(migrated.sqlite.prepare('SELECT promotion_id AS id, sales FROM promotion_usage ORDER BY promotion_id').all()).toEqual([
      { id: 'limited', sales: 2 },
      { id: 'limited-ended', sales: 1 },
    ]);
  });
});

/** 0019 (issue #18): the outbox counts start from the items already queued, and follow every write after. */
describe('0019_outbox_counts', () => {
  it('starts each lane’s counts at the items of each status, and keeps them with later writes', () => {
    const path = join(freshDir(), 'register.sqlite');
    const before = shippedMigrations.findIndex((m) => m.tag === '0019_outbox_counts');
    const old = openDatabase({ path, migrationsFolder: olderBuildMigrations(before) });
    copyDemoStoreInto(old.sqlite);
    const item = old.sqlite.prepare(
      "INSERT INTO outbox (destination, kind, aggregate_id, payload, status, attempts, next_attempt_at, created_at, updated_at) VALUES (?, 'receipt.create', 'a', '{}', ?, 0, 0, 0, 0)",
    );
    for (const [destination, status, n] of [
      ['metrc', 'pending', 3],
      ['metrc', 'done', 2],
      ['metrc', 'dead', 1],
      ['ecommerce:menu', 'in_flight', 1],
    ] as const)
      for (let i = 0; i < n; i += 1) item.run(destination, status);
    old.close();

    const migrated = openDatabase({ path, migrationsFolder: olderBuildMigrations(before + 1) });
    cleanups.push(migrated.close);
    const counts = () => migrated.sqlite.prepare('SELECT destination, status, items FROM outbox_counts WHERE items <> 0 ORDER BY destination, status').all();
    const counted = () =>
      migrated.sqlite.prepare('SELECT destination, status, count(*) AS items FROM outbox GROUP BY destination, status ORDER BY destination, status').all();
    expect(counts()).toEqual([
      { destination: 'ecommerce:menu', status: 'in_flight', items: 1 },
      { destination: 'metrc', status: 'dead', items: 1 },
      { destination: 'metrc', status: 'done', items: 2 },
      { destination: 'metrc', status: 'pending', items: 3 },
    ]);
    migrated.sqlite.exec("UPDATE outbox SET status = 'done' WHERE destination = 'metrc' AND status = 'pending'");
    migrated.sqlite.exec("DELETE FROM outbox WHERE destination = 'ecommerce:menu'");
    expect(counts()).toEqual(counted());
  });
});

/**
 * The back room's tables (issue #23: opening checks, IT incidents, receiving, counts) arrive on a
 * database holding the demo store: new tables only, every existing row kept, foreign keys enforced.
 * Found by what they create, not by number (the merge may renumber them).
 */
describe('the back room migrations', () => {
  it('add their tables to a populated database without touching its rows', () => {
    const path = join(freshDir(), 'register.sqlite');
    const creates = (table: string) =>
      shippedMigrations.findIndex((m) => readFileSync(join(migrationsFolder, `${m.tag}.sql`), 'utf8').includes(`CREATE TABLE \`${table}\``));
    const first = Math.min(...['opening_checks', 'it_incidents', 'incoming_manifests', 'inventory_counts'].map(creates));
    expect(first).toBeGreaterThan(0);
    const old = openDatabase({ path, migrationsFolder: olderBuildMigrations(first) });
    copyDemoStoreInto(old.sqlite);
    const rows = (db: Database.Database) =>
      ['stores', 'terminals', 'staff', 'products', 'packages', 'customers', 'settings'].map(
        (t) => (db.prepare(`SELECT count(*) AS n FROM "${t}"`).get() as { n: number }).n,
      );
    const before = rows(old.sqlite);
    old.close();

    const migrated = openDatabase({ path, migrationsFolder });
    cleanups.push(migrated.close);
    expect(rows(migrated.sqlite)).toEqual(before);
    expect(before[4]).toBeGreaterThan(100);
    for (const table of [
      'opening_checks',
      'it_incidents',
      'it_incident_comments',
      'incoming_manifests',
      'incoming_packages',
      'inventory_counts',
      'inventory_count_lines',
    ])
      expect(migrated.sqlite.prepare('SELECT count(*) AS n FROM sqlite_master WHERE name = ?').get(table)).toEqual({ n: 1 });
    expect(() =>
      migrated.sqlite.prepare("INSERT INTO inventory_count_lines (id, count_id, tag, counted, counted_by) VALUES ('l', 'no-such-count', 'T', 1, 's')").run(),
    ).toThrow(/FOREIGN KEY/);
    expect(migrated.sqlite.prepare('PRAGMA foreign_key_check').all()).toEqual([]);
  });
});

describe('openDatabase', () => {
  it('applies every migration to a new file, and none on the second open', () => {
    const path = join(freshDir(), 'register.sqlite');
    const first = openDatabase({ path, migrationsFolder });
    const shipped = (JSON.parse(readFileSync(join(migrationsFolder, 'meta', '_journal.json'), 'utf8')) as { entries: unknown[] }).entries.length;
    expect(first.migrationsApplied).toBe(shipped);
    first.close();
    const before = tableNames(path);
    const second = openDatabase({ path, migrationsFolder });
    expect(second.migrationsApplied).toBe(0);
    second.close();
    expect(tableNames(path)).toEqual(before);
    expect(before).toEqual(
      expect.arrayContaining(['stores', 'products', 'packages', 'sales', 'sale_lines', 'payments', 'outbox', 'audit_log', 'audit_log_no_update']),
    );
  });

  it('puts the connection in WAL, synchronous=FULL, foreign keys on, with a busy timeout', () => {
    const db = openDatabase({ path: join(freshDir(), 'register.sqlite'), migrationsFolder, busyTimeoutMs: 4321 });
    cleanups.push(db.close);
    expect(db.sqlite.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.sqlite.pragma('synchronous', { simple: true })).toBe(2); // 2 = FULL
    expect(db.sqlite.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.sqlite.pragma('busy_timeout', { simple: true })).toBe(4321);
  });

  it('enforces foreign keys after migrating', () => {
    const db = openDatabase({ path: join(freshDir(), 'register.sqlite'), migrationsFolder });
    cleanups.push(db.close);
    expect(() => db.sqlite.prepare("INSERT INTO terminals (id, store_id, name, sale_number_prefix) VALUES ('t', 'no-such-store', 'T', 'T')").run()).toThrow(
      /FOREIGN KEY/,
    );
  });

  it('migrates a database from an older build, keeping its rows and backing it up first', () => {
    const dir = freshDir();
    const path = join(dir, 'register.sqlite');
    // The build before the newest migration, seeded with the demo store (which uses every older table).
    const shippedCount = (JSON.parse(readFileSync(join(migrationsFolder, 'meta', '_journal.json'), 'utf8')) as { entries: unknown[] }).entries.length;
    const old = openDatabase({ path, migrationsFolder: olderBuildMigrations(shippedCount - 1) });
    copyDemoStoreInto(old.sqlite);
    const productsBefore = old.sqlite.prepare('SELECT count(*) AS n FROM products').get() as { n: number };
    old.close();

    const current = openDatabase({ path, migrationsFolder });
    cleanups.push(current.close);
    expect(current.migrationsApplied).toBeGreaterThan(0);
    expect(current.sqlite.prepare('SELECT count(*) AS n FROM products').get()).toEqual(productsBefore);
    expect(current.sqlite.pragma('foreign_key_check')).toEqual([]);
    const backups = readdirSync(dir).filter((f) => f.includes('.pre-migration-'));
    expect(backups).toHaveLength(1);
    expect(existsSync(join(dir, backups[0] ?? ''))).toBe(true);
  });

  it('refuses a database written by a newer build and leaves it untouched', () => {
    const path = join(freshDir(), 'register.sqlite');
    const db = openDatabase({ path, migrationsFolder });
    db.sqlite.prepare("INSERT INTO __drizzle_migrations (hash, created_at) VALUES ('from-the-future', 9999999999999)").run();
    db.close();
    let caught: unknown;
    try {
      openDatabase({ path, migrationsFolder });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(AppError);
    expect((caught as AppError).code).toBe('DB_NEWER_THAN_APP');
  });

  it('refuses a database whose applied migration differs from the shipped one', () => {
    const path = join(freshDir(), 'register.sqlite');
    const db = openDatabase({ path, migrationsFolder });
    db.sqlite.prepare("UPDATE __drizzle_migrations SET hash = 'edited' WHERE rowid = (SELECT min(rowid) FROM __drizzle_migrations)").run();
    db.close();
    expect(() => openDatabase({ path, migrationsFolder })).toThrow(expect.objectContaining({ code: 'DB_HISTORY_MISMATCH' }));
  });
});

describe('migrations folder', () => {
  // drizzle runs only migrations newer than the newest applied: a late-merged
  // older timestamp would be skipped silently (docs/engineering/database.md, 1).
  it('has strictly increasing journal timestamps and a file per entry', () => {
    const journal = JSON.parse(readFileSync(join(migrationsFolder, 'meta', '_journal.json'), 'utf8')) as {
      entries: Array<{ when: number; tag: string; idx: number }>;
    };
    journal.entries.forEach((entry, index) => {
      expect(entry.idx).toBe(index);
      expect(existsSync(join(migrationsFolder, `${entry.tag}.sql`))).toBe(true);
      if (index > 0) expect(entry.when).toBeGreaterThan(journal.entries[index - 1]?.when ?? Infinity);
    });
  });

  it('never cascades deletes (docs/engineering/database.md, 2)', () => {
    const sqlFiles = readdirSync(migrationsFolder).filter((f) => f.endsWith('.sql'));
    for (const file of sqlFiles) expect(readFileSync(join(migrationsFolder, file), 'utf8')).not.toMatch(/ON DELETE CASCADE/i);
  });
});
