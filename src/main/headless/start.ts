import { join } from 'node:path';
import { dirname } from 'node:path';
import { startRegister } from '../app-start';
import { databasePath, findMigrationsFolder } from '../config/paths';
import { logger } from '../logger';
import { startHeadlessHost } from './host';

/**
 * `npm run start:web`: the register's core and UI in a browser, with the
 * demo store on a blank database. Prints the URL (with its token) on stdout.
 */
async function main(): Promise<void> {
  const migrationsFolder = findMigrationsFolder();
  const { database, core } = startRegister({ databasePath: databasePath(), migrationsFolder });
  const port = Number(process.env['GREENTILL_PORT'] ?? 0);
  const host = await startHeadlessHost({
    invoke: core.invoke,
    staticDir: join(dirname(migrationsFolder), 'out', 'renderer'),
    port,
    ...(process.env['GREENTILL_HOST'] === undefined ? {} : { host: process.env['GREENTILL_HOST'] }),
  });
  process.stdout.write(`Greentill register (headless) — database ${database.path}\nOpen ${host.url}\n`);
  const stop = (): void => {
    void host.close().then(() => {
      database.close();
      process.exit(0);
    });
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  logger.fatal({ err: error }, 'headless host failed to start');
  process.exitCode = 1;
});
