import { resolve } from 'node:path';
import { startStoreServer } from './app';
import { storeMigrationsFolder } from './admin';
import type { MetrcReporterTuning } from './features/metrc-reporter';

/**
 * `npm run start:store`: the store server. DATABASE_URL names the store's
 * PostgreSQL; GREENTILL_STORE_LISTEN the address (default 0.0.0.0:8443);
 * GREENTILL_STORE_DATA where its TLS identity, sealing key and pre-migration
 * backups live (a second store-core for the same store runs on the same
 * folder). GREENTILL_STORE_METRC_EXPIRE_S: how long a Metrc report may stay
 * out before another reporter takes it (default 300 s; its requests are
 * ended at 40 % of that, so two never overlap).
 */
async function main() {
  const databaseUrl = process.env.DATABASE_URL;
  if (databaseUrl === undefined || databaseUrl === '') {
    process.stderr.write(
      '{"error":{"code":"DATABASE_URL_MISSING","message":"Set DATABASE_URL to the store\'s PostgreSQL, e.g. postgres://greentill@localhost/greentill_store"}}\n',
    );
    process.exitCode = 2;
    return;
  }
  const [host, port] = (process.env.GREENTILL_STORE_LISTEN ?? '0.0.0.0:8443').split(':');
  const server = await startStoreServer({
    databaseUrl,
    dataDir: resolve(process.env.GREENTILL_STORE_DATA ?? 'store-data'),
    migrationsFolder: storeMigrationsFolder(),
    host: host ?? '0.0.0.0',
    port: Number(port ?? '8443'),
    readsUrl: process.env.GREENTILL_STORE_READS_URL ?? null,
    reporter: reporterTuning(process.env.GREENTILL_STORE_METRC_EXPIRE_S),
  });
  process.stdout.write(`${JSON.stringify({ listening: server.url, fingerprint: server.fingerprint, migrated: server.database.migrated })}\n`);
  const stop = () => void server.close().then(() => process.exit(0));
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}

function reporterTuning(expire: string | undefined): Partial<MetrcReporterTuning> {
  const seconds = Number(expire);
  if (expire === undefined || !Number.isInteger(seconds) || seconds < 2) return {};
  return { expireInSeconds: seconds, abortAfterMs: Math.floor(seconds * 400) };
}

main().catch((error: unknown) => {
  const value = error instanceof Error && 'code' in error ? { code: String(error.code), message: error.message } : { code: 'INTERNAL', message: String(error) };
  process.stderr.write(`${JSON.stringify({ error: value })}\n`);
  process.exitCode = 1;
});
