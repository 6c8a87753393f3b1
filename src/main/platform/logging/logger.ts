import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { pino, type DestinationStream, type StreamEntry } from 'pino';
import pinoRoll from 'pino-roll';

const level = process.env['GREENTILL_LOG_LEVEL'] ?? (process.env['VITEST'] ? 'silent' : 'info');

/**
 * Where the log goes: always stderr (so CLI commands keep stdout for their
 * JSON answer, and tests and the CLI write no files), plus rotating files
 * once the running register names a log folder (`logToFiles`).
 */
const streams = pino.multistream([{ level: 'trace', stream: pino.destination(2) }]);

/** The main process's one logger. */
export const logger = pino({ name: 'greentill', level }, streams);

export interface LogFileOptions {
  /** Roll to a new file at this size (pino-roll's notation: '10m', '512k'). */
  readonly size?: string;
  /** Files kept besides the one being written (older ones, from earlier runs too, are removed). */
  readonly keep?: number;
}

export interface LogFiles {
  readonly directory: string;
  /** Writes what is buffered and closes the file (on quit, before exit). */
  readonly close: () => void;
}

/**
 * Adds size-rotated log files in `directory` (issue #19): `greentill.1.log`,
 * `greentill.2.log`… written by pino-roll, a pino transport made for it,
 * keeping the newest few. Only the running register calls this, with a
 * folder in app data.
 */
export async function logToFiles(directory: string, options: LogFileOptions = {}): Promise<LogFiles> {
  mkdirSync(directory, { recursive: true, mode: 0o700 });
  const stream = await pinoRoll({
    file: join(directory, 'greentill'),
    extension: '.log',
    size: options.size ?? '10m',
    mkdir: true,
    limit: { count: options.keep ?? 9, removeOtherLogFiles: true },
  });
  const entry: StreamEntry = { level: 'trace', stream: stream as DestinationStream };
  streams.add(entry);
  // multistream keeps its own record of each stream, with the id `remove` takes.
  const id = (streams.streams.find((s) => s.stream === stream) as { id?: number } | undefined)?.id;
  return {
    directory,
    close: () => {
      if (id !== undefined) streams.remove(id);
      try {
        stream.flushSync();
      } catch {
        // Nothing buffered, or the file is gone: nothing to keep.
      }
      stream.end();
    },
  };
}
