import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MENU_LANE } from '../../../../../src/main/features/sync/lanes';
import { createCore, type Core } from '../../../../../src/main/core/create-core';
import { DEMO_STORE_ID } from '../../../../../src/main/features/demo/seed';
import { simulateSales } from '../../../../../src/main/core/simulate-sales';
import { Dispatcher } from '../../../../../src/main/features/sync/dispatcher';
import { DestinationUnavailable, PermanentRefusal } from '../../../../../src/shared/sync/lane';
import { MenuLane } from '../../../../../src/main/features/sync/menu/menu-lane';
import { startFakeMenu, type FakeMenu, type FakeMenuOptions } from '../../../../support/fake-menu';
import { fastSync } from '../../../../support/metrc-lane';
import { signIn } from '../../../../support/session';
import { openTempDatabase, testPiiKeys, type TempDatabase } from '../../../../support/temp-db';

const SECRET = 'menu-signing-secret-0001';

let database: TempDatabase;
let core: Core;
let menu: FakeMenu;

beforeEach(() => {
  database = openTempDatabase({ demo: true });
  core = createCore({ piiKeys: testPiiKeys, database });
});
afterEach(async () => {
  await menu.close();
  database.dispose();
});

const lane = (options: { secret?: string; timeoutMs?: number } = {}) =>
  new MenuLane({ endpointUrl: menu.url, secret: options.secret ?? SECRET, storeId: DEMO_STORE_ID, timeoutMs: options.timeoutMs ?? 1_000 });
const dispatcher = (options: { secret?: string; timeoutMs?: number } = {}) => new Dispatcher({ db: database.db, adapters: [lane(options)], ...fastSync });
const start = async (options: Partial<FakeMenuOptions> = {}) => (menu = await startFakeMenu({ secret: SECRET, ...options }));

interface MenuRow {
  readonly id: number;
  readonly saleId: string;
  readonly payload: string;
  readonly status: string;
  readonly error: string | null;
  readonly nextAttemptAt: number;
  readonly updatedAt: number;
}

const menuRows = () =>
  database.sqlite
    .prepare(
      'SELECT id, aggregate_id AS saleId, payload, status, last_error AS error, next_attempt_at AS nextAttemptAt, updated_at AS updatedAt FROM outbox WHERE destination = ? ORDER BY id',
    )
    .all(MENU_LANE) as MenuRow[];

/** The event id each menu item must arrive under: the sale id and its place among the sale's menu items. */
function expectedEventIds(): string[] {
  const seen = new Map<string, number>();
  return menuRows().map((row) => {
    const n = seen.get(row.saleId) ?? 0;
    seen.set(row.saleId, n + 1);
    return `${row.saleId}:${n}`;
  });
}

