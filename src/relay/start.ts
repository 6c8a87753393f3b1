import { resolve } from 'node:path';
import { startRelay } from './app';
import { relayMigrationsFolder } from './admin';
import { retentionDaysFrom } from './features/retention';

/**
 * `npm run start:relay`: the order relay. DATABASE_URL names its PostgreSQL;
 * GREENTILL_RELAY_LISTEN the address (default 0.0.0.0:8080, plain HTTP behind
 * a TLS reverse proxy); GREENTILL_RELAY_DATA where pre-migration backups live.
 * GREENTILL_RELAY_RETRY_MS sets the first retry delay of its outbound jobs;
 * GREENTILL_RELAY_RETENTION_DAYS how long customer data it no longer needs is kept (30).
 */
async function main() {
  const databaseUrl = process.env.DATABASE_URL;
  if (databaseUrl === undefined || databaseUrl === '') {
    process.stderr.write(
      '{"error":{"code":"DATABASE_URL_MISSING","message":"Set DATABASE_URL to the relay\'s PostgreSQL, e.g. postgres://greentill@localhost/greentill_relay"}}\n',
    );
    process.exitCode = 2;
    return;
  }
  const [host, port] = (process.env.GREENTILL_RELAY_LISTEN ?? '0.0.0.0:8080').split(':');
  const retry = Number(process.env.GREENTILL_RELAY_RETRY_MS ?? '');
  const retentionDays = retentionDaysFrom(process.env.GREENTILL_RELAY_RETENTION_DAYS);
  const relay = await startRelay({
    databaseUrl,
    dataDir: resolve(process.env.GREENTILL_RELAY_DATA ?? 'relay-data'),
    migrationsFolder: relayMigrationsFolder(),
    host: host ?? '0.0.0.0',
    port: Number(port ?? '8080'),
    worker: { retentionDays, ...(Number.isSafeInteger(retry) && retry > 0 ? { retryBaseMs: retry, pollMs: Math.min(retry, 1000) } : {}) },
  });
  process.stdout.write(`${JSON.stringify({ listening: relay.url, migrated: relay.database.migrated })}\n`);
  const stop = () => void relay.close().then(() => process.exit(0));
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}

main().catch((error: unknown) => {
  const value = error instanceof Error && 'code' in error ? { code: String(error.code), message: error.message } : { code: 'INTERNAL', message: String(error) };
  process.stderr.write(`${JSON.stringify({ error: value })}\n`);
  process.exitCode = 1;
});
