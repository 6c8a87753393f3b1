import { eq, sql } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { businessDay, dayWindow, storeLocal } from '../../../../src/shared/domain/store-calendar';
import { bound, preparedOnce } from '../../../../src/main/platform/db/prepared';
import { carts, sales, settings, terminals } from '../../../../src/main/platform/db/schema';
import { writeTransaction } from '../../../../src/main/platform/db/transaction';
import { openTempDatabase, type TempDatabase } from '../../../support/temp-db';

const open: TempDatabase[] = [];
afterEach(() => open.splice(0).forEach((d) => d.dispose()));
const fresh = () => {
  const database = openTempDatabase({ demo: true });
  open.push(database);
  return database;
};

const settingValue = preparedOnce((db) =>
  db
    .select({ value: settings.value })
    .from(settings)
    .where(eq(settings.key, sql.placeholder('key')))
    .prepare(),
);

describe('statements prepared once per connection (issue #18)', () => {
  it('is built once per connection and runs inside and outside a transaction', () => {
    const database = fresh();
    const outside = settingValue(database.db);
    const inside = writeTransaction(database.db, (tx) => {
      tx.insert(settings)
        .values({ key: 'prepared-test', value: 'inside', updatedAt: new Date(0) })
        .run();
      // The transaction's own write is seen through the statement prepared outside it.
      expect(settingValue(tx).get({ key: 'prepared-test' })).toEqual({ value: 'inside' });
      return settingValue(tx);
    });
    expect(inside).toBe(outside);
    expect(outside.get({ key: 'prepared-test' })).toEqual({ value: 'inside' });
  });

  it('keeps each connection’s statements apart', () => {
    const a = fresh();
    const b = fresh();
    writeTransaction(a.db, (tx) =>
      tx
        .insert(settings)
        .values({ key: 'only-in-a', value: 1, updatedAt: new Date(0) })
        .run(),
    );
    expect(settingValue(a.db)).not.toBe(settingValue(b.db));
    expect(settingValue(a.db).get({ key: 'only-in-a' })).toEqual({ value: 1 });
    expect(settingValue(b.db).get({ key: 'only-in-a' })).toBeUndefined();
  });

  it('maps a bound placeholder through its column’s mode, as the builder does', () => {
    const database = fresh();
    const touched = preparedOnce((db) =>
      db
        .select({ id: carts.id })
        .from(carts)
        .where(eq(carts.updatedAt, bound(carts.updatedAt, 'at')))
        .prepare(),
    );
    const at = new Date('2026-11-24T17:00:00Z');
    const terminalId = database.sqlite.prepare('SELECT id FROM terminals LIMIT 1').pluck().get() as string;
    database.sqlite
      .prepare("INSERT INTO carts (id, terminal_id, customer_type, status, created_at, updated_at) VALUES ('c1', ?, 'adult', 'open', ?, ?)")
      .run(terminalId, at.getTime(), at.getTime());
    expect(touched(database.db).all({ at })).toEqual([{ id: 'c1' }]);
  });

  it('fills a write’s parameters as drizzle does: modes mapped, fixed values kept, a missing one refused', () => {
    const database = fresh();
    const p = sql.placeholder;
    const save = preparedOnce((db) =>
      db
        .insert(settings)
        .values({ key: p('key'), value: p('value'), updatedAt: p('at') })
        .onConflictDoUpdate({ target: settings.key, set: { value: sql`excluded.value`, updatedAt: bound(settings.updatedAt, 'at') } })
        .prepare(),
    );
    const at = new Date('2026-11-24T17:00:00Z');
    const built = (key: string) =>
      database.db
        .insert(settings)
        .values({ key, value: { limits: [1, 2], on: true }, updatedAt: at })
        .run();
    built('by-builder');
    expect(save(database.db).run({ key: 'compiled', value: { limits: [1, 2], on: true }, at }).changes).toBe(1);
    const rows = database.sqlite.prepare("SELECT key, value, updated_at FROM settings WHERE key IN ('by-builder', 'compiled') ORDER BY key").raw().all();
    expect(rows).toEqual([
      ['by-builder', '{"limits":[1,2],"on":true}', at.getTime()],
      ['compiled', '{"limits":[1,2],"on":true}', at.getTime()],
    ]);
    // The conflict's own placeholder (in `set`) goes through the column's mode too.
    const later = new Date('2026-11-25T17:00:00Z');
    save(database.db).run({ key: 'compiled', value: 'x', at: later });
    expect(database.sqlite.prepare("SELECT value, updated_at FROM settings WHERE key = 'compiled'").raw().get()).toEqual(['"x"', later.getTime()]);
    expect(() => save(database.db).run({ key: 'no-at', value: 1 })).toThrow('No value for placeholder "at" was provided');
  });
});

