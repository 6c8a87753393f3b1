import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { findMigrationsFolder } from '../../src/main/platform/config/paths';
import { createCore } from '../../src/main/core/create-core';
import { openDatabase, type RegisterDatabase } from '../../src/main/platform/db/open';
import { seedDemoStore, DEMO_STAFF, DEMO_STORE_ID } from '../../src/main/features/demo/seed';
import { simulateSales } from '../../src/main/core/simulate-sales';
import { Dispatcher } from '../../src/main/features/sync/dispatcher';
import { metrcLane } from '../../src/main/features/sync/metrc-lane';
import { BENCH_MASTER_KEY, benchPiiKeys, dataDir, GENERATOR_VERSION } from '../generate';
import type { Figure } from '../result';
import { copyToScratch } from '../scratch';
import { CoreProcess } from '../../src/main/core/process/core-process';
import { saveMetrcSettings } from '../../src/main/features/sync/metrc-settings';

/**
 * Figure 4: replay of a backlog of queued receipts (sales rung offline
 * through the register's own commands) to the fake Metrc on loopback, at
 * 0 ms and at an added latency per request; with the register process's
 * event-loop delay while it replays (the fake server runs in another process).
 */
export async function outboxReplay(receipts: number, latenciesMs: readonly number[]): Promise<Figure[]> {
  const source = await backlogDatabase(receipts);
  const figures: Figure[] = [];
  for (const latencyMs of latenciesMs) figures.push(await replayOnce(source, receipts, latencyMs));
  figures.push(await hostDuringCoreProcessReplay(source, receipts));
  return figures;
}

/**
 * Issue #19: the same full-speed replay (0 ms latency) run by the core in its
 * own process, while this process plays the host (it polls the sync status as
 * the screen does): the host's event-loop delay, beside the in-process figure
 * above. What a window would feel while the register catches up.
 */
