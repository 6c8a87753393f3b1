import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { StoreReads } from '../../../../src/main/features/store-link/store-reads';
import { loadStoreLink } from '../../../../src/main/features/store-link/link-settings';
import { storeAdmin } from '../../../../src/store-server/admin';
import { repoRoot } from '../../../support/cli';
import { setStorePrice, setStorePromotion } from '../../../../src/store-server/features/store-reads';
import { demoPackageTag } from '../../../../src/main/features/demo/seed';
import { startTestPostgres, type TestPostgres } from '../../../support/postgres';
import { FaultProxy } from '../../../support/fault-proxy';
import { packageTagOf, sellTo, storeRegister, until, type StoreRegister } from '../../../support/store-register';
import { startTestStore } from '../../../store-server/support';
import { value } from '../../../support/result';
import { startFakeMetrc, type FakeMetrc } from '../../../support/fake-metrc';
import { testMetrcCredentials } from '../../../support/metrc-lane';
import { signIn } from '../../../support/session';

/**
 * Issue #20's read path: a price set on the store server reaches every
 * connected register through PostgreSQL's logical replication (one slot per
 * register) within 2 s, and a register cut off from it catches up within
 * 10 s of healing, applying each change once with its stream position.
 */

let pg: TestPostgres;
let store: Awaited<ReturnType<typeof startTestStore>>;
let lan: FaultProxy;
let metrc: FakeMetrc | undefined;
const registers: StoreRegister[] = [];

beforeAll(async () => {
  pg = await startTestPostgres();
});
afterAll(() => pg?.stop());
afterEach(async () => {
  for (const r of registers.splice(0)) await r.close();
  await lan?.close();
  await metrc?.close();
  metrc = undefined;
  await store?.dispose();
});

const priceOf = (r: StoreRegister, sku: string) =>
  (r.database.sqlite.prepare('SELECT price_cents AS p FROM products WHERE sku = ?').get(sku) as { p: number }).p;
const skuOf = (r: StoreRegister, name: string) => (r.database.sqlite.prepare('SELECT sku FROM products WHERE name = ?').get(name) as { sku: string }).sku;

describe('the store’s prices reach its registers', () => {
  it('within 2 s at every connected register, and within 10 s of healing at one that was cut off', async () => {
    // Registers reach PostgreSQL through one LAN proxy, so the test can cut them off.
    store = await startTestStore(pg, {
      state: 'CA',
      timeZone: 'America/Los_Angeles',
      reads: async (url) => {
        lan = await FaultProxy.start(pg.port);
        return url.replace(`:${pg.port}/`, `:${new URL(lan.url).port}/`);
      },
    });
    for (const [i, keyByte] of [21, 22].entries()) registers.push(await storeRegister(store, { name: `Register ${i + 1}`, keyByte }));
    const [one, two] = registers as [StoreRegister, StoreRegister];
    const sku = skuOf(one, 'Blue Dream 3.5g');
    expect(priceOf(one, sku)).not.toBe(4_242);

    const set = performance.now();
    await setStorePrice(store.database.db, { sku, priceCents: 4_242, by: 'test' }, new Date());
    await until(() => priceOf(one, sku) === 4_242 && priceOf(two, sku) === 4_242, 2_000);
    const reached = performance.now() - set;
    expect(reached).toBeLessThan(2_000);
    // The position is kept with what it carried.
    expect(one.database.sqlite.prepare('SELECT read_lsn AS l FROM store_link').get()).toEqual({ l: expect.stringMatching(/^[0-9A-F]+\/[0-9A-F]+$/) });

    // Cut off: the change waits in the slot; healed, it arrives.
    lan.cut();
    await setStorePrice(store.database.db, { sku, priceCents: 3_999, by: 'test' }, new Date());
    await new Promise((r) => setTimeout(r, 1_500));
    expect(priceOf(one, sku)).toBe(4_242);
    const healed = performance.now();
    lan.heal();
    await until(() => priceOf(one, sku) === 3_999 && priceOf(two, sku) === 3_999, 10_000);
    expect(performance.now() - healed).toBeLessThan(10_000);

    // And a scan rings it at the store's price.
    const { cartId } = value(await one.core.send('cart-open', {}));
    const scanned = value(await one.core.send('cart-scan', { cartId, code: packageTagOf(one, 'Blue Dream 3.5g'), quantity: 1 }));
    expect(scanned.lines).toEqual([expect.objectContaining({ unitPriceCents: 3_999 })]);
  });
});

