import PgBoss from 'pg-boss';
import { serverPool } from '../server-kit/postgres';
import { grantReadersPublishedTables } from './features/store-reads';
import { openStoreDatabase, type StoreDatabase } from './db/open';
import { startStoreHttp, type StoreHttp } from './http/server';
import { loadOrCreateTls } from './tls';
import { loadOrCreateSealingKey } from './sealing';
import { closeWithin } from './shutdown';
import { MetrcReporter, type MetrcReporterTuning } from './features/metrc-reporter';
import { RelayPuller, type RelayPullerTuning } from './features/order-relay';
import { join } from 'node:path';

export interface StoreServerOptions {
  readonly databaseUrl: string;
  readonly dataDir: string;
  readonly migrationsFolder: string;
  readonly host: string;
  readonly port: number;
  /** GREENTILL_STORE_READS_URL: where registers read the store's prices (see features/store-reads.ts). */
  readonly readsUrl?: string | null;
  /** The Metrc reporter's timings (tests shorten them). */
  readonly reporter?: Partial<MetrcReporterTuning>;
  /** The order relay puller's timing (tests shorten it). */
  readonly relayPull?: Partial<RelayPullerTuning>;
}

export interface StoreServer {
  readonly database: StoreDatabase;
  readonly http: StoreHttp;
  readonly reporter: MetrcReporter;
  readonly relayPuller: RelayPuller;
  readonly fingerprint: string;
  readonly url: string;
  close(): Promise<void>;
}

/** `store-core`: the store's database (migrated under discipline), its TLS identity and sealing key, its API, its Metrc reporter and its order relay puller. */
export async function startStoreServer(options: StoreServerOptions): Promise<StoreServer> {
  const tls = await loadOrCreateTls(options.dataDir);
  const sealing = loadOrCreateSealingKey(options.dataDir);
  const database = await openStoreDatabase({
    url: options.databaseUrl,
    migrationsFolder: options.migrationsFolder,
    backupDir: join(options.dataDir, 'backups'),
  });
  const jobs = await startJobs(options.databaseUrl, options.reporter?.expireInSeconds).catch(async (error: unknown) => {
    await database.close();
    throw error;
  });
  const boss = jobs.boss;
  try {
    await grantReadersPublishedTables(database.db);
    const http = await startStoreHttp({ db: database.db, tls, sealing, host: options.host, port: options.port, readsUrl: options.readsUrl ?? null });
    const reporter = new MetrcReporter({ db: database.db, boss, key: sealing, ...(options.reporter === undefined ? {} : { tuning: options.reporter }) });
    reporter.start();
    // The store's one puller of online orders (issue #21); idle until an admin sets the relay.
    const relayPuller = new RelayPuller(database.db, sealing, options.relayPull);
    relayPuller.start();
    return {
      database,
      http,
      reporter,
      relayPuller,
      fingerprint: tls.fingerprint,
      url: `https://${options.host}:${http.port}`,
      close: async () => {
        const listener = await closeWithin(http.close());
        await closeWithin(relayPuller.stop());
        const metrc = await closeWithin(reporter.stop().then(() => jobs.close()));
        const pool = await closeWithin(database.close());
        if (listener === 'abandoned' || pool === 'abandoned' || metrc === 'abandoned')
          process.stderr.write(
            `${JSON.stringify({ stopped: { listener, metrc, pool, note: 'work still in flight was never acknowledged; registers retry it, and a report out expires and is looked up before it is sent again' } })}\n`,
          );
      },
    };
  } catch (error) {
    await jobs.close();
    await database.close();
    throw error;
  }
}

/**
 * pg-boss on the store's database (its own schema `pgboss` and a small pool
 * of its own): the Metrc queue. Its maintenance puts a job whose reporter
 * died back in the queue once the job's expiry passes; it runs a few times
 * per expiry so a takeover does not wait much longer than that.
 */
async function startJobs(databaseUrl: string, expireInSeconds = 300): Promise<{ boss: PgBoss; close(): Promise<void> }> {
  const pool = serverPool(databaseUrl, { max: 3, name: 'greentill-store-metrc' });
  const db: PgBoss.Db = {
    async executeSql(text: string, values?: unknown[]) {
      const client = await pool.connect();
      try {
        const result = await client.query(text, values);
        client.release();
        return result;
      } catch (error) {
        // pg-boss sends some work as one `BEGIN; …; COMMIT` text: a statement that fails inside it leaves the
        // connection in an aborted transaction, and every later query on it would fail. It is never given back.
        client.release(true);
        throw error;
      }
    },
  };
  const boss = new PgBoss({ db, schedule: false, supervise: true, maintenanceIntervalSeconds: Math.max(1, Math.floor(expireInSeconds / 4)) });
  // A connection error (PostgreSQL restarting) must not end the process: the next pass reconnects.
  boss.on('error', (error) => process.stderr.write(`${JSON.stringify({ metrcQueue: error.message })}\n`));
  try {
    await boss.start();
  } catch (error) {
    await pool.end();
    throw error;
  }
  return {
    boss,
    close: async () => {
      await boss.stop({ graceful: false, close: false });
      await pool.end();
    },
  };
}