describe('the online menu lane', () => {
  it('delivers 200 sales made while the menu was down exactly once, in order per sale, through 500s, 429s, slow answers and commit-then-drop', async () => {
    await start();
    await menu.stop();
    const simulated = await simulateSales(core, database.db, { count: 200, seed: 5 });
    expect(simulated.voids).toBeGreaterThan(0);
    const sync = dispatcher({ timeoutMs: 250 });

    const offline = await sync.drain(MENU_LANE, 300);
    expect(offline.confirmed).toBe(0);
    expect(offline.pending).toBe(menuRows().length);
    expect(sync.connectivity(MENU_LANE)).toMatchObject({ online: false, circuit: 'open' });

    await menu.start();
    menu.setFaults({ seed: 9, error500: 0.12, rateLimit429: 0.12, commitThenDrop: 0.12, slow: 0.06, delayMs: 400, retryAfter: '0.05' });
    const result = await sync.drain(MENU_LANE, 60_000);
    expect(result).toMatchObject({ pending: 0, deadLettered: 0 });
    expect(menuRows().every((r) => r.status === 'done')).toBe(true);
    expect(menu.stats.faultsInjected).toBeGreaterThan(3);
    // Commit-then-drop and slow answers made the register send applied events again: the receiver saw them as duplicates.
    expect(menu.stats.duplicates).toBeGreaterThan(0);

    const applied = menu.applied();
    const ids = expectedEventIds();
    expect(applied).toHaveLength(ids.length);
    expect(new Set(applied.map((e) => e.id))).toEqual(new Set(ids));
    // Per sale, the sale's own change first and the void after it.
    const position = new Map(applied.map((e, index) => [e.id, index]));
    const voided = database.sqlite.prepare("SELECT id FROM sales WHERE status = 'voided'").all() as Array<{ id: string }>;
    expect(voided).toHaveLength(simulated.voids);
    for (const { id } of voided) {
      const sale = applied.find((e) => e.id === `${id}:0`);
      const voidEvent = applied.find((e) => e.id === `${id}:1`);
      expect([sale?.reason, voidEvent?.reason]).toEqual(['sale', 'void']);
      expect(position.get(`${id}:0`) ?? Infinity).toBeLessThan(position.get(`${id}:1`) ?? -1);
      // The void puts back exactly what the sale took, in the sale's units.
      expect(voidEvent?.deltas).toEqual(sale?.deltas.map((d) => ({ ...d, delta: -d.delta })));
    }
    // Every sale's change is what was sold, with its unit.
    const sold = database.sqlite
      .prepare(
        'SELECT sl.sale_id AS saleId, sl.package_tag AS packageTag, sl.quantity, p.unit FROM sale_lines sl JOIN packages p ON p.tag = sl.package_tag ORDER BY sl.sale_id, sl.line_number',
      )
      .all() as Array<{ saleId: string; packageTag: string; quantity: number; unit: string }>;
    for (const saleId of simulated.saleIds) {
      expect(applied.find((e) => e.id === `${saleId}:0`)?.deltas, saleId).toEqual(
        sold.filter((l) => l.saleId === saleId).map((l) => ({ packageTag: l.packageTag, delta: -l.quantity, unit: l.unit })),
      );
    }
  }, 120_000);

  it('parks an event the menu refuses with the menu’s words, and delivers the rest', async () => {
    const simulated = await simulateSales(core, database.db, { count: 6, seed: 3 });
    const refusedSale = simulated.saleIds[2] ?? '';
    await start({ reject: (event) => (event.saleId === refusedSale ? 'Package is not listed on this menu' : null) });

    expect(await dispatcher().drain(MENU_LANE, 10_000)).toMatchObject({ pending: 0, deadLettered: 1 });
    const rows = menuRows();
    expect(rows.filter((r) => r.status === 'dead').map((r) => [r.saleId, r.error])).toEqual([
      [refusedSale, 'The online menu refused this change: Package is not listed on this menu'],
    ]);
    expect(rows.filter((r) => r.status === 'done')).toHaveLength(rows.length - 1);
    expect(
      menu
        .applied()
        .map((e) => e.id)
        .sort(),
    ).toEqual(
      expectedEventIds()
        .filter((id) => !id.startsWith(refusedSale))
        .sort(),
    );

    // Staff sees it in the sync panel with the menu's words.
    await signIn(core, 'manager');
    const status = await core.send('sync-status', {});
    expect(status.ok && status.value.deadLetters.map((d) => [d.destination, d.kind, d.error])).toEqual([
      [MENU_LANE, 'inventory.adjust', 'The online menu refused this change: Package is not listed on this menu'],
    ]);
  }, 30_000);

  it('a batch the menu cannot read is sent event by event, so only the unreadable one is parked', async () => {
    const simulated = await simulateSales(core, database.db, { count: 5, seed: 4 });
    const unreadable = simulated.saleIds[1] ?? '';
    await start({ malformed: (event) => event.saleId === unreadable });

    expect(await dispatcher().drain(MENU_LANE, 10_000)).toMatchObject({ pending: 0, deadLettered: 1 });
    expect(
      menuRows()
        .filter((r) => r.status === 'dead')
        .map((r) => [r.saleId, r.error]),
    ).toEqual([[unreadable, `The online menu rejected the change: Event ${unreadable}:0 names a package this menu cannot read`]]);
    expect(menu.applied()).toHaveLength(menuRows().length - 1);
  }, 30_000);

  it('a wrong secret: the menu answers 401 and the items are parked telling staff to check the secret; after the fix a retry goes through', async () => {
    await simulateSales(core, database.db, { count: 3, seed: 2 });
    await start();

    const wrong = await dispatcher({ secret: 'not-the-menu-secret-000' }).drain(MENU_LANE, 10_000);
    const rows = menuRows();
    expect(wrong).toMatchObject({ pending: 0, deadLettered: rows.length });
    expect(menu.stats.unauthorized).toBeGreaterThan(0);
    expect(menu.applied()).toEqual([]);
    expect(new Set(rows.map((r) => r.error))).toEqual(
      new Set([
        'The online menu refused the register’s signature (401: Signature does not match). Check that the signing secret in Sync → Online menu is the one the menu platform shows, save it, then retry these items.',
      ]),
    );

    await signIn(core, 'manager');
    expect((await core.send('sync-retry', { itemId: rows[0]?.id ?? 0 })).ok).toBe(true);
    expect(await dispatcher().drain(MENU_LANE, 10_000)).toMatchObject({ confirmed: 1, pending: 0 });
    expect(menu.applied().map((e) => e.id)).toEqual([expectedEventIds()[0]]);

    // The rest in one step, audited once; then there is nothing left to retry.
    expect(await core.send('sync-retry-lane', { destination: MENU_LANE })).toEqual({ ok: true, value: { destination: MENU_LANE, retried: rows.length - 1 } });
    expect(await dispatcher().drain(MENU_LANE, 10_000)).toMatchObject({ confirmed: rows.length - 1, pending: 0, deadLettered: 0 });
    expect(menu.applied().map((e) => e.id)).toEqual(expectedEventIds());
    expect(
      database.sqlite.prepare("SELECT entity_id AS lane, json_extract(after, '$.retried') AS retried FROM audit_log WHERE action = 'sync.retry_lane'").all(),
    ).toEqual([{ lane: MENU_LANE, retried: rows.length - 1 }]);
    expect(await core.send('sync-retry-lane', { destination: MENU_LANE })).toMatchObject({ ok: false, error: { code: 'SYNC_NOTHING_PARKED' } });
  }, 30_000);

  it('honours Retry-After on a 429: the items wait at least that long and the circuit stays closed', async () => {
    await simulateSales(core, database.db, { count: 2, seed: 6 });
    await start({ faults: { rateLimit429: 1, retryAfter: '30' } });
    const sync = dispatcher();
    const result = await sync.drain(MENU_LANE, 2_000, false);
    expect(result).toMatchObject({ confirmed: 0, deadLettered: 0 });
    for (const row of menuRows()) {
      expect(row.status).toBe('pending');
      expect(row.nextAttemptAt - row.updatedAt).toBeGreaterThanOrEqual(30_000);
      expect(row.error).toBe('The online menu is rate limiting the register: Slow down');
    }
    expect(sync.connectivity(MENU_LANE)?.circuit).toBe('closed');
  }, 30_000);

  it('probes with a signed batch of no events: it proves the secret too', async () => {
    await start();
    await lane().probe();
    expect(menu.stats.pings).toBe(1);
    await expect(lane({ secret: 'not-the-menu-secret-000' }).probe()).rejects.toMatchObject({ name: 'PermanentRefusal', code: 'MENU_UNAUTHORIZED' });
    await menu.stop();
    const refused = await lane()
      .probe()
      .then(
        () => null,
        (error: unknown) => error,
      );
    expect(refused).toBeInstanceOf(DestinationUnavailable);
    expect(refused).toMatchObject({ reason: 'unreachable', maybeDelivered: false, message: 'The online menu could not be reached (ECONNREFUSED).' });
    expect(refused).not.toBeInstanceOf(PermanentRefusal);
  });
});
