import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { startTestPostgres, type TestPostgres } from '../../../support/postgres';
import { startFakeMetrc, type FakeMetrc } from '../../../support/fake-metrc';
import { testMetrcCredentials } from '../../../support/metrc-lane';
import { sellTo, storeRegister, until, type StoreRegister, type TypedId } from '../../../support/store-register';
import { value } from '../../../support/result';
import { signIn } from '../../../support/session';
import { startTestStore } from '../../../store-server/support';
import { metrcStatus, setMetrcConnection } from '../../../../src/store-server/features/metrc-reports';
import { loadOrCreateSealingKey } from '../../../../src/store-server/sealing';

/**
 * Issue #20: a register that joins a store hands over what it had not yet
 * delivered to Metrc — never sent, or sent with its answer lost — and the
 * store's reporter sends it without anything reaching Metrc twice; what the
 * register had delivered itself stays delivered, and a void of such a sale
 * goes with that receipt's Metrc Id.
 */

let pg: TestPostgres;
let metrc: FakeMetrc;
let store: Awaited<ReturnType<typeof startTestStore>>;
let register: StoreRegister;

beforeAll(async () => {
  pg = await startTestPostgres();
  metrc = await startFakeMetrc({ ...testMetrcCredentials });
  store = await startTestStore(pg, { state: 'CA', timeZone: 'America/Los_Angeles', licence: testMetrcCredentials.licenseNumber });
  await setMetrcConnection(
    store.database.db,
    loadOrCreateSealingKey(store.dataDir),
    { baseUrl: metrc.url, apiVersion: 'v2', ...testMetrcCredentials, enabled: true },
    new Date(),
  );
  register = await storeRegister(store, { name: 'Register 1', keyByte: 31, paired: false, metrcUrl: metrc.url, state: 'CA', timeZone: 'America/Los_Angeles' });
}, 120_000);

afterAll(async () => {
  await register?.close();
  await store?.dispose();
  await metrc?.close();
  pg?.stop();
});

const buyer: TypedId = { idNumber: 'J7770001', firstName: 'June', lastName: 'Park', dateOfBirth: '1980-02-02', expiry: '2031-01-01', issuer: 'CA' };

function metrcRows(): Array<{ saleId: string; kind: string; status: string; attempts: number }> {
  return register.database.sqlite
    .prepare("SELECT aggregate_id AS saleId, kind, status, attempts FROM outbox WHERE destination = 'metrc' ORDER BY id")
    .all() as Array<{ saleId: string; kind: string; status: string; attempts: number }>;
}

async function sale(): Promise<string> {
  return value(await sellTo(register, buyer, 'Hemp Rolling Papers')).saleId;
}

