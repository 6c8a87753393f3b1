import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { startTestPostgres, type TestPostgres } from '../support/postgres';
import { startFakeMetrc, type FakeMetrc } from '../support/fake-metrc';
import { testMetrcCredentials } from '../support/metrc-lane';
import { until } from '../support/store-register';
import { secondStoreCore, startTestStore } from './support';
import type { StoreServer } from '../../src/store-server/app';
import { applyStoreCommand } from '../../src/store-server/features/store-commands';
import { metrcStatus, resolveParkedReport, retryParkedReports, setMetrcConnection } from '../../src/store-server/features/metrc-reports';
import { metrcQueueName } from '../../src/store-server/features/metrc-jobs';
import { loadOrCreateSealingKey } from '../../src/store-server/sealing';
import type { Terminal } from '../../src/store-server/features/terminals';
import type { StoreCommand } from '../../src/shared/contract/store-server';
import type { SaleReceiptRecord } from '../../src/shared/contract/metrc-messages';

/**
 * Issue #20, "Metrc from one place": what registers hand over reaches Metrc
 * through the store's pg-boss queue, one request out at a time for the
 * licence however many store-cores run, each sale exactly once — through
 * Metrc's 500s, 429s and answers lost after it stored the receipt.
 */

let pg_: TestPostgres;
let metrc: FakeMetrc;

beforeAll(async () => {
  pg_ = await startTestPostgres();
  metrc = await startFakeMetrc({ ...testMetrcCredentials, latencyMs: 5 });
}, 60_000);

afterAll(async () => {
  await metrc?.close();
  pg_?.stop();
});

const terminal = { id: 'T-reporter-test' } as Terminal;

function receipt(saleId: string, n: number, customerType: 'adult' | 'medical' = 'adult'): SaleReceiptRecord {
  return {
    saleId,
    saleNumber: `R-${n}`,
    completedAt: new Date().toISOString(),
    timeZone: 'America/Denver',
    customerType,
    patientLicenseNumberSealed: null,
    caregiverLicenseNumberSealed: null,
    lines: [
      { packageTag: `1A4000000000000000${String(100_000 + n)}`, quantity: 1, unit: 'each', grossCents: 2_000, discountCents: 0, netCents: 2_000, taxes: [] },
    ],
  };
}

function report(kind: 'receipt.create' | 'receipt.void', record: SaleReceiptRecord, extra: Partial<StoreCommand> = {}): StoreCommand {
  return {
    type: 'metrc.report',
    key: `metrc:${kind}:${record.saleId}`,
    kind,
    aggregateId: record.saleId,
    payload: kind === 'receipt.create' ? record : { saleId: record.saleId, reason: 'Rung twice' },
    receipt: kind === 'receipt.create' ? null : record,
    receiptId: null,
    earlier: [],
    priorAttempts: 0,
    firstAttemptAt: null,
    createdAt: new Date().toISOString(),
    registrations: { patient: record.customerType === 'medical' ? 'PAT-0042' : null, caregiver: null },
    ...extra,
  } as StoreCommand;
}

/** Samples how many of the queue's jobs are active at once, the whole time the test runs. */
function sampleActive(url: string, queue: string): { stop(): Promise<number> } {
  const client = new pg.Client({ connectionString: url });
  let max = 0;
  let running = true;
  const loop = (async () => {
    await client.connect();
    while (running) {
      const { rows } = await client.query<{ n: number }>("SELECT count(*)::int AS n FROM pgboss.job WHERE name = $1 AND state = 'active'", [queue]);
      max = Math.max(max, rows[0]?.n ?? 0);
      await new Promise((r) => setTimeout(r, 10));
    }
    await client.end();
  })();
  return {
    stop: async () => {
      running = false;
      await loop;
      return max;
    },
  };
}

