import { dirname, join } from 'node:path';
import { startRegister } from '../../core/app-start';
import { databasePath, demoEnabled, findMigrationsFolder } from '../../platform/config/paths';
import { logger } from '../../platform/logging/logger';
import { FileKeySource, unprotectedKeyFile } from '../../platform/security/key-source';
import { startHeadlessHost } from './host';

/**
 * `npm run start:web`: the register's core and UI in a browser, with the
 * demo store on a blank database. Prints the URL (with its token) on stdout.
 */
async function main(): Promise<void> {
  const migrationsFolder = findMigrationsFolder();
  const path = databasePath();
  // The headless host is for development and tests: its key file is protected by file permissions only.
  const keySource = new FileKeySource({ path: join(dirname(path), 'greentill-headless.key'), protector: unprotectedKeyFile });
  const { database, core, sync, devices } = await startRegister({ databasePath: path, migrationsFolder, keySource, demo: demoEnabled() });
  const port = Number(process.env['GREENTILL_PORT'] ?? 0);
  let host: Awaited<ReturnType<typeof startHeadlessHost>>;
  try {
    host = await startHeadlessHost({
      invoke: core.invoke,
      staticDir: join(dirname(migrationsFolder), 'out', 'renderer'),
      port,
      ...(process.env['GREENTILL_HOST'] === undefined ? {} : { host: process.env['GREENTILL_HOST'] }),
    });
  } catch (error) {
    // A host that cannot listen (port in use, not loopback) must not leave the register running with its database open.
    await Promise.all([sync.stop(), devices.close()]);
    database.close();
    throw error;
  }
  process.stdout.write(`Greentill register (headless) — database ${database.path}\nOpen ${host.url}\n`);
  const stop = (): void => {
    void Promise.all([sync.stop(), host.close(), devices.close()]).then(() => {
      database.close();
      process.exit(0);
    });
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  logger.fatal({ err: error }, 'headless host failed to start');
  process.stderr.write(`Greentill register (headless) did not start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
