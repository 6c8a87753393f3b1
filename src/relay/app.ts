import { join } from 'node:path';
import { openRelayDatabase, type RelayDatabase } from './db/open';
import { RelayWorker, type WorkerOptions } from './features/jobs';
import { startRelayHttp, type RelayHttp } from './http/server';

export interface RelayOptions {
  readonly databaseUrl: string;
  readonly dataDir: string;
  readonly migrationsFolder: string;
  readonly host: string;
  readonly port: number;
  readonly worker?: WorkerOptions;
  readonly now?: () => Date;
}

export interface Relay {
  readonly database: RelayDatabase;
  readonly http: RelayHttp;
  readonly worker: RelayWorker;
  readonly url: string;
  close(): Promise<void>;
}

/** The order relay (issue #21): its database (migrated under discipline), its API and its outbound worker. */
export async function startRelay(options: RelayOptions): Promise<Relay> {
  const database = await openRelayDatabase({
    url: options.databaseUrl,
    migrationsFolder: options.migrationsFolder,
    backupDir: join(options.dataDir, 'backups'),
  });
  const worker = new RelayWorker(database.db, { ...options.worker, ...(options.now === undefined ? {} : { now: options.now }) });
  try {
    const http = await startRelayHttp({
      db: database.db,
      host: options.host,
      port: options.port,
      onQueued: () => worker.kick(),
      ...(options.now === undefined ? {} : { now: options.now }),
    });
    worker.start();
    return {
      database,
      http,
      worker,
      url: `http://${options.host}:${http.port}`,
      close: async () => {
        await http.close();
        await worker.stop();
        await database.close();
      },
    };
  } catch (error) {
    await database.close();
    throw error;
  }
}
