import { AppError, type AppErrorValue } from '../../../shared/errors';
import { startRegister, type StartedRegister } from '../../core/app-start';
import { fromCore, toCore, type FromCore, type StartMessage } from '../../core/process/protocol';
import { dirname, join } from 'node:path';
import { writeCrashReport, type CrashKind } from '../../platform/logging/crash-reports';
import { logger, logToFiles, type LogFiles } from '../../platform/logging/logger';
import { FileKeySource, StaticKeySource, unprotectedKeyFile, type KeySource } from '../../platform/security/key-source';

/**
 * The register's core in its own process (issue #19): the database, the
 * command registry, sync and devices, away from the thread that draws
 * windows and routes input. Started by the host (Electron's utilityProcess,
 * or child_process.fork under the headless host); answers `invoke` messages
 * through the same registry every transport uses.
 */
/** Electron gives a utilityProcess `process.parentPort`; a Node child has `process.send`. Same messages either way. */
interface ParentPort {
  on(event: 'message', listener: (event: { data: unknown }) => void): void;
  postMessage(message: unknown): void;
}
const parentPort = (process as unknown as { parentPort?: ParentPort }).parentPort;

const send = (message: FromCore): void => {
  const checked = fromCore.parse(message);
  if (parentPort !== undefined) parentPort.postMessage(checked);
  else if (process.connected) process.send?.(checked);
};

let register: StartedRegister | null = null;
let logFiles: LogFiles | null = null;
/** Crash reports go beside the database (the app data folder), in `crash-reports`; known once started. */
let crashReportDirectory: string | null = null;

/**
 * An uncaught exception or an unhandled rejection: the core's state is
 * unknown, so it writes a crash report (no PII: crash-reports.ts), closes the
 * database as far as it can and exits; the host starts it again.
 */
function crashed(kind: CrashKind, reason: unknown): void {
  try {
    const path = crashReportDirectory === null ? null : writeCrashReport(crashReportDirectory, kind, reason);
    logger.fatal({ kind, report: path }, 'core process crashed');
    logFiles?.close();
  } catch {
    // The report could not be written: the exit below still lets the host restart the core.
  }
  try {
    register?.database.close();
  } catch {
    // already closed, or inside a transaction SQLite rolls back at exit
  }
  process.exit(1);
}
process.on('uncaughtException', (error) => crashed('uncaughtException', error));
process.on('unhandledRejection', (reason) => crashed('unhandledRejection', reason));

function keySourceOf(key: StartMessage['key']): KeySource {
  // The headless host's key file is protected by file permissions only (as `start:web` always was).
  return key.kind === 'file' ? new FileKeySource({ path: key.path, protector: unprotectedKeyFile }) : new StaticKeySource(Buffer.from(key.base64, 'base64'));
}

function errorValueOf(error: unknown): AppErrorValue {
  return error instanceof AppError ? error.toValue() : { code: 'CORE_START_FAILED', message: error instanceof Error ? error.message : String(error) };
}

async function stop(): Promise<void> {
  const started = register;
  register = null;
  if (started !== null) {
    started.orderFeed.stop();
    started.staffAlerts.stop();
    await Promise.all([started.sync.stop(), started.devices.close(), started.storeLink.stop()]);
    started.database.close();
  }
  send({ kind: 'stopped' });
  logFiles?.close();
  // Nothing of the register is left open: leave now rather than wait on a stray timer.
  setImmediate(() => process.exit(0));
}

function receive(raw: unknown): void {
  const parsed = toCore.safeParse(raw);
  if (!parsed.success) {
    logger.error({ issues: parsed.error.issues.length }, 'core process: malformed message refused');
    return;
  }
  const message = parsed.data;
  switch (message.kind) {
    case 'start':
      if (register !== null) return;
      crashReportDirectory = join(dirname(message.databasePath), 'crash-reports');
      (message.logDirectory === undefined ? Promise.resolve(null) : logToFiles(message.logDirectory))
        .then((files) => {
          logFiles = files;
        })
        .catch((error: unknown) => logger.warn({ err: error }, 'log files could not be opened: logging to stderr only'))
        .then(() =>
          startRegister({
            databasePath: message.databasePath,
            migrationsFolder: message.migrationsFolder,
            keySource: keySourceOf(message.key),
            demo: message.demo,
            startSync: message.startSync,
            openDevices: message.openDevices,
          }),
        )
        .then(
          (started) => {
            register = started;
            send({ kind: 'ready', terminalId: started.core.terminalId });
          },
          (error: unknown) => {
            send({ kind: 'failed', error: errorValueOf(error) });
            process.exitCode = 1;
            process.disconnect?.();
          },
        );
      return;
    case 'invoke': {
      const started = register;
      if (started === null) {
        send({
          kind: 'result',
          id: message.id,
          result: { ok: false, error: { code: 'CORE_NOT_READY', message: 'The register is still starting: try again in a moment.' } },
        });
        return;
      }
      void started.core.invoke(message.name, message.input).then((result) => send({ kind: 'result', id: message.id, result }));
      return;
    }
    case 'stop':
      void stop();
      return;
  }
}

if (parentPort !== undefined) parentPort.on('message', (event) => receive(event.data));
else process.on('message', receive);

// The host went away (crashed or quit): close the database cleanly rather than linger.
process.on('disconnect', () => void stop());