const onHand = (r: StoreRegister, tag: string) =>
  (r.database.sqlite.prepare('SELECT quantity_on_hand AS q FROM packages WHERE tag = ?').get(tag) as { q: number }).q;

const onHandOrNull = (r: StoreRegister, tag: string) =>
  (r.database.sqlite.prepare('SELECT quantity_on_hand AS q FROM packages WHERE tag = ?').get(tag) as { q: number } | undefined)?.q ?? null;

const buyer = { idNumber: 'S7000001', firstName: 'Stock', lastName: 'Reader', dateOfBirth: '1980-01-01', expiry: '2031-01-01', issuer: 'CA' };

describe('stock moves reach every register', () => {
  it('what one register sells, voids, takes back and adjusts moves the same package at the others, and nothing twice at itself', async () => {
    store = await startTestStore(pg, { state: 'CA', timeZone: 'America/Los_Angeles', reads: (url) => url });
    for (const [i, keyByte] of [31, 32].entries()) registers.push(await storeRegister(store, { name: `Register ${i + 1}`, keyByte }));
    const [one, two] = registers as [StoreRegister, StoreRegister];
    for (const r of registers) r.sync.start();
    const sold = packageTagOf(one, 'Blue Dream 3.5g');
    const counted = packageTagOf(one, 'OG Kush 3.5g');
    const [soldBefore, countedBefore] = [onHand(two, sold), onHand(two, counted)];
    expect([onHand(one, sold), onHand(one, counted)]).toEqual([soldBefore, countedBefore]);

    // Three sales at register 1; one voided, one returned to the shelf.
    const sales = [];
    for (let n = 0; n < 3; n++) {
      const result = await sellTo(one, buyer, 'Blue Dream 3.5g');
      if (!result.ok) throw new Error(result.error.message);
      sales.push(result.value.saleId);
    }
    value(await one.core.send('sale-void', { saleId: sales[0]!, reason: 'Rang the wrong customer' }));
    const line = one.database.sqlite.prepare('SELECT id FROM sale_lines WHERE sale_id = ?').get(sales[1]) as { id: string };
    value(
      await one.core.send('sale-return', {
        saleId: sales[1]!,
        lines: [{ saleLineId: line.id, quantity: 1 }],
        reason: 'Sealed, unwanted',
        disposition: 'inventory',
      }),
    );

    // A count at register 1 finds two short, approved by the manager.
    const count = value(await one.core.send('count-start', { area: 'Sales floor' }));
    value(await one.core.send('count-scan', { countId: count.id, tag: counted, units: countedBefore - 2 }));
    value(await one.core.send('count-submit', { countId: count.id }));
    value(await one.core.send('count-recount', { countId: count.id, tag: counted, units: countedBefore - 2 }));
    value(await one.core.send('count-approve', { countId: count.id, tag: counted, metrcReason: 'Theft', note: 'Two missing' }));

    // Register 2 never saw any of it, yet its shelves agree within 10 s.
    await until(() => onHand(two, sold) === soldBefore - 1 && onHand(two, counted) === countedBefore - 2, 10_000);
    // Register 1 moved its own stock once: its moves coming back from the store are not applied again.
    await new Promise((r) => setTimeout(r, 1_000));
    expect([onHand(one, sold), onHand(one, counted)]).toEqual([soldBefore - 1, countedBefore - 2]);
    expect([onHand(two, sold), onHand(two, counted)]).toEqual([soldBefore - 1, countedBefore - 2]);
    // And the server's ledger of deltas says the same.
    const moves = (await store.database.db.execute(sql`SELECT package_label AS tag, sum(delta)::int AS d FROM stock_moves GROUP BY package_label`))
      .rows as Array<{ tag: string; d: number }>;
    expect(new Map(moves.map((m) => [m.tag, m.d]))).toEqual(
      new Map([
        [sold, -1],
        [counted, -2],
      ]),
    );
  });
});