describe("the store's Metrc reporter", () => {
  it('two store-cores started at once: one job active at a time, each sale exactly once through 500s, 429s and lost answers', async () => {
    const store = await startTestStore(pg_, { licence: testMetrcCredentials.licenseNumber });
    // A second store-core on the same database and data folder (a failover box, the service started twice).
    const second: StoreServer = await secondStoreCore(store);
    try {
      const sealing = loadOrCreateSealingKey(store.dataDir);
      const sales = Array.from({ length: 80 }, (_, n) => receipt(randomUUID(), n, n % 10 === 0 ? 'medical' : 'adult'));
      const voided = sales.filter((_, n) => n % 8 === 3);
      for (const sale of sales) await applyStoreCommand(store.database.db, sealing, terminal, report('receipt.create', sale), new Date());
      for (const sale of voided) await applyStoreCommand(store.database.db, sealing, terminal, report('receipt.void', sale), new Date());
      // Handed over twice (a register whose answer was lost): kept once.
      const again = await applyStoreCommand(store.database.db, sealing, terminal, report('receipt.create', sales[0]!), new Date());
      expect(again.applied).toBe(false);

      // Registration numbers are not kept in clear.
      const raw = await store.database.db.execute(sql`SELECT item::text AS item FROM metrc_reports`);
      expect((raw.rows as Array<{ item: string }>).some((r) => r.item.includes('PAT-0042'))).toBe(false);

      metrc.setFaults({ seed: 7, error500: 0.08, rateLimit429: 0.08, commitThenDrop: 0.1 });
      const sampler = sampleActive(store.databaseUrl, metrcQueueName(testMetrcCredentials.licenseNumber));
      // Both reporters see the licence set up on their next pass: they start at once.
      await setMetrcConnection(store.database.db, sealing, { baseUrl: metrc.url, apiVersion: 'v2', ...testMetrcCredentials, enabled: true }, new Date());
      await until(async () => (await metrcStatus(store.database.db)).reports.delivered === sales.length + voided.length, 90_000);
      const maxActive = await sampler.stop();

      expect(metrc.stats.faultsInjected).toBeGreaterThan(5);
      expect(maxActive).toBe(1);
      const reported = metrc.receipts();
      expect(reported.map((r) => r.ExternalReceiptNumber).sort()).toEqual(sales.map((s) => s.saleId).sort());
      const archived = new Set(reported.filter((r) => r.ArchivedDate !== null).map((r) => r.ExternalReceiptNumber));
      expect(archived).toEqual(new Set(voided.map((s) => s.saleId)));
      expect(reported.filter((r) => r.SalesCustomerType === 'Patient').every((r) => r.PatientLicenseNumber === 'PAT-0042')).toBe(true);
      // Answers lost after Metrc stored the receipt were found by the lookup, not posted again.
      const status = await metrcStatus(store.database.db);
      expect(status).toMatchObject({ reports: { queued: 0, parked: 0 }, jobs: { queued: 0, active: 0, failed: 0 } });
      const confirmed = await store.database.db.execute(sql`SELECT count(*)::int AS n FROM metrc_reports WHERE confirmed_by_lookup`);
      expect((confirmed.rows[0] as { n: number }).n).toBeGreaterThan(0);
      const reporters = await store.database.db.execute(sql`SELECT DISTINCT reported_by FROM metrc_reports`);
      expect(reporters.rows.length).toBeGreaterThanOrEqual(1);
    } finally {
      metrc.setFaults({});
      await second.close();
      await store.dispose();
    }
  }, 120_000);

  it('parks what Metrc refuses (wrong keys park the queue; a void waits behind its parked receipt); one retry after the keys are fixed sends each once; a bad row is resolved by hand', async () => {
    const store = await startTestStore(pg_, { licence: testMetrcCredentials.licenseNumber });
    try {
      const sealing = loadOrCreateSealingKey(store.dataDir);
      const connection = { baseUrl: metrc.url, apiVersion: 'v2', ...testMetrcCredentials, enabled: true };
      const sales = Array.from({ length: 6 }, (_, n) => receipt(randomUUID(), 500 + n));
      for (const sale of sales) await applyStoreCommand(store.database.db, sealing, terminal, report('receipt.create', sale), new Date());
      await applyStoreCommand(store.database.db, sealing, terminal, report('receipt.void', sales[1]!), new Date());
      const before = metrc.receipts().length;

      // Expired keys: Metrc refuses every receipt; the void waits behind its receipt, unsent.
      await setMetrcConnection(store.database.db, sealing, { ...connection, userKey: 'expired-user-key' }, new Date());
      await until(async () => (await metrcStatus(store.database.db)).reports.parked === sales.length, 30_000);
      const parked = await metrcStatus(store.database.db);
      expect(parked.reports).toMatchObject({ queued: 1, delivered: 0 });
      expect(parked.parked[0]?.error).toContain('API keys');
      expect(metrc.receipts().length).toBe(before);

      await setMetrcConnection(store.database.db, sealing, connection, new Date());
      expect(await retryParkedReports(store.database.db, 'all')).toEqual({ retried: sales.length });
      await until(async () => (await metrcStatus(store.database.db)).reports.delivered === sales.length + 1, 30_000);
      const mine = metrc.receipts().filter((r) => sales.some((s) => s.saleId === r.ExternalReceiptNumber));
      expect(mine.map((r) => r.ExternalReceiptNumber).sort()).toEqual(sales.map((s) => s.saleId).sort());
      expect(mine.find((r) => r.ExternalReceiptNumber === sales[1]!.saleId)?.ArchivedDate).not.toBeNull();

      // A row Metrc refuses (no such package) is parked with Metrc's words, and settled by hand.
      const bad = { ...receipt(randomUUID(), 600), lines: [{ ...receipt('x', 0).lines[0]!, packageTag: 'not-a-package' }] };
      await applyStoreCommand(store.database.db, sealing, terminal, report('receipt.create', bad), new Date());
      await until(async () => (await metrcStatus(store.database.db)).reports.parked === 1, 30_000);
      expect((await metrcStatus(store.database.db)).parked[0]?.error).toContain('does not exist');
      await resolveParkedReport(store.database.db, `metrc:receipt.create:${bad.saleId}`, 'Entered on the Metrc site', new Date());
      expect((await metrcStatus(store.database.db)).reports).toMatchObject({ parked: 0, resolved: 1 });
    } finally {
      await store.dispose();
    }
  }, 90_000);
});
