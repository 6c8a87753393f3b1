import { randomUUID } from 'node:crypto';
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { freePort, startTestPostgres, type TestPostgres } from '../support/postgres';
import { repoRoot, serverCli } from '../support/cli';
import { tempDir } from '../support/temp-db';
import { startFakeMetrc, type FakeMetrc } from '../support/fake-metrc';
import { testMetrcCredentials } from '../support/metrc-lane';
import { until } from '../support/store-register';
import { storeMigrations } from './support';
import { openStoreDatabase, type StoreDatabase } from '../../src/store-server/db/open';
import { applyStoreCommand } from '../../src/store-server/features/store-commands';
import { metrcQueueName } from '../../src/store-server/features/metrc-jobs';
import { loadOrCreateSealingKey } from '../../src/store-server/sealing';
import type { Terminal } from '../../src/store-server/features/terminals';
import type { StoreCommand } from '../../src/shared/contract/store-server';

/**
 * Issue #20, "two reporters started at once", as an admin would get it:
 * `npm run start:store` twice on one store's database and data folder.
 * One of them is SIGKILLed after Metrc stored the receipt it was sending
 * and before it could record the answer; the other takes the report over
 * once its job expires, finds the receipt by its external number, and
 * Metrc holds each sale exactly once.
 */

let pg: TestPostgres;
let url: string;
let metrc: FakeMetrc;
let database: StoreDatabase;
const data = tempDir('greentill-store-data-');
const cores: ChildProcess[] = [];

beforeAll(async () => {
  pg = await startTestPostgres();
  url = await pg.createDatabase('store_reporters');
  // Each POST is answered 300 ms after Metrc stored it: time to kill a reporter in between.
  metrc = await startFakeMetrc({ ...testMetrcCredentials, latencyMs: 300 });
}, 60_000);

afterAll(async () => {
  for (const core of cores) core.kill('SIGKILL');
  await database?.close();
  await metrc?.close();
  pg?.stop();
  data.cleanup();
});

function cli(args: string[]): Promise<unknown> {
  return serverCli(args, { DATABASE_URL: url, GREENTILL_STORE_DATA: data.path });
}

/** One store-core process (node with tsx's loader, so SIGKILL reaches the server itself); resolves when it listens. */
async function startCore(): Promise<ChildProcess> {
  const core = spawn(process.execPath, ['--import', 'tsx', join(repoRoot, 'src/store-server/start.ts')], {
    cwd: repoRoot,
    env: {
      ...process.env,
      DATABASE_URL: url,
      GREENTILL_STORE_DATA: data.path,
      GREENTILL_STORE_LISTEN: `127.0.0.1:${await freePort()}`,
      GREENTILL_STORE_METRC_EXPIRE_S: '4',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  cores.push(core);
  await new Promise<void>((resolve, reject) => {
    let err = '';
    core.stdout?.on('data', (c: Buffer) => (c.toString().includes('listening') ? resolve() : undefined));
    core.stderr?.on('data', (c: Buffer) => (err += c.toString()));
    core.once('exit', (code) => reject(new Error(`store-core exited ${code}: ${err}`)));
  });
  return core;
}

function receiptReport(saleId: string, n: number): StoreCommand {
  const record = {
    saleId,
    saleNumber: `P-${n}`,
    completedAt: new Date().toISOString(),
    timeZone: 'America/Denver',
    customerType: 'adult' as const,
    patientLicenseNumberSealed: null,
    caregiverLicenseNumberSealed: null,
    lines: [
      {
        packageTag: `1A4000000000000000${String(200_000 + n)}`,
        quantity: 1,
        unit: 'each' as const,
        grossCents: 1_500,
        discountCents: 0,
        netCents: 1_500,
        taxes: [],
      },
    ],
  };
  return {
    type: 'metrc.report',
    key: `metrc:receipt.create:${saleId}`,
    kind: 'receipt.create',
    aggregateId: saleId,
    payload: record,
    receipt: null,
    receiptId: null,
    earlier: [],
    priorAttempts: 0,
    firstAttemptAt: null,
    createdAt: new Date().toISOString(),
    registrations: { patient: null, caregiver: null },
  };
}

describe('two store-cores for one licence', () => {
  it('started at once, one killed mid-send: the other takes over and Metrc holds each sale exactly once', async () => {
    await cli(['store-setup', '--state', 'CO', '--time-zone', 'America/Denver', '--licence', testMetrcCredentials.licenseNumber]);
    expect(
      await cli(['store-metrc-set', '--metrc-url', metrc.url, '--vendor-key', testMetrcCredentials.vendorKey, '--user-key', testMetrcCredentials.userKey]),
    ).toMatchObject({ licence: testMetrcCredentials.licenseNumber, apiVersion: 'v2', enabled: true });
    // Both started at once.
    const [first, second] = await Promise.all([startCore(), startCore()]);
    database = await openStoreDatabase({ url, migrationsFolder: storeMigrations, backupDir: join(data.path, 'backups') });
    const db = database.db;
    const sealing = loadOrCreateSealingKey(data.path);
    const sales = Array.from({ length: 24 }, () => randomUUID());
    for (const [n, saleId] of sales.entries()) await applyStoreCommand(db, sealing, { id: 'T-process' } as Terminal, receiptReport(saleId, n), new Date());

    // Wait for a report that Metrc has stored but whose answer its reporter has not recorded yet, and kill that reporter.
    const queue = metrcQueueName(testMetrcCredentials.licenseNumber);
    let killed: { pid: number; saleId: string } | null = null;
    await until(async () => {
      const rows = await db.execute(sql`
        SELECT r.aggregate_id AS sale, r.reported_by AS by, r.status FROM pgboss.job j JOIN metrc_reports r ON r.key = j.data->>'key'
        WHERE j.name = ${queue} AND j.state = 'active' AND r.attempts > 0`);
      const active = rows.rows[0] as { sale: string; by: string; status: string } | undefined;
      if (active === undefined || active.status !== 'queued' || !metrc.receipts().some((r) => r.ExternalReceiptNumber === active.sale)) return false;
      const pid = Number(active.by.split(':')[1]);
      const victim = [first, second].find((c) => c.pid === pid);
      if (victim === undefined) return false;
      victim.kill('SIGKILL');
      killed = { pid, saleId: active.sale };
      return true;
    }, 30_000);
    expect(killed).not.toBeNull();

    // The survivor takes the dead reporter's report once its job expires, and finishes the queue.
    await until(async () => {
      const left = await db.execute(sql`SELECT count(*)::int AS n FROM metrc_reports WHERE status <> 'delivered'`);
      return (left.rows[0] as { n: number }).n === 0;
    }, 60_000);
    const reported = metrc.receipts().map((r) => r.ExternalReceiptNumber);
    expect(reported.sort()).toEqual([...sales].sort());
    const takenOver = await db.execute(
      sql`SELECT attempts, confirmed_by_lookup AS found, reported_by AS by FROM metrc_reports WHERE aggregate_id = ${killed!.saleId}`,
    );
    expect(takenOver.rows[0]).toMatchObject({ attempts: 2, found: true });
    expect(Number((takenOver.rows[0] as { by: string }).by.split(':')[1])).not.toBe(killed!.pid);
    const status = await cli(['store-metrc-status']);
    expect(status).toMatchObject({ reports: { queued: 0, delivered: sales.length, parked: 0 }, jobs: { queued: 0, active: 0 } });
  }, 120_000);
});
