import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { startTestPostgres, type TestPostgres } from '../support/postgres';
import { FaultProxy } from '../support/fault-proxy';
import { startRegisterProcess, type RegisterProcess } from '../support/register-process';
import { until, type TypedId } from '../support/store-register';
import { writeStoreSetting } from '../../src/store-server/features/store-settings';
import { startTestStore } from './support';

/**
 * Issue #20's rig with every register in its own process: four real core
 * processes (separate SQLite files and keys, sync and store link running),
 * each behind its own fault proxy to the store server on PostgreSQL, and
 * real SIGKILLs — at the points of a sale where a crash could lose or
 * double something, and at random moments while all four hammer the same
 * people. The in-process rig (store-rig.soak.test.ts) covers the partition
 * and outage scenarios and Metrc; this one is about processes dying.
 * California: 28.5 g of flower a day for adult use.
 */

const LIMIT_MG = 28_500;
const FLOWER = ['Blue Dream 3.5g', 'OG Kush 3.5g', 'Gelato #33 3.5g', 'Sour Diesel 3.5g', 'Wedding Cake 3.5g', 'Blue Dream 7g', 'Zkittlez 28g'];
const NOT_LIMITED = 'Hemp Rolling Papers';

const people: TypedId[] = Array.from({ length: 24 }, (_, i) => ({
  idNumber: `P${String(2_000_000 + i)}`,
  firstName: `Person${i}`,
  lastName: 'Process',
  dateOfBirth: '1984-04-04',
  expiry: '2031-01-01',
  issuer: 'CA',
}));

let pg: TestPostgres;
let store: Awaited<ReturnType<typeof startTestStore>>;
let proxies: FaultProxy[];
let registers: RegisterProcess[];
let initialStock: Map<string, number>;

const stockOf = (r: RegisterProcess) =>
  new Map((r.file.prepare('SELECT tag, quantity_on_hand AS q FROM packages').all() as Array<{ tag: string; q: number }>).map((p) => [p.tag, p.q]));

beforeAll(async () => {
  pg = await startTestPostgres();
  store = await startTestStore(pg, { state: 'CA', timeZone: 'America/Los_Angeles', reads: (url) => url });
  // Cut off, a register sells no limited goods (the store's default, written out); only the "after the send" case is cut off, selling papers.
  await writeStoreSetting(
    store.database.db,
    'isolation_policy',
    { adult: { mode: 'refuse' }, medical: { mode: 'refuse' }, caregiver: { mode: 'refuse' } },
    new Date(),
  );
  proxies = await Promise.all([0, 1, 2, 3].map(() => FaultProxy.start(store.http.port)));
  registers = [];
  for (const [i, proxy] of proxies.entries())
    registers.push(await startRegisterProcess(store, { name: `Register ${i + 1}`, keyByte: 51 + i, address: proxy.url }));
  // Shelves deep enough for the whole workload (the store's stock is shared now), alike on every register, before anything sells.
  for (const r of registers) r.write("UPDATE packages SET quantity_on_hand = quantity_on_hand + 1000 WHERE unit = 'each'");
  initialStock = stockOf(registers[0]!);
}, 180_000);

afterAll(async () => {
  for (const r of registers ?? []) await r.close();
  for (const p of proxies ?? []) await p.close();
  await store?.dispose();
  pg?.stop();
});

const tagOf = (r: RegisterProcess, product: string): string => {
  const row = r.file
    .prepare('SELECT k.tag FROM packages k JOIN products p ON p.id = k.product_id WHERE p.name = ? AND k.quantity_on_hand > 0 ORDER BY k.packaged_date LIMIT 1')
    .get(product) as { tag: string } | undefined;
  if (row === undefined) throw new Error(`${r.name}: no stock of ${product}`);
  return row.tag;
};

const serverRows = async <T>(query: ReturnType<typeof sql>) => (await store.database.db.execute(query)).rows as T[];

/** A cart for one person and one product, checked in; null when the register died under it. */
async function cartFor(r: RegisterProcess, id: TypedId, product: string): Promise<string | null> {
  const cart = await r.invoke('cart-open', {});
  if (!cart.ok) return null;
  const { cartId } = cart.value as { cartId: string };
  const scanned = await r.invoke('cart-scan', { cartId, code: tagOf(r, product), quantity: 1 });
  if (!scanned.ok) return null;
  const checkedIn = await r.invoke('customer-check-in', { cartId, saleType: 'adult', method: 'manual', id });
  return checkedIn.ok ? cartId : null;
}

const pay = (r: RegisterProcess, cartId: string) => r.invoke('sale-complete', { cartId, tenders: [{ tender: 'cash', tenderedCents: 500_000 }] });

/** Signed in again after a restart (a restarted core starts signed out); a sign-in cut short by a kill is tried again. */
async function signedIn(r: RegisterProcess): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    try {
      await r.signIn('manager');
      return;
    } catch (error) {
      if (attempt >= 10) throw error;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
}

