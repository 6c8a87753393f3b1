import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { createCore } from '../../../../src/main/core/create-core';
import { holdStoreLimits } from '../../../../src/main/features/checkout/store-hold';
import { openDatabase } from '../../../../src/main/platform/db/open';
import { StoreConnection } from '../../../../src/main/features/store-link/store-connection';
import { SyncService } from '../../../../src/main/features/sync/service';
import { StoreLane } from '../../../../src/main/features/store-link/store-lane';
import { value } from '../../../support/result';
import { migrationsFolder } from '../../../support/temp-db';
import { signIn } from '../../../support/session';
import { startTestPostgres, type TestPostgres } from '../../../support/postgres';
import { FaultProxy } from '../../../support/fault-proxy';
import { packageTagOf, storeRegister, until, type StoreRegister } from '../../../support/store-register';
import { startTestStore } from '../../../store-server/support';

/**
 * Issue #20: a register that dies at any point of a sale loses nothing it
 * acknowledged and sends nothing twice. A `kill -9` leaves exactly what
 * SQLite committed and what the server committed; each case stops the
 * register at that point, opens the same database file again with a fresh
 * core, connection and sync engine (what a restart does), and finishes.
 */

let pg: TestPostgres;
let store: Awaited<ReturnType<typeof startTestStore>>;
let proxy: FaultProxy;
let register: StoreRegister;

beforeAll(async () => {
  pg = await startTestPostgres();
});
afterAll(() => pg?.stop());
afterEach(async () => {
  await register?.close();
  await proxy?.close();
  await store?.dispose();
});

const ana = { idNumber: 'D5550001', firstName: 'Ana', lastName: 'Ruiz', dateOfBirth: '1990-01-01', expiry: '2031-01-01', issuer: 'CA' };

async function setUp(): Promise<void> {
  store = await startTestStore(pg, { state: 'CA', timeZone: 'America/Los_Angeles' });
  proxy = await FaultProxy.start(store.http.port);
  register = await storeRegister(store, { name: 'Register 1', keyByte: 7, address: proxy.url });
}

async function cartFor(product: string): Promise<string> {
  const { cartId } = value(await register.core.send('cart-open', {}));
  value(await register.core.send('cart-scan', { cartId, code: packageTagOf(register, product), quantity: 1 }));
  value(await register.core.send('customer-check-in', { cartId, saleType: 'adult', method: 'manual', id: ana }));
  return cartId;
}

/** The register process is gone; started again on the same file (its keys from the keychain, as at every start). */
async function restart(): Promise<{ send: ReturnType<typeof createCore>['send']; sync: SyncService; stop: () => Promise<void> }> {
  const path = register.database.path;
  await register.sync.stop();
  await register.link.stop();
  register.database.close();
  const database = openDatabase({ path, migrationsFolder, auditKey: register.auditKey });
  const link = new StoreConnection(database.db, register.keys);
  const sync = new SyncService({
    db: database.db,
    keys: register.keys,
    storeId: 'store-demo',
    moreLanes: () => [new StoreLane(link, { db: database.db, keys: register.keys })],
    tuning: { idlePollMs: 50 },
  });
  const core = createCore({ piiKeys: register.keys, database, idleLockMs: 86_400_000, storeLink: link, sync });
  await signIn(core, 'manager');
  await link.renew();
  const stop = async () => {
    await sync.stop();
    await link.stop();
    database.close();
  };
  // afterEach closes what the test left open: the restarted register now.
  register = { ...register, database, link, sync, core, close: stop };
  return { send: core.send, sync, stop };
}

const serverRows = async (query: ReturnType<typeof sql>) => (await store.database.db.execute(query)).rows;
const pay = (send: ReturnType<typeof createCore>['send'], cartId: string) =>
  send('sale-complete', { cartId, tenders: [{ tender: 'cash', tenderedCents: 500_000 }] });

describe('a register killed at each point of a sale', () => {
  it('after the hold, before the sale was written: paying again after the restart holds once and sells once', async () => {
    await setUp();
    const cartId = await cartFor('Zkittlez 28g');
    await holdStoreLimits(register.database.db, register.keys, register.link, { cartId, terminalId: register.core.terminalId, now: new Date() });
    const again = await restart();
    value(await pay(again.send, cartId));
    expect(await serverRows(sql`SELECT status FROM limit_reservations`)).toEqual([{ status: 'held' }]);
    again.sync.start();
    await until(async () => (await serverRows(sql`SELECT status FROM limit_reservations`))[0]?.status === 'confirmed');
    expect(await serverRows(sql`SELECT count(*)::int AS n FROM sales`)).toEqual([{ n: 1 }]);
  });

  it('after the sale was written, before it was sent: it goes at the restart, once', async () => {
    await setUp();
    const sale = value(await pay(register.core.send, await cartFor('Blue Dream 3.5g')));
    const again = await restart();
    again.sync.start();
    await until(async () => (await serverRows(sql`SELECT count(*)::int AS n FROM sales`))[0]?.n === 1);
    expect(await serverRows(sql`SELECT id FROM sales`)).toEqual([{ id: sale.saleId }]);
  });

  it('sent, and the answer lost (mid-send or before the acknowledgement): sent again after the restart, applied once', async () => {
    await setUp();
    // What pairing handed over (the register's staff) goes first, so only the sale is left to lose.
    register.sync.start();
    await until(
      () =>
        (register.database.sqlite.prepare("SELECT count(*) AS n FROM outbox WHERE destination = 'store' AND status <> 'done'").get() as { n: number }).n === 0,
    );
    await register.sync.stop();
    const sale = value(await pay(register.core.send, await cartFor('Blue Dream 3.5g')));
    proxy.loseAnswers();
    register.sync.start();
    // The server has it; the register never heard so, and keeps it queued.
    await until(async () => (await serverRows(sql`SELECT count(*)::int AS n FROM commands WHERE type = 'sale.recorded'`))[0]?.n === 1);
    expect(register.database.sqlite.prepare("SELECT status FROM outbox WHERE destination = 'store' AND aggregate_id = ?").get(sale.saleId)).not.toEqual({
      status: 'done',
    });
    proxy.heal();
    const again = await restart();
    again.sync.start();
    await until(
      () =>
        (register.database.sqlite.prepare("SELECT status FROM outbox WHERE destination = 'store' AND aggregate_id = ?").get(sale.saleId) as { status: string })
          .status === 'done',
    );
    expect(await serverRows(sql`SELECT id FROM sales`)).toEqual([{ id: sale.saleId }]);
    expect(await serverRows(sql`SELECT count(*)::int AS n FROM limit_ledger`)).toEqual([{ n: 1 }]);
    expect(await serverRows(sql`SELECT sum(delta)::int AS d FROM stock_moves`)).toEqual([{ d: -1 }]);
  });
});
