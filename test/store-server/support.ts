import { join } from 'node:path';
import pg from 'pg';
import { startStoreServer, type StoreServer } from '../../src/store-server/app';
import { createPairingCode } from '../../src/store-server/features/pairing';
import { writeStoreSetting } from '../../src/store-server/features/store-settings';
import { pairWithStoreServer, StoreClient } from '../../src/main/features/store-link/store-client';
import { repoRoot } from '../support/cli';
import { tempDir } from '../support/temp-db';
import type { TestPostgres } from '../support/postgres';
import type { MetrcReporterTuning } from '../../src/store-server/features/metrc-reporter';
import type { RelayPullerTuning } from '../../src/store-server/features/order-relay';

/** The Metrc reporter's timings in a test: a dead reporter's job comes back in seconds, an outage pauses it a moment. */
export const FAST_REPORTER: Partial<MetrcReporterTuning> = { expireInSeconds: 5, retryDelaySeconds: 1, pollMs: 100, abortAfterMs: 3_000, maxPauseMs: 200 };

/** The order relay puller's pace in a test: an order reaches the registers well within the 2 s the store promises. */
export const FAST_RELAY_PULL: Partial<RelayPullerTuning> = { intervalMs: 200 };

export const storeMigrations = join(repoRoot, 'migrations-store');

let databases = 0;

/**
 * Replication slots belong to the whole test cluster, not to the store's
 * database: a store's registers' slots (their streams stopped before the
 * store) go with it, so a long test file never runs out of them.
 */
async function dropSlotsOf(url: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query('SELECT pg_drop_replication_slot(slot_name) FROM pg_replication_slots WHERE database = current_database() AND NOT active');
  } finally {
    await client.end();
  }
}

/** A store server on loopback over a fresh database in the test cluster, set up as a Colorado store. */
export async function startTestStore(
  pg: TestPostgres,
  /** `reads`: the read path's address registers get (given the store database's URL), e.g. through a fault proxy. */
  options: {
    state?: string;
    timeZone?: string;
    reads?: (databaseUrl: string) => Promise<string> | string;
    /** The store's licence (the fake Metrc's, for a store whose reporter reports there). */
    licence?: string;
    reporter?: Partial<MetrcReporterTuning>;
    relayPull?: Partial<RelayPullerTuning>;
  } = {},
): Promise<StoreServer & { dataDir: string; databaseUrl: string; dispose(): Promise<void>; cleanup(): void }> {
  const url = await pg.createDatabase(`store_${process.pid}_${++databases}`);
  const dir = tempDir('greentill-store-');
  const readsUrl = options.reads === undefined ? null : await options.reads(url);
  const server = await startStoreServer({
    databaseUrl: url,
    dataDir: dir.path,
    migrationsFolder: storeMigrations,
    host: '127.0.0.1',
    port: 0,
    readsUrl,
    reporter: options.reporter ?? FAST_REPORTER,
    relayPull: options.relayPull ?? FAST_RELAY_PULL,
  });
  await writeStoreSetting(
    server.database.db,
    'store',
    { state: options.state ?? 'CO', timeZone: options.timeZone ?? 'America/Denver', licence: options.licence ?? '402R-00001' },
    new Date(),
  );
  return Object.assign(server, {
    dataDir: dir.path,
    databaseUrl: url,
    dispose: async () => {
      await server.close();
      await dropSlotsOf(url);
      dir.cleanup();
    },
    /** Its folder only (for a test that stopped the server itself). */
    cleanup: () => dir.cleanup(),
  });
}

/** A terminal paired with the store through the real pairing exchange. */
export async function pairedClient(store: StoreServer, name = 'Register'): Promise<StoreClient> {
  const { code } = await createPairingCode(store.database.db, new Date());
  return new StoreClient(await pairWithStoreServer(store.url, code, name));
}

/** A second store-core on the same store's database and data folder (a failover box, the service started twice): a second Metrc reporter. */
export function secondStoreCore(store: { databaseUrl: string; dataDir: string }): Promise<StoreServer> {
  // (its relay puller too: a second puller stores nothing twice)
  return startStoreServer({
    databaseUrl: store.databaseUrl,
    dataDir: store.dataDir,
    migrationsFolder: storeMigrations,
    host: '127.0.0.1',
    port: 0,
    reporter: FAST_REPORTER,
    relayPull: FAST_RELAY_PULL,
  });
}
