import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { closeReads, grantReadersPublishedTables, openReads, readerFor } from '../../src/store-server/features/store-reads';
import { startTestPostgres, type TestPostgres } from '../support/postgres';
import { startTestStore } from './support';

/**
 * The read path's roles on the store server (issue #20): each register
 * reads as its own role, allowed the published tables and nothing else; a
 * table published by a later version is granted to the roles made before
 * it at the next start; retirement drops the role.
 */
let pg: TestPostgres;
let store: Awaited<ReturnType<typeof startTestStore>>;

beforeAll(async () => {
  pg = await startTestPostgres();
  store = await startTestStore(pg, { reads: (url) => url });
});
afterAll(async () => {
  await store?.dispose();
  pg?.stop();
});

const may = async (role: string, table: string) =>
  ((await store.database.db.execute(sql`SELECT has_table_privilege(${role}, ${table}, 'SELECT') AS ok`)).rows[0] as { ok: boolean }).ok;

describe('read-path roles', () => {
  it('reads the published tables only; a table published later is granted at start; retired, the role is gone', async () => {
    const access = await openReads(store.database.db, store.databaseUrl, 'T-roles');
    const reader = readerFor('T-roles');
    expect(new URL(access!.url).username).toBe(reader);
    expect(new URL(access!.url).password).toMatch(/^[\w-]{32}$/);
    for (const table of ['catalog_prices', 'stock_moves', 'store_staff']) expect(await may(reader, table), table).toBe(true);
    for (const table of ['sales', 'limit_ledger', 'terminals', 'store_settings', 'commands']) expect(await may(reader, table), table).toBe(false);

    // As if store_staff had been published by a later version than the one that paired this register.
    await store.database.db.execute(sql.raw(`REVOKE SELECT ON store_staff FROM ${reader}`));
    expect(await may(reader, 'store_staff')).toBe(false);
    await grantReadersPublishedTables(store.database.db);
    expect(await may(reader, 'store_staff')).toBe(true);

    await closeReads(store.database.db, 'T-roles');
    expect((await store.database.db.execute(sql`SELECT 1 FROM pg_roles WHERE rolname = ${reader}`)).rows).toEqual([]);
    expect((await store.database.db.execute(sql`SELECT 1 FROM pg_replication_slots WHERE slot_name LIKE 'greentill_%'`)).rows).toEqual([]);
  });
});
