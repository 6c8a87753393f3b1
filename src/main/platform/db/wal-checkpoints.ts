import { statSync } from 'node:fs';
import type Database from 'better-sqlite3';
import { logger } from '../logging/logger';

/**
 * When the register moves its write-ahead log into the database file (issue
 * #18). SQLite's own auto-checkpoint runs inside whichever commit pushes the
 * log past 1,000 pages: one sale in twenty paid for it, which set the sale's
 * p99. With it off (`wal_autocheckpoint = 0`), the log is checkpointed:
 * - when the connection has been idle for `idleMs` after a write, from a
 *   timer: between commands, never inside one;
 * - at size: at the next tick once the log file has grown past `limitBytes`
 *   (SQLite cuts the file back to that size when it restarts the log, with
 *   `journal_size_limit`, so a bigger file means more than that was written
 *   since), even if the register is never idle;
 * - after a write that leaves the log past `burstBytes`, a bound for long
 *   synchronous runs (a simulation, an import) that never give the timer a
 *   turn. At the counter the idle checkpoints keep the log far below it.
 * Checkpoints are PASSIVE: they never wait for another connection's readers
 * or writer; what they could not move waits for the next one. Closing the
 * connection checkpoints the rest and removes the log (SQLite does that).
 */
export interface WalCheckpointOptions {
  readonly idleMs: number;
  readonly limitBytes: number;
  readonly burstBytes: number;
  /** How often the timer looks (default: half the idle time). */
  readonly tickMs?: number;
  readonly now?: () => number;
}

export const defaultWalCheckpointOptions: WalCheckpointOptions = {
  idleMs: 1_000,
  // SQLite's default auto-checkpoint size: 1,000 pages of 4 KiB.
  limitBytes: 4 * 1024 * 1024,
  burstBytes: 64 * 1024 * 1024,
};

export interface WalCheckpoints {
  /** Call once a write transaction has committed (outside it). */
  readonly afterWrite: () => void;
  /** Checkpoints run so far (for tests and the bench). */
  readonly count: () => number;
  /** When a write last committed on this connection (ms since the epoch; 0 before the first): how long the register has been idle. */
  readonly lastWriteAt: () => number;
  readonly stop: () => void;
}

export function walCheckpoints(sqlite: Database.Database, walPath: string, options: WalCheckpointOptions = defaultWalCheckpointOptions): WalCheckpoints {
  const now = options.now ?? Date.now;
  let lastWriteAt = 0;
  let pending = false;
  let count = 0;
  const walBytes = (): number => {
    try {
      return statSync(walPath).size;
    } catch {
      return 0; // no log file (yet): nothing to move
    }
  };
  const checkpoint = (): void => {
    if (!sqlite.open || sqlite.inTransaction) return;
    try {
      const [result] = sqlite.pragma('wal_checkpoint(PASSIVE)') as Array<{ busy: number; log: number; checkpointed: number }>;
      count += 1;
      // Frames another connection kept us from moving wait for the next turn.
      pending = result !== undefined && (result.busy !== 0 || result.checkpointed < result.log);
    } catch (error) {
      logger.warn({ err: error }, 'WAL checkpoint failed: retried at the next idle moment');
    }
  };
  const timer = setInterval(
    () => {
      if (!sqlite.open) return stop();
      // Only after a write of ours: the file stays at its size until the next write restarts the log.
      if (pending && (now() - lastWriteAt >= options.idleMs || walBytes() > options.limitBytes)) checkpoint();
    },
    options.tickMs ?? Math.max(1, Math.floor(options.idleMs / 2)),
  );
  // Never what keeps a process alive.
  timer.unref();
  const stop = (): void => clearInterval(timer);
  return {
    afterWrite: () => {
      lastWriteAt = now();
      pending = true;
      if (walBytes() > options.burstBytes) checkpoint();
    },
    count: () => count,
    lastWriteAt: () => lastWriteAt,
    stop,
  };
}

const byDatabase = new WeakMap<object, WalCheckpoints>();

/** Ties a connection's checkpoints to its drizzle handle, for the write path (db/transaction.ts). */
export function attachWalCheckpoints(db: object, checkpoints: WalCheckpoints): void {
  byDatabase.set(db, checkpoints);
}

/** A write transaction on `db` has committed. */
export function walWritten(db: object): void {
  byDatabase.get(db)?.afterWrite();
}
