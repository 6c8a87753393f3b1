import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { writeStoreSetting } from '../../../../src/store-server/features/store-settings';
import { value } from '../../../support/result';
import { startTestPostgres, type TestPostgres } from '../../../support/postgres';
import { sellTo, storeRegister, until, type StoreRegister } from '../../../support/store-register';
import { startTestStore } from '../../../store-server/support';

/**
 * Issue #20: a person's limit holds across the registers of a store. Two
 * registers — separate SQLite files, separate keys (each register's own
 * keychain) — paired with one store server on a real PostgreSQL.
 */

let pg: TestPostgres;
let store: Awaited<ReturnType<typeof startTestStore>>;

beforeAll(async () => {
  pg = await startTestPostgres();
});
afterAll(() => pg?.stop());

const open: StoreRegister[] = [];
afterEach(async () => {
  for (const r of open.splice(0)) await r.close();
  await store?.dispose();
});

async function register(keyByte: number, name: string, paired = true): Promise<StoreRegister> {
  const r = await storeRegister(store, { name, keyByte, paired });
  open.push(r);
  return r;
}

const ana = { idNumber: 'D5550001', firstName: 'Ana', lastName: 'Ruiz', dateOfBirth: '1990-01-01', expiry: '2031-01-01', issuer: 'CA' };
const sell = (r: StoreRegister, product: string) => sellTo(r, ana, product);