describe('the store-local moment, converted once per instant (issue #18)', () => {
  it('answers each zone for the same instant, and the same as a fresh conversion', () => {
    const at = new Date('2026-03-08T07:30:00Z');
    expect(businessDay(at, 'America/Los_Angeles')).toBe('2026-03-07');
    expect(businessDay(at, 'America/New_York')).toBe('2026-03-08');
    expect(businessDay(at, 'America/Los_Angeles')).toBe('2026-03-07');
    expect(storeLocal(at, 'America/Denver').toISO()).toBe('2026-03-08T00:30:00.000-07:00');
    expect(() => businessDay(at, 'Not/AZone')).toThrow(RangeError);
    expect(() => businessDay(at, 'Not/AZone')).toThrow(RangeError);
  });

  it('hands out day windows no caller can change for the next', () => {
    const first = dayWindow('2026-03-08', 'America/Los_Angeles');
    expect(first.end.getTime() - first.start.getTime()).toBe(23 * 3_600_000);
    first.start.setTime(0);
    expect(dayWindow('2026-03-08', 'America/Los_Angeles').start.toISOString()).toBe('2026-03-08T08:00:00.000Z');
  });

  it('reads rows exactly as the builder does: modes decoded, nulls kept, expressions mapped, joins nested', () => {
    const database = fresh();
    const terminal = database.sqlite.prepare('SELECT id, store_id FROM terminals LIMIT 1').get() as { id: string; store_id: string };
    database.sqlite
      .prepare(
        "INSERT INTO sales (id, store_id, terminal_id, sale_number, staff_id, customer_id, customer_type, status, subtotal_cents, discount_cents, tax_cents, total_cents, compliance_decision, completed_at, made_offline) VALUES (?, ?, ?, ?, 'staff-demo-budtender', NULL, 'adult', 'completed', 1000, 0, 150, 1150, ?, ?, 1)",
      )
      .run('read-1', terminal.store_id, terminal.id, 'R-1', JSON.stringify({ allowed: true, violations: [] }), Date.parse('2026-11-24T17:00:00Z'));
    const p = sql.placeholder;
    const whole = preparedOnce((db) =>
      db
        .select()
        .from(sales)
        .where(eq(sales.id, p('id')))
        .prepare(),
    );
    const figures = preparedOnce((db) =>
      db
        .select({ n: sql<number>`count(*)`.mapWith(Number), total: sql<string>`sum(${sales.totalCents})`.as('total'), last: sales.completedAt })
        .from(sales)
        .where(eq(sales.terminalId, p('terminalId')))
        .prepare(),
    );
    const joined = preparedOnce((db) =>
      db
        .select()
        .from(sales)
        .leftJoin(terminals, eq(terminals.id, sales.terminalId))
        .where(eq(sales.id, p('id')))
        .prepare(),
    );
    const builderWhole = database.db.select().from(sales).where(eq(sales.id, 'read-1')).get();
    expect(whole(database.db).get({ id: 'read-1' })).toEqual(builderWhole);
    expect(builderWhole).toMatchObject({
      madeOffline: true,
      voidedAt: null,
      completedAt: new Date('2026-11-24T17:00:00Z'),
      complianceDecision: { allowed: true },
    });
    expect(whole(database.db).get({ id: 'none' })).toBeUndefined();
    expect(whole(database.db).all({ id: 'read-1' })).toEqual([builderWhole]);
    expect(figures(database.db).get({ terminalId: terminal.id })).toEqual(
      database.db
        .select({ n: sql<number>`count(*)`.mapWith(Number), total: sql<string>`sum(${sales.totalCents})`.as('total'), last: sales.completedAt })
        .from(sales)
        .where(eq(sales.terminalId, terminal.id))
        .get(),
    );
    expect(joined(database.db).get({ id: 'read-1' })).toEqual(
      database.db.select().from(sales).leftJoin(terminals, eq(terminals.id, sales.terminalId)).where(eq(sales.id, 'read-1')).get(),
    );
  });
});
