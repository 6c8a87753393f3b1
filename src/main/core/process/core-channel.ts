import { fork } from 'node:child_process';
import { logger } from '../../platform/logging/logger';

/**
 * What the host needs of the core's process, whichever kind it is: an
 * Electron `utilityProcess` (the app) or a `child_process.fork` (the headless
 * host, tests, the bench). Both carry structured-clone messages.
 */
export interface CoreChannel {
  readonly pid: number | null;
  readonly send: (message: unknown) => void;
  readonly onMessage: (listener: (message: unknown) => void) => void;
  /** Called once when the process has gone, however it went. */
  readonly onExit: (listener: (code: number | null, signal: string | null) => void) => void;
  readonly alive: () => boolean;
  readonly kill: () => void;
}

export type SpawnCore = () => CoreChannel;

/** The core as a Node child process with an IPC channel (`args`: the entry's own arguments, e.g. a test core's fakes). */
export function forkedCore(entry: string, execArgv: readonly string[] = [], args: readonly string[] = []): SpawnCore {
  return () => {
    const child = fork(entry, [...args], { execArgv: [...execArgv], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    // Node reports a child's trouble (a failed spawn, a write to a channel the dead child closed) as an
    // 'error' event: unheard, it is an uncaught exception in the host. The exit that follows is what
    // the host acts on (commands in flight answer CORE_RESTARTED, the core is started again).
    child.on('error', (error) => logger.warn({ err: error }, 'core process: channel error (its exit is handled)'));
    return {
      get pid() {
        return child.pid ?? null;
      },
      send: (message) => {
        // A write to a core that died a moment ago fails here, before the host hears of the exit: the exit handles it.
        if (child.connected)
          child.send(message as object, (error) => (error == null ? undefined : logger.warn({ err: error }, 'core process: a message was not delivered')));
      },
      onMessage: (listener) => void child.on('message', listener),
      onExit: (listener) => void child.once('exit', (code, signal) => listener(code, signal)),
      alive: () => child.exitCode === null && child.signalCode === null,
      kill: () => void child.kill('SIGKILL'),
    };
  };
}

/** The shape of Electron's UtilityProcess this needs (typed here so the core never imports electron). */
export interface UtilityProcessLike {
  readonly pid: number | undefined;
  postMessage(message: unknown): void;
  on(event: 'message', listener: (message: unknown) => void): unknown;
  once(event: 'exit', listener: (code: number) => void): unknown;
  kill(): boolean;
}

/** The core as an Electron utilityProcess (Actual Budget's layout): `fork` is `utilityProcess.fork` bound to the entry. */
export function utilityCore(start: () => UtilityProcessLike): SpawnCore {
  return () => {
    const child = start();
    let exited = false;
    child.once('exit', () => (exited = true));
    return {
      get pid() {
        return child.pid ?? null;
      },
      send: (message) => {
        if (exited) return;
        try {
          child.postMessage(message);
        } catch (error) {
          // Gone a moment ago, its exit not yet heard: the exit answers the commands in flight.
          logger.warn({ err: error }, 'core process: a message was not delivered');
        }
      },
      onMessage: (listener) => void child.on('message', listener),
      onExit: (listener) => void child.once('exit', (code) => listener(code, null)),
      alive: () => !exited,
      kill: () => void child.kill(),
    };
  };
}