interface Outcome {
  readonly saleId: string | null;
  readonly code: string | null;
}

/** One attempt at the counter: the sale id when the register said it was done, else why not. Any step may meet a dead core. */
async function attempt(r: RegisterProcess, id: TypedId, product: string): Promise<Outcome> {
  const cartId = await cartFor(r, id, product);
  if (cartId === null) return { saleId: null, code: 'CUT_SHORT' };
  const result = await pay(r, cartId);
  if (result.ok) return { saleId: (result.value as { saleId: string }).saleId, code: null };
  await r.invoke('cart-release', { cartId, reason: 'Refused at payment' });
  return { saleId: null, code: result.error.code };
}

async function drained(): Promise<void> {
  await until(
    () =>
      registers.every(
        (r) => (r.file.prepare("SELECT count(*) AS n FROM outbox WHERE destination = 'store' AND status <> 'done'").get() as { n: number }).n === 0,
      ),
    60_000,
  );
}

const terminalSales = () =>
  new Map(
    registers.flatMap((r) =>
      (r.file.prepare("SELECT id, total_cents AS t FROM sales WHERE status = 'completed'").all() as Array<{ id: string; t: number }>).map(
        (s) => [s.id, s.t] as const,
      ),
    ),
  );

async function serverSales(): Promise<Map<string, number>> {
  const rows = await serverRows<{ id: string; t: string | number }>(sql`SELECT id, total_cents AS t FROM sales WHERE voided_at IS NULL`);
  return new Map(rows.map((s) => [s.id, Number(s.t)]));
}

async function flowerOverLimit(): Promise<number> {
  const rows = await serverRows<{ mg: number }>(
    sql`SELECT sum(net_weight_mg * quantity)::int AS mg FROM limit_ledger WHERE category = 'flower' GROUP BY person_key, business_day`,
  );
  return rows.filter((r) => r.mg > LIMIT_MG).length;
}

