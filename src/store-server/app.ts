import { grantReadersPublishedTables } from './features/store-reads';
import { openStoreDatabase, type StoreDatabase } from './db/open';
import { startStoreHttp, type StoreHttp } from './http/server';
import { loadOrCreateTls } from './tls';
import { closeWithin } from './shutdown';
import { join } from 'node:path';

export interface StoreServerOptions {
  readonly databaseUrl: string;
  readonly dataDir: string;
  readonly migrationsFolder: string;
  readonly host: string;
  readonly port: number;
  /** GREENTILL_STORE_READS_URL: where registers read the store's prices (see features/store-reads.ts). */
  readonly readsUrl?: string | null;
}

export interface StoreServer {
  readonly database: StoreDatabase;
  readonly http: StoreHttp;
  readonly fingerprint: string;
  readonly url: string;
  close(): Promise<void>;
}

/** `store-core`: the store's database (migrated under discipline), its TLS identity and its API. */
export async function startStoreServer(options: StoreServerOptions): Promise<StoreServer> {
  const tls = await loadOrCreateTls(options.dataDir);
  const database = await openStoreDatabase({
    url: options.databaseUrl,
    migrationsFolder: options.migrationsFolder,
    backupDir: join(options.dataDir, 'backups'),
  });
  try {
    await grantReadersPublishedTables(database.db);
    const http = await startStoreHttp({ db: database.db, tls, host: options.host, port: options.port, readsUrl: options.readsUrl ?? null });
    return {
      database,
      http,
      fingerprint: tls.fingerprint,
      url: `https://${options.host}:${http.port}`,
      close: async () => {
        const listener = await closeWithin(http.close());
        const pool = await closeWithin(database.close());
        if (listener === 'abandoned' || pool === 'abandoned')
          process.stderr.write(`${JSON.stringify({ stopped: { listener, pool, note: 'work still in flight was never acknowledged; registers retry it' } })}\n`);
      },
    };
  } catch (error) {
    await database.close();
    throw error;
  }
}
