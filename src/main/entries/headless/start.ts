import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startRegister } from '../../core/app-start';
import { CoreProcess } from '../../core/process/core-process';
import type { Invoke } from '../../core/registry';
import { databasePath, demoEnabled, findMigrationsFolder } from '../../platform/config/paths';
import { logger } from '../../platform/logging/logger';
import { FileKeySource, unprotectedKeyFile } from '../../platform/security/key-source';
import { startHeadlessHost } from './host';
import type { PushSource } from './push-stream';

/**
 * `npm run start:web`: the register's core and UI in a browser, with the
 * demo store on a blank database. Prints the URL (with its token) on stdout.
 *
 * The core runs in its own process (issue #19), as it does under Electron:
 * this process only serves HTTP. GREENTILL_CORE=inline keeps it in this
 * process (for comparison in the bench).
 */
interface RunningCore {
  readonly invoke: Invoke;
  readonly where: string;
  readonly stop: () => Promise<void>;
  /** How many times the core process was started again (absent in this process: it cannot restart). */
  readonly generation?: () => number;
  /** Its pushes (scans, sync state, the order queue) for the page's event stream; absent in this process: the page polls. */
  readonly pushes?: PushSource;
}

async function startCore(path: string, migrationsFolder: string, keyPath: string): Promise<RunningCore> {
  if (process.env['GREENTILL_CORE'] === 'inline') {
    const keySource = new FileKeySource({ path: keyPath, protector: unprotectedKeyFile });
    const { database, core, sync, devices, storeLink, orderFeed, staffAlerts } = await startRegister({
      databasePath: path,
      migrationsFolder,
      keySource,
      demo: demoEnabled(),
    });
    return {
      invoke: core.invoke,
      where: 'in this process',
      stop: async () => {
        orderFeed.stop();
        staffAlerts.stop();
        await Promise.all([sync.stop(), devices.close(), storeLink.stop()]);
        database.close();
      },
    };
  }
  const here = dirname(fileURLToPath(import.meta.url));
  const fromSource = import.meta.url.endsWith('.ts');
  const core = await CoreProcess.start({
    entry: join(here, '..', 'core-process', fromSource ? 'main.ts' : 'main.js'),
    execArgv: fromSource ? ['--import', 'tsx'] : [],
    start: {
      databasePath: path,
      migrationsFolder,
      key: { kind: 'file', path: keyPath },
      demo: demoEnabled(),
      startSync: true,
      openDevices: true,
      // Rotating log files only when asked for (a register in the field); tests and development keep stderr.
      ...(process.env['GREENTILL_LOG_DIR'] ? { logDirectory: process.env['GREENTILL_LOG_DIR'] } : {}),
    },
  });
  return { invoke: core.invoke, where: `in its own process (pid ${core.pid ?? '?'})`, stop: () => core.stop(), generation: () => core.restarts, pushes: core };
}

async function main(): Promise<void> {
  const migrationsFolder = findMigrationsFolder();
  const path = databasePath();
  // The headless host is for development and tests: its key file is protected by file permissions only.
  const core = await startCore(path, migrationsFolder, join(dirname(path), 'greentill-headless.key'));
  const port = Number(process.env['GREENTILL_PORT'] ?? 0);
  let host: Awaited<ReturnType<typeof startHeadlessHost>>;
  try {
    host = await startHeadlessHost({
      invoke: core.invoke,
      staticDir: join(dirname(migrationsFolder), 'out', 'renderer'),
      port,
      ...(core.generation === undefined ? {} : { coreGeneration: core.generation }),
      ...(core.pushes === undefined ? {} : { pushes: core.pushes }),
      ...(process.env['GREENTILL_HOST'] === undefined ? {} : { host: process.env['GREENTILL_HOST'] }),
    });
  } catch (error) {
    // A host that cannot listen (port in use, not loopback) must not leave the register running with its database open.
    await core.stop();
    throw error;
  }
  process.stdout.write(`Greentill register (headless) — database ${path}, core ${core.where}\nOpen ${host.url}\n`);
  const stop = (): void => {
    void Promise.all([host.close(), core.stop()]).then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  logger.fatal({ err: error }, 'headless host failed to start');
  process.stderr.write(`Greentill register (headless) did not start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