export async function hostDuringCoreProcessReplay(source: string, receipts: number): Promise<Figure> {
  const path = copyToScratch(source, 'replay-core-process');
  const server = await startServer(0);
  const credentials = { licenseNumber: 'C10-0000786-LIC', vendorKey: 'bench-vendor-key', userKey: 'bench-user-key' };
  const database = openDatabase({ path, migrationsFolder: findMigrationsFolder() });
  const queued = queuedReceipts(database);
  saveMetrcSettings(database.db, benchPiiKeys, DEMO_STORE_ID, { baseUrl: server.url, apiVersion: 'v2', enabled: true, ...credentials }, null, new Date());
  database.close();
  const manager = DEMO_STAFF.find((s) => s.role === 'manager');
  const loop = monitorEventLoopDelay({ resolution: 1 });
  const start = process.hrtime.bigint();
  const core = await CoreProcess.start({
    entry: join(import.meta.dirname, '..', '..', 'src', 'main', 'entries', 'core-process', 'main.ts'),
    execArgv: ['--import', 'tsx'],
    start: {
      databasePath: path,
      migrationsFolder: findMigrationsFolder(),
      key: { kind: 'bytes', base64: BENCH_MASTER_KEY.toString('base64') },
      demo: false,
      startSync: true,
      openDevices: false,
    },
  });
  try {
    await core.invoke('session-sign-in', { staffId: manager?.id, pin: manager?.pin });
    loop.enable();
    for (;;) {
      const status = (await core.invoke('sync-status', {})) as { ok: boolean; value?: { backlog: number } };
      if (status.ok && status.value?.backlog === 0) break;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    loop.disable();
    const seconds = Number(process.hrtime.bigint() - start) / 1e9;
    return {
      id: 'host_event_loop_core_process_replay',
      title: 'Host event-loop delay while the core, in its own process, replays at full speed (0 ms latency)',
      unit: 'ms',
      samples: loop.count,
      p50: delayMs(loop.percentile(50)),
      p99: delayMs(loop.percentile(99)),
      max: delayMs(loop.max),
      dataSize: { receipts, outboxItems: queued },
      extra: { seconds: Math.round(seconds * 100) / 100 },
      goal: { metric: 'p99', kind: 'at most' as const, limit: 2 },
    };
  } finally {
    await core.stop();
    server.child.kill('SIGTERM');
  }
}

async function replayOnce(source: string, receipts: number, latencyMs: number): Promise<Figure> {
  const path = copyToScratch(source, `replay-${latencyMs}`);
  const database = openDatabase({ path, migrationsFolder: findMigrationsFolder() });
  const server = await startServer(latencyMs);
  try {
    const lane = metrcLane(
      { baseUrl: server.url, apiVersion: 'v2', licenseNumber: 'C10-0000786-LIC', vendorKey: 'bench-vendor-key', userKey: 'bench-user-key' },
      benchPiiKeys,
    );
    const dispatcher = new Dispatcher({ db: database.db, adapters: [lane] });
    const queued = queuedReceipts(database);
    const loop = monitorEventLoopDelay({ resolution: 1 });
    loop.enable();
    const start = process.hrtime.bigint();
    const result = await dispatcher.drain('metrc', 30 * 60_000);
    const seconds = Number(process.hrtime.bigint() - start) / 1e9;
    loop.disable();
    if (result.pending !== 0 || result.deadLettered !== 0) throw new Error(`replay did not finish cleanly: ${JSON.stringify(result)}`);
    return {
      id: `outbox_replay_${latencyMs}ms`,
      title: `Outbox replay to fake Metrc on loopback, ${latencyMs} ms added latency per request (event-loop delay in extra)`,
      unit: 'items/s',
      samples: queued,
      p50: Math.round(queued / seconds),
      dataSize: { receipts, outboxItems: queued, batchSize: lane.batchSize, inFlight: lane.inFlight, latencyMs },
      extra: {
        seconds: Math.round(seconds * 100) / 100,
        eventLoopDelayP50Ms: delayMs(loop.percentile(50)),
        eventLoopDelayP99Ms: delayMs(loop.percentile(99)),
        eventLoopDelayMaxMs: delayMs(loop.max),
      },
      // At 50 ms a round trip, 90 % of what the fake Metrc allows (about 1,200 items/s: ten per write, rate-limited reads only). The fake
      // limits no writes (nor does Metrc's documentation); the 1,200 is about what ten requests at a time carry with this mix (a receipt
      // POST of ten, or one void or return each): ~1,650 requests for 10,613 items, 10 at a time at ~52 ms ≈ 1,240 items/s.
      ...(latencyMs === 50 ? { goal: { metric: 'p50', kind: 'at least' as const, limit: 1_080 } } : {}),
    };
  } finally {
    server.child.kill('SIGTERM');
    database.close();
  }
}

/** N sales rung offline through the register's commands (mixed products, tenders, a few voids and returns); built once and cached. */
export async function backlogDatabase(receipts: number): Promise<string> {
  const path = join(dataDir, `backlog-v${GENERATOR_VERSION}-${receipts}.sqlite`);
  if (existsSync(path)) return path;
  mkdirSync(dirname(path), { recursive: true });
  const building = `${path}.building`;
  for (const suffix of ['', '-wal', '-shm']) rmSync(`${building}${suffix}`, { force: true });
  const database = openDatabase({ path: building, migrationsFolder: findMigrationsFolder() });
  seedDemoStore(database.db, benchPiiKeys, new Date('2026-01-01T00:00:00Z'));
  await simulateSales(createCore({ database, piiKeys: benchPiiKeys }), database.db, { count: receipts, seed: 2026 });
  database.sqlite.pragma('wal_checkpoint(TRUNCATE)');
  database.close();
  renameSync(building, path);
  return path;
}

function startServer(latencyMs: number): Promise<{ url: string; child: ChildProcess }> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      join(import.meta.dirname, '..', '..', 'node_modules', '.bin', 'tsx'),
      [join(import.meta.dirname, '..', 'fake-metrc-server.ts'), String(latencyMs)],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    child.stdout?.once('data', (chunk: Buffer) => resolve({ url: chunk.toString('utf8').trim(), child }));
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`fake Metrc exited (${String(code)})`)));
  });
}

/** What waits for Metrc in a replay's database. */
function queuedReceipts(database: RegisterDatabase): number {
  return (database.sqlite.prepare("SELECT count(*) AS n FROM outbox WHERE destination = 'metrc' AND status = 'pending'").get() as { n: number }).n;
}

/** An event-loop histogram's nanoseconds as milliseconds of delay: it records each 1 ms tick's full interval, so the tick is taken off. */
function delayMs(ns: number): number {
  return Math.max(0, Math.round((ns - 1e6) / 1e4) / 100);
}
