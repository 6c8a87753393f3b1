import type { PushEvent } from '../../../shared/contract/pushes';
import { AppError, type AppErrorValue } from '../../../shared/errors';
import { fromCore, toCore, type FromCore, type StartMessage } from '../../core/process/protocol';
import type { Invoke } from '../../core/registry';
import { dirname, join } from 'node:path';
import { constants, setPriority } from 'node:os';
import { writeCrashReport, type CrashKind } from '../../platform/logging/crash-reports';
import { logger, logToFiles, type LogFiles } from '../../platform/logging/logger';

/** What a started core gives the serving loop: the one `invoke`, and how to close it. */
export interface ServedCore {
  readonly terminalId: string;
  readonly invoke: Invoke;
  /** Stops sync, devices and the feeds, then closes the database. */
  readonly stop: () => Promise<void>;
  /** After a crash: closes the database as far as it can, synchronously, before the process exits. */
  readonly closeNow: () => void;
}

/** Opens the register from the host's start message (the product's is startRegister; a test's may add fakes); `push` reaches the screen. */
export type StartCore = (message: StartMessage, push: (event: PushEvent) => void) => Promise<ServedCore>;

/** Electron gives a utilityProcess `process.parentPort`; a Node child has `process.send`. Same messages either way. */
interface ParentPort {
  on(event: 'message', listener: (event: { data: unknown }) => void): void;
  postMessage(message: unknown): void;
}

/**
 * The core process's side of the protocol (issue #19): waits for the host's
 * start message, opens the register with `start`, answers `invoke` messages
 * through its registry, relays the core's pushes to the host, stops on `stop` or when the host goes away, and
 * writes a crash report on an uncaught error. One loop for the product's
 * entry (main.ts) and the test entry, so the e2e suite exercises this one.
 */
export function serveCore(start: StartCore): void {
  yieldToTheWindow();
  const parentPort = (process as unknown as { parentPort?: ParentPort }).parentPort;
  const send = (message: FromCore): void => {
    const checked = fromCore.parse(message);
    if (parentPort !== undefined) parentPort.postMessage(checked);
    else if (process.connected) process.send?.(checked);
  };

  let served: ServedCore | null = null;
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
      served?.closeNow();
    } catch {
      // already closed, or inside a transaction SQLite rolls back at exit
    }
    process.exit(1);
  }
  process.on('uncaughtException', (error) => crashed('uncaughtException', error));
  process.on('unhandledRejection', (reason) => crashed('unhandledRejection', reason));

  async function stop(): Promise<void> {
    const started = served;
    served = null;
    if (started !== null) await started.stop();
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
        if (served !== null) return;
        crashReportDirectory = join(dirname(message.databasePath), 'crash-reports');
        (message.logDirectory === undefined ? Promise.resolve(null) : logToFiles(message.logDirectory))
          .then((files) => {
            logFiles = files;
          })
          .catch((error: unknown) => logger.warn({ err: error }, 'log files could not be opened: logging to stderr only'))
          .then(() => start(message, (event) => send({ kind: 'push', event })))
          .then(
            (started) => {
              served = started;
              send({ kind: 'ready', terminalId: started.terminalId });
            },
            (error: unknown) => {
              send({ kind: 'failed', error: errorValueOf(error) });
              process.exitCode = 1;
              process.disconnect?.();
            },
          );
        return;
      case 'invoke': {
        const started = served;
        if (started === null) {
          send({
            kind: 'result',
            id: message.id,
            result: { ok: false, error: { code: 'CORE_NOT_READY', message: 'The register is still starting: try again in a moment.' } },
          });
          return;
        }
        void started.invoke(message.name, message.input).then((result) => send({ kind: 'result', id: message.id, result }));
        return;
      }
      case 'stop':
        void stop();
        return;
      default:
        return message satisfies never;
    }
  }

  if (parentPort !== undefined) parentPort.on('message', (event) => receive(event.data));
  else process.on('message', receive);

  // The host went away (crashed or quit): close the database cleanly rather than linger.
  process.on('disconnect', () => void stop());
}

function errorValueOf(error: unknown): AppErrorValue {
  return error instanceof AppError ? error.toValue() : { code: 'CORE_START_FAILED', message: error instanceof Error ? error.message : String(error) };
}

/**
 * The core runs below normal priority, so the window's process wins the CPU
 * when both want it (issue #19). On a 2-core register a full-speed replay
 * keeps the core (and the network stack) busy; at equal priority the host's
 * thread then waited for a core up to 2.4–2.8 ms at p99, at "below normal"
 * 1.8–2.0 (bench: host_event_loop_core_process_replay). An idle register
 * loses nothing: the core still has every free cycle. BELOW_NORMAL is 10 on
 * Linux and macOS and the Windows class of that name.
 */
function yieldToTheWindow(): void {
  try {
    setPriority(constants.priority.PRIORITY_BELOW_NORMAL);
  } catch (error) {
    // Never a reason not to serve: a register whose OS refuses runs at normal priority.
    logger.warn({ err: error }, 'core process: could not lower its priority');
  }
}