describe('one person, one limit, across the registers of a store (CA: 28.5 g of flower a day)', () => {
  it('refuses at register 2 what register 1 already sold the same person, though register 2 never saw that sale', async () => {
    store = await startTestStore(pg, { state: 'CA', timeZone: 'America/Los_Angeles' });
    const one = await register(7, 'Register 1');
    const two = await register(9, 'Register 2');
    value(await sell(one, 'Zkittlez 28g'));
    const refused = await sell(two, 'Zkittlez 28g');
    expect(refused).toMatchObject({ ok: false, error: { code: 'COMPLIANCE_BLOCKED', message: expect.stringContaining('every register in the store') } });
    expect(two.database.sqlite.prepare('SELECT count(*) AS n FROM sales').get()).toEqual({ n: 0 });
    // What fits still sells there.
    value(await sell(two, 'Hemp Rolling Papers'));
  });

  it('sends each sale to the store server once, with its ledger rows and stock moves, through the store lane', async () => {
    store = await startTestStore(pg, { state: 'CA', timeZone: 'America/Los_Angeles' });
    const one = await register(7, 'Register 1');
    const sale = value(await sell(one, 'Blue Dream 3.5g'));
    one.sync.start();
    const count = async () => (await store.database.db.execute(sql`SELECT count(*)::int AS n FROM sales WHERE id = ${sale.saleId}`)).rows[0] as { n: number };
    await until(async () => (await count()).n === 1);
    const ledger = await store.database.db.execute(sql`SELECT count(*)::int AS n FROM limit_ledger WHERE sale_id = ${sale.saleId}`);
    expect(ledger.rows[0]).toEqual({ n: 1 });
    const stock = await store.database.db.execute(sql`SELECT sum(delta)::int AS d FROM stock_moves WHERE key LIKE ${`sale:${sale.saleId}:%`}`);
    expect(stock.rows[0]).toEqual({ d: -1 });
    // The hold made before payment was confirmed by the sale.
    const holds = await store.database.db.execute(sql`SELECT status FROM limit_reservations`);
    expect(holds.rows).toEqual([{ status: 'confirmed' }]);
    // A void reaches it too, and gives the limit back store-wide.
    value(await one.core.send('sale-void', { saleId: sale.saleId, reason: 'Customer changed their mind' }));
    one.sync.wake();
    await until(
      async () =>
        ((await store.database.db.execute(sql`SELECT voided_at FROM sales WHERE id = ${sale.saleId}`)).rows[0] as { voided_at: unknown }).voided_at !== null,
    );
  });

  it('cut off from the store server, a register follows the store policy: refuse limited goods, sell the rest', async () => {
    store = await startTestStore(pg, { state: 'CA', timeZone: 'America/Los_Angeles' });
    const one = await register(7, 'Register 1');
    await store.http.close();
    const refused = await sell(one, 'Blue Dream 3.5g');
    expect(refused).toMatchObject({ ok: false, error: { code: 'STORE_ISOLATED_REFUSED' } });
    value(await sell(one, 'Hemp Rolling Papers'));
    // The register counts itself isolated once its lease (5 s) runs out with no answer: within lease + 3 s.
    const cut = performance.now();
    await until(async () => value(await one.core.send('store-link-get', {})).mode === 'isolated', 8_000);
    expect(performance.now() - cut).toBeLessThan(8_000);
    const rolled = value(await sell(one, 'Hemp Rolling Papers'));
    expect(one.database.sqlite.prepare('SELECT store_isolated AS i FROM sales WHERE id = ?').get(rolled.saleId)).toEqual({ i: 1 });
  });

  it('with an offline allowance, an isolated register sells each person up to it and no more', async () => {
    store = await startTestStore(pg, { state: 'CA', timeZone: 'America/Los_Angeles' });
    await writeStoreSetting(
      store.database.db,
      'isolation_policy',
      { adult: { mode: 'allowance', allowance: { flower: 7000 } }, medical: { mode: 'refuse' }, caregiver: { mode: 'refuse' } },
      new Date(),
    );
    const one = await register(7, 'Register 1');
    await store.http.close();
    value(await sell(one, 'Blue Dream 3.5g'));
    value(await sell(one, 'OG Kush 3.5g'));
    expect(await sell(one, 'Gelato #33 3.5g')).toMatchObject({
      ok: false,
      error: { code: 'STORE_ISOLATED_REFUSED', message: expect.stringContaining('7000 mg of flower') },
    });
  });

  it('a register that joins mid-day hands over what it already sold: its earlier sales count at the other registers and at itself', async () => {
    store = await startTestStore(pg, { state: 'CA', timeZone: 'America/Los_Angeles' });
    const joining = await register(7, 'Register 1', false);
    const other = await register(9, 'Register 2');
    // Sold alone, before it joined the store (filed under this register's own key).
    value(await sell(joining, 'Zkittlez 28g'));
    await joining.pair();
    // Pairing restarts delivery with the store lane: the handover goes at once.
    await until(async () => value(await joining.core.send('store-link-get', {})).pending === 0);
    expect(
      joining.database.sqlite
        .prepare("SELECT count(*) AS n FROM outbox WHERE destination = 'store' AND status = 'done' AND json_extract(payload, '$.type') = 'sale.recorded'")
        .get(),
    ).toEqual({ n: 1 });
    // At itself: Ana is now keyed by the store's secret, and her earlier purchase still counts (alias).
    const r = await sell(joining, 'Blue Dream 3.5g');
    expect(r).toMatchObject({ ok: false, error: { code: 'COMPLIANCE_BLOCKED' } });
    // At the other register too, now that the store server has learnt who that earlier key was.
    expect(await sell(other, 'Blue Dream 3.5g')).toMatchObject({
      ok: false,
      error: { code: 'COMPLIANCE_BLOCKED', message: expect.stringContaining('every register') },
    });
    // Handed over once, however often it is sent.
    const sent = await store.database.db.execute(sql`SELECT count(*)::int AS n FROM sales`);
    expect(sent.rows[0]).toEqual({ n: 1 });
  });

  it('the opening check compares this register’s clock with the store server’s, and says when it does not answer', async () => {
    store = await startTestStore(pg, { state: 'CA', timeZone: 'America/Los_Angeles' });
    const one = await register(7, 'Register 1');
    const skew = async () => value(await one.core.send('opening-check-run', {})).items.find((i) => i.id === 'clock_skew_store_server');
    expect(await skew()).toMatchObject({ status: 'green', detail: expect.stringContaining('store server') });
    await store.http.close();
    expect(await skew()).toMatchObject({ status: 'amber', detail: 'The store server did not answer.' });
  });
});