describe('a register joining a store', () => {
  it('hands over what Metrc had not confirmed, and Metrc holds each sale once: delivered before, answer lost, never sent, a void of a delivered sale', async () => {
    // Alone, Metrc answering: two sales delivered by the register itself.
    register.sync.start();
    const delivered = [await sale(), await sale()];
    await until(() => metrcRows().filter((r) => r.status === 'done').length === 2);
    await register.sync.stop();
    // A void of a delivered sale, not yet sent.
    value(await register.core.send('sale-void', { saleId: delivered[0]!, reason: 'Rung twice' }));

    // Metrc stores two more receipts but the answers are lost: the register does not know they arrived.
    const lost = [await sale(), await sale()];
    metrc.setFaults({ commitThenDrop: 1 });
    register.sync.start();
    await until(() => metrcRows().filter((r) => lost.includes(r.saleId) && r.attempts > 0).length === 2);
    await register.sync.stop();
    expect(
      metrcRows()
        .filter((r) => lost.includes(r.saleId))
        .map((r) => r.status),
    ).toEqual(['pending', 'pending']);
    expect(metrc.receipts().filter((r) => lost.includes(r.ExternalReceiptNumber))).toHaveLength(2);

    // Metrc unreachable: one more sale, never sent.
    await metrc.stop();
    const unsent = await sale();
    await metrc.start();
    metrc.setFaults({});

    // Joining the store: the register's state lane now hands over to the store's reporter.
    await register.pair();
    await until(() => metrcRows().every((r) => r.status === 'done'), 20_000);
    await until(async () => (await metrcStatus(store.database.db)).reports.delivered === 4, 20_000);

    const reported = metrc.receipts();
    expect(reported.map((r) => r.ExternalReceiptNumber).sort()).toEqual([...delivered, ...lost, unsent].sort());
    expect(reported.find((r) => r.ExternalReceiptNumber === delivered[0])?.ArchivedDate).not.toBeNull();
    // Only what was not yet delivered went to the server; the receipts whose answers were lost were found, not posted again.
    const reports = await store.database.db.execute(
      sql`SELECT kind, aggregate_id, prior_attempts, confirmed_by_lookup, receipt_id FROM metrc_reports ORDER BY seq`,
    );
    const rows = reports.rows as Array<{ kind: string; aggregate_id: string; prior_attempts: number; confirmed_by_lookup: boolean; receipt_id: string | null }>;
    expect(rows.map((r) => `${r.kind}:${r.aggregate_id}`).sort()).toEqual(
      [`receipt.void:${delivered[0]}`, ...lost.map((id) => `receipt.create:${id}`), `receipt.create:${unsent}`].sort(),
    );
    expect(rows.filter((r) => lost.includes(r.aggregate_id)).every((r) => r.prior_attempts > 0 && r.confirmed_by_lookup)).toBe(true);
    expect(rows.find((r) => r.aggregate_id === unsent)).toMatchObject({ prior_attempts: 0, confirmed_by_lookup: false });

    // A sale made after joining goes the same way.
    const after = await sale();
    await until(() => metrc.receipts().some((r) => r.ExternalReceiptNumber === after), 20_000);
    expect(metrc.receipts().filter((r) => r.ExternalReceiptNumber === after)).toHaveLength(1);
  }, 120_000);

  it("counts what the store's reporter still owes in the register's state backlog, and says when the server has no Metrc keys", async () => {
    const sealing = loadOrCreateSealingKey(store.dataDir);
    const connection = { baseUrl: metrc.url, apiVersion: 'v2', ...testMetrcCredentials };
    await setMetrcConnection(store.database.db, sealing, { ...connection, enabled: false }, new Date());
    const waiting = await sale();
    await until(() => metrcRows().every((r) => r.status === 'done'));
    await register.link.renew();
    const owed = value(await register.core.send('sync-status', {})).lanes.find((l) => l.destination === 'metrc');
    expect(owed).toMatchObject({ pending: 1, lastError: expect.stringContaining('store-metrc-set') });
    expect(owed?.oldestPendingAt).not.toBeNull();

    await setMetrcConnection(store.database.db, sealing, { ...connection, enabled: true }, new Date());
    await until(() => metrc.receipts().some((r) => r.ExternalReceiptNumber === waiting), 20_000);
    await register.link.renew();
    const settled = value(await register.core.send('sync-status', {})).lanes.find((l) => l.destination === 'metrc');
    expect(settled).toMatchObject({ pending: 0, oldestPendingAt: null });
    expect(settled?.lastError ?? '').not.toContain('store-metrc-set');
  }, 60_000);

  it('is not undone while a Metrc item has not reached the store server (sent again alone, it could reach Metrc twice)', async () => {
    await register.sync.stop();
    const waiting = await sale();
    // The sale's store command has gone; only its Metrc item waits to be handed over.
    const sent = register.database.sqlite.prepare("UPDATE outbox SET status = 'done' WHERE destination = 'store' AND status = 'pending'").run();
    expect(sent.changes).toBeGreaterThan(0);
    value(await register.core.send('session-sign-out', {}));
    await signIn(register.core, 'admin');
    expect(await register.core.send('store-link-unpair', {})).toMatchObject({ ok: false, error: { code: 'STORE_LINK_BUSY' } });
    register.sync.start();
    await until(() => metrcRows().every((r) => r.status === 'done'));
    await until(() => metrc.receipts().some((r) => r.ExternalReceiptNumber === waiting), 20_000);
    await until(
      () =>
        (register.database.sqlite.prepare("SELECT count(*) AS n FROM outbox WHERE destination = 'store' AND status <> 'done'").get() as { n: number }).n === 0,
    );
    expect(value(await register.core.send('store-link-unpair', {})).mode).toBe('single');
  }, 60_000);
});