describe('four registers in four processes, one store server', () => {
  it('killed after the hold, before the sale was written: paying again after the restart holds once and sells once', async () => {
    const r = registers[0]!;
    const cartId = await cartFor(r, people[0]!, 'Zkittlez 28g');
    if (cartId === null) throw new Error('no cart');
    // The server takes the hold; its answer never reaches the register, which dies waiting for it.
    proxies[0]!.stallAnswers();
    const paying = pay(r, cartId);
    await until(async () => (await serverRows<{ status: string }>(sql`SELECT status FROM limit_reservations WHERE sale_id = ${cartId}`)).length === 1);
    r.kill();
    proxies[0]!.heal();
    expect(await paying).toMatchObject({ ok: false, error: { code: 'CORE_RESTARTED' } });
    await signedIn(r);
    const sale = await pay(r, cartId);
    expect(sale).toMatchObject({ ok: true });
    await drained();
    expect(await serverRows(sql`SELECT status FROM limit_reservations WHERE sale_id = ${cartId}`)).toEqual([{ status: 'confirmed' }]);
    expect(await serverRows(sql`SELECT count(*)::int AS n FROM limit_reservations`)).toEqual([{ n: 1 }]);
  });

  it('killed the moment the sale was written: it reaches the server once after the restart', async () => {
    const r = registers[1]!;
    const cartId = await cartFor(r, people[1]!, 'Blue Dream 3.5g');
    if (cartId === null) throw new Error('no cart');
    const sale = await pay(r, cartId);
    r.kill();
    expect(sale).toMatchObject({ ok: true });
    const { saleId } = (sale as { value: { saleId: string } }).value;
    await signedIn(r);
    await drained();
    expect(await serverRows(sql`SELECT count(*)::int AS n FROM sales WHERE id = ${saleId}`)).toEqual([{ n: 1 }]);
  });

  it('killed after the send, before the acknowledgement: sent again after the restart, applied once', async () => {
    const r = registers[2]!;
    const cartId = await cartFor(r, people[2]!, NOT_LIMITED);
    if (cartId === null) throw new Error('no cart');
    // From now on the server's answers never reach this register: the sale goes, the server applies it, nobody hears.
    proxies[2]!.stallAnswers();
    try {
      const sale = await pay(r, cartId);
      expect(sale).toMatchObject({ ok: true });
      const { saleId } = (sale as { value: { saleId: string } }).value;
      await until(async () => (await serverRows(sql`SELECT id FROM sales WHERE id = ${saleId}`)).length === 1, 20_000);
      expect(r.file.prepare("SELECT status FROM outbox WHERE destination = 'store' AND aggregate_id = ?").get(saleId)).not.toEqual({ status: 'done' });
      r.kill();
      proxies[2]!.heal();
      await signedIn(r);
      await drained();
      expect(await serverRows(sql`SELECT count(*)::int AS n FROM commands WHERE key = ${`sale:${saleId}`}`)).toEqual([{ n: 1 }]);
      expect(await serverRows(sql`SELECT sum(delta)::int AS d FROM stock_moves WHERE key LIKE ${`sale:${saleId}:%`}`)).toEqual([{ d: -1 }]);
    } finally {
      proxies[2]!.heal();
    }
  });

  it('hammered from all four at once while each is killed at random moments: nobody over a limit, every acknowledged sale once, stock agrees everywhere', async () => {
    let seed = 20_261_207;
    const random = () => {
      seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
      return seed / 2_147_483_648;
    };
    const acknowledged: string[] = [];
    const refusals = new Map<string, number>();
    const restartsBefore = registers.map((r) => r.core.restarts);
    await Promise.all(
      registers.map(async (r) => {
        for (let n = 0; n < 30; n++) {
          const person = Math.floor(people.length * random() ** 2);
          const product = random() < 0.1 ? NOT_LIMITED : FLOWER[Math.floor(random() * FLOWER.length)]!;
          // Three times per register, a SIGKILL lands somewhere inside this attempt: scanning, checking in, holding, paying, committing, or sending.
          if (n % 10 === 5) setTimeout(() => r.kill(), Math.floor(random() * 40)).unref();
          const outcome = await attempt(r, people[person]!, product);
          if (outcome.saleId !== null) acknowledged.push(outcome.saleId);
          else refusals.set(outcome.code ?? '', (refusals.get(outcome.code ?? '') ?? 0) + 1);
          if (outcome.code === 'CUT_SHORT' || outcome.code === 'CORE_RESTARTED' || outcome.code === 'SIGNED_OUT') await signedIn(r);
        }
      }),
    );
    for (const r of registers) await signedIn(r);
    // Refused only by the limits, or cut short by a kill (a restarted register is briefly signed out, and cut off until its first lease).
    expect(
      [...refusals.keys()].filter((code) => !['COMPLIANCE_BLOCKED', 'CUT_SHORT', 'CORE_RESTARTED', 'SIGNED_OUT', 'STORE_ISOLATED_REFUSED'].includes(code)),
    ).toEqual([]);
    expect(registers.map((r, i) => r.core.restarts - restartsBefore[i]!)).toEqual([3, 3, 3, 3]);
    // The workload reached the limits.
    expect(refusals.get('COMPLIANCE_BLOCKED') ?? 0).toBeGreaterThan(5);
    expect(acknowledged.length).toBeGreaterThan(30);
    await drained();

    expect(await flowerOverLimit()).toBe(0);
    // Every sale a register acknowledged is on it and on the server, once; the server has nothing the registers do not.
    const local = terminalSales();
    for (const id of acknowledged) expect(local.has(id), id).toBe(true);
    expect(await serverSales()).toEqual(local);
    expect(new Set(acknowledged).size).toBe(acknowledged.length);

    // Stock: every register's shelves = what they all started with + the server's ledger of deltas, within 10 s of quiet.
    const deltas = new Map(
      (await serverRows<{ tag: string; d: number }>(sql`SELECT package_label AS tag, sum(delta)::int AS d FROM stock_moves GROUP BY package_label`)).map(
        (m) => [m.tag, m.d],
      ),
    );
    const soldHere = (r: RegisterProcess) =>
      new Map(
        (
          r.file
            .prepare(
              "SELECT l.package_tag AS tag, sum(l.quantity) AS q FROM sale_lines l JOIN sales s ON s.id = l.sale_id WHERE s.status = 'completed' GROUP BY l.package_tag",
            )
            .all() as Array<{ tag: string; q: number }>
        ).map((x) => [x.tag, x.q]),
      );
    const soldAnywhere = new Map<string, number>();
    for (const r of registers) for (const [tag, q] of soldHere(r)) soldAnywhere.set(tag, (soldAnywhere.get(tag) ?? 0) - q);
    expect(deltas).toEqual(soldAnywhere);
    const expected = new Map([...initialStock].map(([tag, q]) => [tag, q + (deltas.get(tag) ?? 0)]));
    const agrees = (r: RegisterProcess) => [...stockOf(r)].every(([tag, q]) => expected.get(tag) === q);
    try {
      await until(() => registers.every(agrees), 10_000);
    } catch (error) {
      // Say which register lags and where its read stream stands against the server's slots, so a failure here can be read.
      const slots = await serverRows(
        sql`SELECT slot_name, active, active_pid, confirmed_flush_lsn::text AS flushed FROM pg_replication_slots ORDER BY slot_name`,
      );
      const behind = registers
        .filter((r) => !agrees(r))
        .map((r) => ({ name: r.name, readLsn: (r.file.prepare('SELECT read_lsn AS l FROM store_link').get() as { l: string | null } | undefined)?.l ?? null }));
      throw new Error(`${String(error)}: behind ${JSON.stringify(behind)}; slots ${JSON.stringify(slots)}`);
    }
    for (const r of registers) expect(stockOf(r), r.name).toEqual(expected);
  }, 240_000);
});