describe('a register killed mid-apply of the read stream', () => {
  it('has either the whole PostgreSQL transaction and its position, or none of it; after the restart each move is applied once', async () => {
    store = await startTestStore(pg, { state: 'CA', timeZone: 'America/Los_Angeles', reads: (url) => url });
    for (const [i, keyByte] of [41, 42].entries()) registers.push(await storeRegister(store, { name: `Register ${i + 1}`, keyByte }));
    const [one, two] = registers as [StoreRegister, StoreRegister];
    // Register 2's stream runs in a child process instead (same file, same keys); it sends nothing meanwhile.
    await two.link.stop();
    await two.sync.stop();
    const tags = [packageTagOf(one, 'Blue Dream 3.5g'), packageTagOf(one, 'OG Kush 3.5g')];
    const before = tags.map((t) => onHand(two, t));
    // One sale of two lines at register 1, checked in (which updates the customer's record).
    const { cartId } = value(await one.core.send('cart-open', {}));
    for (const tag of tags) value(await one.core.send('cart-scan', { cartId, code: tag, quantity: 1 }));
    value(await one.core.send('customer-check-in', { cartId, saleType: 'adult', method: 'manual', id: buyer }));
    // Everything before the sale (what both registers handed over at pairing, that check-in) reaches the store, and
    // register 2 reads it until its position rests: the sale is then the only transaction it has still to apply.
    one.sync.start();
    const owed = () =>
      (one.database.sqlite.prepare("SELECT count(*) AS n FROM outbox WHERE destination = 'store' AND status <> 'done'").get() as { n: number }).n;
    await until(() => owed() === 0);
    const position = () => (two.database.sqlite.prepare('SELECT read_lsn AS l FROM store_link').get() as { l: string | null }).l;
    const catchUp = new StoreReads(two.database.db, two.keys);
    catchUp.start();
    // Resting: the same position over two seconds in a row (the stream is up within the first).
    let seen = position();
    let still = 0;
    await until(async () => {
      await new Promise((r) => setTimeout(r, 1_000));
      const now = position();
      still = now !== null && now === seen ? still + 1 : 0;
      seen = now;
      return still >= 2;
    }, 30_000);
    await catchUp.stop();
    const positionBefore = two.database.sqlite.prepare('SELECT read_lsn AS l FROM store_link').get();

    // The sale: one PostgreSQL transaction with two stock moves.
    value(await one.core.send('sale-complete', { cartId, tenders: [{ tender: 'cash', tenderedCents: 500_000 }] }));
    await until(
      async () => Number(((await store.database.db.execute(sql`SELECT count(*)::int AS n FROM stock_moves`)).rows[0] as { n: number }).n) === 2,
      10_000,
    );

    // The child applies the first move and is killed at the second, inside the SQLite transaction.
    const child = spawn(process.execPath, ['--import', 'tsx', join(repoRoot, 'test/support/store-reads-child.ts'), two.database.sqlite.name, '42', '2'], {
      cwd: repoRoot,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const [, signal] = (await once(child, 'exit')) as [number | null, NodeJS.Signals | null];
    expect(signal).toBe('SIGKILL');
    // Nothing of that transaction stuck: not the first move, not the position.
    expect(tags.map((t) => onHand(two, t))).toEqual(before);
    expect(two.database.sqlite.prepare('SELECT read_lsn AS l FROM store_link').get()).toEqual(positionBefore);

    // Restarted on its file, the register gets the transaction again from its slot, and applies each move once.
    const reads = new StoreReads(two.database.db, two.keys);
    try {
      reads.start();
      await until(() => tags.every((t, i) => onHand(two, t) === before[i]! - 1), 10_000);
      await new Promise((r) => setTimeout(r, 1_000));
      expect(tags.map((t) => onHand(two, t))).toEqual(before.map((q) => q - 1));
      expect(two.database.sqlite.prepare('SELECT read_lsn AS l FROM store_link').get()).not.toEqual(positionBefore);
    } finally {
      await reads.stop();
    }
  });
});

describe('the store’s staff roster reaches every register', () => {
  it('added, given a new PIN or stopped at one register, a person signs in (or not) the same at the others within 2 s', async () => {
    store = await startTestStore(pg, { state: 'CA', timeZone: 'America/Los_Angeles', reads: (url) => url });
    for (const [i, keyByte] of [61, 62].entries()) registers.push(await storeRegister(store, { name: `Register ${i + 1}`, keyByte }));
    const [one, two] = registers as [StoreRegister, StoreRegister];
    for (const r of registers) r.sync.start();
    const signsIn = async (r: StoreRegister, staffId: string, pin: string) => (await r.core.send('session-sign-in', { staffId, pin })).ok;

    // Added at register 1 by its manager.
    const added = value(await one.core.send('staff-save', { displayName: 'Riley Newhire', role: 'budtender', active: true, pin: '3719' }));
    const at = performance.now();
    await until(async () => value(await two.core.send('staff-list', {})).items.some((s) => s.staffId === added.staffId), 2_000);
    expect(performance.now() - at).toBeLessThan(2_000);
    expect(await signsIn(two, added.staffId, '3719')).toBe(true);

    // A new PIN set at register 2 (by its manager) is the PIN at register 1.
    await signIn(two.core, 'manager');
    value(await two.core.send('staff-save', { staffId: added.staffId, displayName: 'Riley Newhire', role: 'lead', active: true, pin: '8264' }));
    // (Waiting on the row itself, not on sign-in attempts: wrong PINs would lock the person out.)
    await until(() => (one.database.sqlite.prepare('SELECT role FROM staff WHERE id = ?').get(added.staffId) as { role: string }).role === 'lead', 2_000);
    expect(await signsIn(one, added.staffId, '3719')).toBe(false);
    expect(await signsIn(one, added.staffId, '8264')).toBe(true);
    expect(value(await one.core.send('session-get', {})).staff).toMatchObject({ displayName: 'Riley Newhire', role: 'lead' });

    // Stopped at register 1: nobody signs in as them anywhere.
    await signIn(one.core, 'manager');
    value(await one.core.send('staff-save', { staffId: added.staffId, displayName: 'Riley Newhire', role: 'lead', active: false }));
    await until(async () => !value(await two.core.send('staff-list', {})).items.some((s) => s.staffId === added.staffId), 2_000);
    expect((await two.core.send('session-sign-in', { staffId: added.staffId, pin: '8264' })).ok).toBe(false);
    // The store's roster says the same, saved three times.
    expect((await store.database.db.execute(sql`SELECT role, active, version FROM store_staff WHERE id = ${added.staffId}`)).rows).toEqual([
      { role: 'lead', active: 0, version: 3 },
    ]);
  });
});

describe('the store’s promotions reach every register', () => {
  it('set on the store server, a promotion prices carts at every register within 2 s; ended, it prices none; a definition that does not read is refused', async () => {
    store = await startTestStore(pg, { state: 'CA', timeZone: 'America/Los_Angeles', reads: (url) => url });
    for (const [i, keyByte] of [66, 67].entries()) registers.push(await storeRegister(store, { name: `Register ${i + 1}`, keyByte }));
    for (const r of registers) await signIn(r.core, 'budtender');
    const NAME = 'Store-wide: 25 % off flower';
    const discounted = async (r: StoreRegister) => {
      const cart = value(await r.core.send('cart-open', {}));
      const view = value(await r.core.send('cart-scan', { cartId: cart.cartId, code: demoPackageTag(2) }));
      value(await r.core.send('cart-release', { cartId: cart.cartId, reason: 'price check' }));
      return (view.totals?.discounts ?? []).some((d) => d.name === NAME);
    };
    for (const r of registers) expect(await discounted(r)).toBe(false);

    const definition = { scope: { categories: ['flower'] }, kind: { type: 'percent_off', bp: 2_500 } };
    const set = performance.now();
    await setStorePromotion(store.database.db, { id: 'store-flower-25', name: NAME, definition, active: true, by: 'test' }, new Date());
    await until(async () => (await discounted(registers[0]!)) && (await discounted(registers[1]!)), 2_000);
    expect(performance.now() - set).toBeLessThan(2_000);

    // Ended on the store server: ended at every register.
    await setStorePromotion(store.database.db, { id: 'store-flower-25', name: NAME, definition, active: false, by: 'test' }, new Date());
    await until(async () => !(await discounted(registers[0]!)) && !(await discounted(registers[1]!)), 2_000);

    // A definition no register could read is refused at the server, and nothing is published.
    await expect(
      setStorePromotion(
        store.database.db,
        { id: 'store-bad', name: 'Bad', definition: { kind: { type: 'percent_off', bp: 'ten' } }, active: true, by: 'test' },
        new Date(),
      ),
    ).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    expect((await store.database.db.execute(sql`SELECT id FROM store_promotions ORDER BY id`)).rows).toEqual([{ id: 'store-flower-25' }]);
  });
});

describe('a promotion’s usage limit', () => {
  it('counts every register’s sales: two uses allowed, one at each register, and the third cart at either is priced without it', async () => {
    store = await startTestStore(pg, { state: 'CA', timeZone: 'America/Los_Angeles', reads: (url) => url });
    for (const [i, keyByte] of [76, 77].entries()) registers.push(await storeRegister(store, { name: `Register ${i + 1}`, keyByte }));
    const [one, two] = registers as [StoreRegister, StoreRegister];
    for (const r of registers) r.sync.start();
    const NAME = 'First two: 10 % off flower';
    const definition = { scope: { categories: ['flower'] }, kind: { type: 'percent_off', bp: 1_000 }, usageLimit: 2 };
    await setStorePromotion(store.database.db, { id: 'store-first-two', name: NAME, definition, active: true, by: 'test' }, new Date());
    // A cart of one flower package: whether the promotion prices it, and the cart to sell.
    const cartAt = async (r: StoreRegister) => {
      const { cartId } = value(await r.core.send('cart-open', {}));
      const view = value(await r.core.send('cart-scan', { cartId, code: demoPackageTag(2) }));
      return { cartId, promoted: (view.totals?.discounts ?? []).some((d) => d.name === NAME) };
    };
    const sell = async (r: StoreRegister, cartId: string) => {
      value(await r.core.send('customer-check-in', { cartId, saleType: 'adult', method: 'manual', id: buyer }));
      value(await r.core.send('sale-complete', { cartId, tenders: [{ tender: 'cash', tenderedCents: 500_000 }] }));
    };
    await until(async () => {
      const probe = await cartAt(one);
      value(await one.core.send('cart-release', { cartId: probe.cartId, reason: 'price check' }));
      return probe.promoted;
    }, 2_000);

    const first = await cartAt(one);
    expect(first.promoted).toBe(true);
    await sell(one, first.cartId);
    // Register 2 learns of register 1's use, and uses the last one.
    const uses = (r: StoreRegister) =>
      (r.database.sqlite.prepare("SELECT sales FROM promotion_usage WHERE promotion_id = 'store-first-two'").get() as { sales: number } | undefined)?.sales ??
      0;
    await until(() => uses(two) === 1, 2_000);
    const second = await cartAt(two);
    expect(second.promoted).toBe(true);
    await sell(two, second.cartId);

    // Both uses are the store's: neither register prices a third cart with it.
    await until(() => uses(one) === 2, 2_000);
    for (const r of registers) expect((await cartAt(r)).promoted).toBe(false);
    expect((await store.database.db.execute(sql`SELECT count(*)::int AS n FROM store_promotion_uses WHERE promotion_id = 'store-first-two'`)).rows).toEqual([
      { n: 2 },
    ]);
  });
});

describe('the settings a store’s registers share', () => {
  it('local taxes, discount ceilings, the thresholds and the ID retention window saved at one register are the settings of every register within 2 s; taxes and ceilings price its carts', async () => {
    store = await startTestStore(pg, { state: 'CA', timeZone: 'America/Los_Angeles', reads: (url) => url });
    for (const [i, keyByte] of [68, 69].entries()) registers.push(await storeRegister(store, { name: `Register ${i + 1}`, keyByte }));
    const [one, two] = registers as [StoreRegister, StoreRegister];
    for (const r of registers) r.sync.start();
    for (const r of registers) await signIn(r.core, 'manager');
    const cityTax = {
      id: 'city-cannabis-business',
      name: 'City cannabis business tax 2%',
      jurisdiction: 'City of Testville',
      rateBp: 200,
      appliesTo: 'cannabis' as const,
      medicalExempt: false,
      effectiveFrom: '2020-01-01',
      effectiveTo: null,
      citation: 'Testville Mun. Code §1 (test)',
    };
    value(await one.core.send('taxes-local-set', { taxes: [cityTax] }));
    value(await one.core.send('discount-ceilings-set', { role: 'budtender', percentBp: 1_500, amountCents: 2_000 }));
    const at = performance.now();
    await until(async () => value(await two.core.send('taxes-local-get', {})).taxes.length === 1, 2_000);
    expect(performance.now() - at).toBeLessThan(2_000);
    expect(value(await two.core.send('taxes-local-get', {})).taxes).toEqual([cityTax]);
    const cart = value(await two.core.send('cart-open', {}));
    const view = value(await two.core.send('cart-scan', { cartId: cart.cartId, code: demoPackageTag(2) }));
    expect(view.totals?.taxes.map((t) => t.name)).toContain(cityTax.name);
    await until(
      async () => value(await two.core.send('discount-ceilings-get', {})).ceilings.some((c) => c.role === 'budtender' && c.percentBp === 1_500),
      2_000,
    );
    // The thresholds a manager sets (idle carts, drawer and count variances) are the store's too.
    const thresholds = { idleCart: { openMinutes: 15, parkedMinutes: 120 }, drawerVarianceCents: 500, adjustmentApprovalCents: 2_500 };
    value(await one.core.send('store-thresholds-set', thresholds));
    await until(async () => value(await two.core.send('store-thresholds-get', {})).drawerVarianceCents === 500, 2_000);
    expect(value(await two.core.send('store-thresholds-get', {}))).toEqual(thresholds);
    // The adult-use ID retention window is the store's: chosen at one register, it is every register's (their hourly sweep applies it).
    for (const r of registers) await signIn(r.core, 'compliance_officer');
    value(await one.core.send('id-retention-set', { policy: { retain: 'days', days: 30 } }));
    await until(async () => value(await two.core.send('id-retention-get', {})).policy.retain === 'days', 2_000);
    expect(value(await two.core.send('id-retention-get', {}))).toMatchObject({ policy: { retain: 'days', days: 30 }, chosenBy: 'staff-demo-compliance' });
    // The store server keeps each save in the order received.
    expect((await store.database.db.execute(sql`SELECT key, version FROM register_settings ORDER BY key`)).rows).toEqual([
      { key: 'carts.idle_release', version: 1 },
      { key: 'compliance.adult_use_id_retention', version: 1 },
      { key: 'discounts.manual_ceilings', version: 1 },
      { key: 'drawer.variance_threshold_cents', version: 1 },
      { key: 'inventory.adjustment_approval_threshold_cents', version: 1 },
      { key: 'taxes.local', version: 1 },
    ]);
  });
});

describe('each register reads as its own PostgreSQL role', () => {
  it('retired, a register’s role and slot are gone and it reads nothing more, while the others read on', async () => {
    store = await startTestStore(pg, { state: 'CA', timeZone: 'America/Los_Angeles', reads: (url) => url });
    for (const [i, keyByte] of [71, 72].entries()) registers.push(await storeRegister(store, { name: `Register ${i + 1}`, keyByte }));
    const [one, two] = registers as [StoreRegister, StoreRegister];
    const readerOf = (r: StoreRegister) => new URL(loadStoreLink(r.database.db, r.keys)!.reads!.url).username;
    expect(readerOf(one)).toMatch(/^greentill_reads_[0-9a-f]{16}$/);
    expect(readerOf(two)).toMatch(/^greentill_reads_[0-9a-f]{16}$/);
    expect(readerOf(one)).not.toBe(readerOf(two));
    const sku = skuOf(one, 'Blue Dream 3.5g');
    await setStorePrice(store.database.db, { sku, priceCents: 4_100, by: 'test' }, new Date());
    await until(() => priceOf(one, sku) === 4_100 && priceOf(two, sku) === 4_100, 2_000);

    await storeAdmin.retire(store.database.db, loadStoreLink(one.database.db, one.keys)!.terminalId);
    const roles = await store.database.db.execute(sql`SELECT rolname FROM pg_roles WHERE rolname = ${readerOf(one)}`);
    expect(roles.rows).toEqual([]);
    await setStorePrice(store.database.db, { sku, priceCents: 4_200, by: 'test' }, new Date());
    await until(() => priceOf(two, sku) === 4_200, 2_000);
    await new Promise((r) => setTimeout(r, 3_000));
    expect(priceOf(one, sku)).toBe(4_100);
  });
});

/** A fake Metrc with one delivery of 12 of a product waiting for the store. */
const fakeMetrcDelivering = (tag: string, itemName: string, manifest: string) =>
  startFakeMetrc({
    ...testMetrcCredentials,
    transfers: [{ ManifestNumber: manifest, packages: [{ PackageLabel: tag, ItemName: itemName, ShippedQuantity: 12, ShippedUnitOfMeasureName: 'Each' }] }],
  });

/** At the back room: the delivery downloaded and its product made (sold each, $20). */
async function createProductFor(r: StoreRegister, name: string): Promise<void> {
  value(await r.core.send('receiving-download', { days: 1 }));
  const incoming = value(await r.core.send('receiving-list', { status: 'open' })).manifests[0]!.packages[0]!;
  value(
    await r.core.send('receiving-create-product', {
      incomingPackageId: incoming.id,
      name,
      brand: 'House',
      category: 'edible',
      sellingMode: 'each',
      priceCents: 2_000,
      netWeightMg: 0,
      thcMg: 100,
    }),
  );
}

/** The open delivery's package received onto the shelf. */
async function receiveOpenDelivery(r: StoreRegister): Promise<void> {
  const incoming = value(await r.core.send('receiving-list', { status: 'open' })).manifests[0]!.packages[0]!;
  value(await r.core.send('receiving-receive', { incomingPackageId: incoming.id }));
}

describe('a delivery received at one register', () => {
  it('can be sold at every register: its product and package arrive with the stock, and what any register sells moves it everywhere', async () => {
    const tag = '1A4000099100000000000042';
    metrc = await fakeMetrcDelivering(tag, 'Sour Gummies 10pk', '0001977777');
    store = await startTestStore(pg, { state: 'CA', timeZone: 'America/Los_Angeles', reads: (url) => url });
    registers.push(await storeRegister(store, { name: 'Back room', keyByte: 81, metrcUrl: metrc.url }));
    registers.push(await storeRegister(store, { name: 'Counter', keyByte: 82 }));
    const [backRoom, counter] = registers as [StoreRegister, StoreRegister];
    for (const r of registers) r.sync.start();

    await createProductFor(backRoom, 'Sour Gummies 10pk');
    // Ten gummies a pack (set as a catalog editor would): the dose per piece travels with the product.
    backRoom.database.sqlite.prepare("UPDATE products SET pieces_per_unit = 10 WHERE name = 'Sour Gummies 10pk'").run();
    await receiveOpenDelivery(backRoom);

    // The counter never received it, yet within 2 s it holds the package, 12 on hand, and sells one.
    await until(() => onHandOrNull(counter, tag) === 12, 2_000);
    expect(counter.database.sqlite.prepare("SELECT pieces_per_unit AS n FROM products WHERE name = 'Sour Gummies 10pk'").get()).toEqual({ n: 10 });
    const { cartId } = value(await counter.core.send('cart-open', {}));
    const scanned = value(await counter.core.send('cart-scan', { cartId, code: tag, quantity: 1 }));
    expect(scanned.lines).toEqual([expect.objectContaining({ name: 'Sour Gummies 10pk', unitPriceCents: 2_000 })]);
    value(await counter.core.send('customer-check-in', { cartId, saleType: 'adult', method: 'manual', id: buyer }));
    value(await counter.core.send('sale-complete', { cartId, tenders: [{ tender: 'cash', tenderedCents: 500_000 }] }));
    await until(() => onHandOrNull(backRoom, tag) === 11, 2_000);
    expect(onHandOrNull(counter, tag)).toBe(11);
  });
});

describe('a quality hold placed at one register', () => {
  it('is refused at every register within 2 s, and sells everywhere again once released', async () => {
    store = await startTestStore(pg, { state: 'CA', timeZone: 'America/Los_Angeles', reads: (url) => url });
    for (const [i, keyByte] of [91, 92].entries()) registers.push(await storeRegister(store, { name: `Register ${i + 1}`, keyByte }));
    const [one, two] = registers as [StoreRegister, StoreRegister];
    for (const r of registers) r.sync.start();
    const tag = packageTagOf(two, 'Blue Dream 3.5g');
    const scanAtTwo = async () => {
      const { cartId } = value(await two.core.send('cart-open', {}));
      const scanned = await two.core.send('cart-scan', { cartId, code: tag, quantity: 1 });
      await two.core.send('cart-release', { cartId, reason: 'Test scan' });
      return scanned;
    };
    const heldAtTwo = () => (two.database.sqlite.prepare('SELECT count(*) AS n FROM product_holds WHERE released_at IS NULL').get() as { n: number }).n;
    expect((await scanAtTwo()).ok).toBe(true);

    // The whole batch held at register 1 (a customer's complaint about mould).
    const held = value(await one.core.send('qa-hold-place', { scope: 'batch', packageTag: tag, reason: 'Mould reported by a customer' }));
    await until(() => heldAtTwo() === 1, 2_000);
    expect(await scanAtTwo()).toMatchObject({ ok: false, error: { code: 'PACKAGE_HELD', message: expect.stringContaining('Mould reported by a customer') } });

    // Released at register 1 after the lab cleared it: register 2 sells it again.
    value(await one.core.send('qa-hold-release', { holdId: held.holdId, note: 'Lab retest passed' }));
    await until(() => heldAtTwo() === 0, 2_000);
    expect((await scanAtTwo()).ok).toBe(true);
  });
});

describe('a register paired after the store has been running', () => {
  it('reads at its first start what the store published before it paired — once, at the slot’s consistent point — and the stream goes on from there', async () => {
    const tag = '1A4000099100000000000077';
    metrc = await fakeMetrcDelivering(tag, 'Late Gummies 10pk', '0001988888');
    store = await startTestStore(pg, { state: 'CA', timeZone: 'America/Los_Angeles', reads: (url) => url });
    registers.push(await storeRegister(store, { name: 'Back room', keyByte: 91, metrcUrl: metrc.url }));
    const [backRoom] = registers as [StoreRegister];
    backRoom.sync.start();

    // Months of running, in short: a delivery received and one of it sold, a person hired, thresholds, a price and a promotion.
    await createProductFor(backRoom, 'Late Gummies 10pk');
    await receiveOpenDelivery(backRoom);
    value(await sellTo(backRoom, buyer, 'Late Gummies 10pk'));
    const blueDream = packageTagOf(backRoom, 'Blue Dream 3.5g');
    value(await sellTo(backRoom, buyer, 'Blue Dream 3.5g'));
    const hired = value(await backRoom.core.send('staff-save', { displayName: 'Avery Early', role: 'budtender', active: true, pin: '4826' }));
    const thresholds = { idleCart: { openMinutes: 20, parkedMinutes: 90 }, drawerVarianceCents: 300, adjustmentApprovalCents: 7_500 };
    value(await backRoom.core.send('store-thresholds-set', thresholds));
    const sku = skuOf(backRoom, 'OG Kush 3.5g');
    await setStorePrice(store.database.db, { sku, priceCents: 3_333, by: 'test' }, new Date());
    const storeHas = async (query: ReturnType<typeof sql>) => ((await store.database.db.execute(query)).rows[0] as { n: number }).n;
    await until(
      async () =>
        (await storeHas(sql`SELECT count(*)::int AS n FROM stock_moves`)) === 3 &&
        (await storeHas(sql`SELECT count(*)::int AS n FROM store_staff WHERE id = ${hired.staffId}`)) === 1 &&
        (await storeHas(sql`SELECT count(*)::int AS n FROM register_settings`)) === 3,
      10_000,
    );

    // That was the morning: the counter pairs an hour later, and nothing of it was ever streamed to it.
    await store.database.db.execute(sql`UPDATE stock_moves SET at = at - interval '1 hour'`);
    registers.push(await storeRegister(store, { name: 'Counter', keyByte: 92 }));
    const counter = registers[1]!;
    const blueDreamBefore = onHand(counter, blueDream);
    counter.sync.start();
    await until(() => onHandOrNull(counter, tag) !== null, 10_000);
    // The delivery it never received: the package with its history (12 in, 1 sold), once.
    expect(onHandOrNull(counter, tag)).toBe(11);
    expect(value(await counter.core.send('staff-list', {})).items.map((s) => s.staffId)).toContain(hired.staffId);
    expect(value(await counter.core.send('store-thresholds-get', {}))).toEqual(thresholds);
    expect(priceOf(counter, sku)).toBe(3_333);
    // A package it already held keeps its own count: the store's earlier moves of it are not replayed onto it.
    expect(onHand(counter, blueDream)).toBe(blueDreamBefore);
    expect(counter.database.sqlite.prepare('SELECT read_lsn AS l FROM store_link').get()).toEqual({ l: expect.stringMatching(/^[0-9A-F]+\/[0-9A-F]+$/) });

    // From there the stream: the next sale at the back room moves the counter's shelf by exactly one.
    value(await sellTo(backRoom, buyer, 'Late Gummies 10pk'));
    await until(() => onHandOrNull(counter, tag) === 10, 2_000);
    await new Promise((r) => setTimeout(r, 1_000));
    expect(onHandOrNull(counter, tag)).toBe(10);
  });
});
