import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { openDatabase, type RegisterDatabase } from '../../../../src/main/platform/db/open';
import { settings } from '../../../../src/main/platform/db/schema';
import { writeTransaction } from '../../../../src/main/platform/db/transaction';
import type { WalCheckpointOptions } from '../../../../src/main/platform/db/wal-checkpoints';
import { migrationsFolder, tempDir } from '../../../support/temp-db';

const cleanups: Array<() => void> = [];
afterEach(() => {
  cleanups.splice(0).forEach((c) => c());
  vi.useRealTimers();
});

function open(walCheckpoints?: WalCheckpointOptions): RegisterDatabase & { wal: string } {
  const dir = tempDir();
  const path = join(dir.path, 'register.sqlite');
  const database = openDatabase({ path, migrationsFolder, ...(walCheckpoints === undefined ? {} : { walCheckpoints }) });
  cleanups.push(() => {
    if (database.sqlite.open) database.close();
    dir.cleanup();
  });
  return { ...database, wal: `${path}-wal` };
}

/** One write transaction of about `kib` KiB (settings rows of 4 KiB text). */
function write(database: RegisterDatabase, name: string, kib: number): void {
  writeTransaction(database.db, (tx) => {
    for (let i = 0; i < kib / 4; i += 1)
      tx.insert(settings)
        .values({ key: `${name}-${i}`, value: 'x'.repeat(4000), updatedAt: new Date(0) })
        .run();
  });
}

/** Frames in the log now (a PASSIVE checkpoint reports them; it moves them too). */
const frames = (database: RegisterDatabase) => (database.sqlite.pragma('wal_checkpoint(PASSIVE)') as Array<{ log: number }>)[0]?.log ?? 0;

const never = { idleMs: 3_600_000, limitBytes: 1024 * 1024 * 1024, burstBytes: 1024 * 1024 * 1024 };

describe('WAL checkpoints when idle and at size, never inside a commit (issue #18)', () => {
  it('turns SQLite’s auto-checkpoint off and bounds the log file it restarts', () => {
    const database = open();
    expect(database.sqlite.pragma('wal_autocheckpoint', { simple: true })).toBe(0);
    expect(database.sqlite.pragma('journal_size_limit', { simple: true })).toBe(4 * 1024 * 1024);
  });

  it('leaves the log whole through commits far past the old 1,000-page checkpoint', () => {
    const database = open(never);
    for (let i = 0; i < 12; i += 1) write(database, `w${i}`, 512); // 6 MiB in 12 commits
    expect(database.walCheckpoints.count()).toBe(0);
    expect(frames(database)).toBeGreaterThan(1_400);
  });

  it('checkpoints once the connection has been idle after a write, and not again until the next write', () => {
    vi.useFakeTimers();
    const database = open({ idleMs: 1_000, limitBytes: 1024 * 1024 * 1024, burstBytes: 1024 * 1024 * 1024 });
    write(database, 'a', 64);
    vi.advanceTimersByTime(600);
    expect(database.walCheckpoints.count()).toBe(0);
    vi.advanceTimersByTime(600);
    expect(database.walCheckpoints.count()).toBe(1);
    vi.advanceTimersByTime(10_000);
    expect(database.walCheckpoints.count()).toBe(1);
    write(database, 'b', 64);
    vi.advanceTimersByTime(1_500); // idle time plus at most one tick
    expect(database.walCheckpoints.count()).toBe(2);
  });

  it('checkpoints at size between commands even when the register is never idle', () => {
    vi.useFakeTimers();
    const database = open({ idleMs: 3_600_000, limitBytes: 256 * 1024, burstBytes: 1024 * 1024 * 1024, tickMs: 100 });
    frames(database); // the migrations' frames moved: the next write restarts the log
    write(database, 'small', 64);
    vi.advanceTimersByTime(100);
    expect(database.walCheckpoints.count()).toBe(0);
    write(database, 'big', 512);
    expect(database.walCheckpoints.count()).toBe(0); // not inside or right after the commit
    vi.advanceTimersByTime(100);
    expect(database.walCheckpoints.count()).toBe(1);
    // The next write restarts the log and SQLite cuts its file back to the limit.
    write(database, 'after', 8);
    expect(statSync(database.wal).size).toBeLessThanOrEqual(256 * 1024);
  });

  it('bounds the log of a long synchronous run that never gives the timer a turn', () => {
    const database = open({ idleMs: 3_600_000, limitBytes: 1024 * 1024 * 1024, burstBytes: 512 * 1024 });
    for (let i = 0; i < 6; i += 1) write(database, `run${i}`, 256);
    expect(database.walCheckpoints.count()).toBeGreaterThan(0);
  });

  it('closes cleanly: the timer stops, the log is moved into the file and removed, the file checks out', () => {
    vi.useFakeTimers();
    const database = open({ idleMs: 1_000, limitBytes: 1024 * 1024 * 1024, burstBytes: 1024 * 1024 * 1024 });
    write(database, 'before-close', 256);
    database.close();
    expect(() => vi.advanceTimersByTime(5_000)).not.toThrow();
    expect(existsSync(database.wal)).toBe(false);
    const reopened = openDatabase({ path: database.path, migrationsFolder });
    cleanups.push(() => reopened.close());
    expect(reopened.sqlite.pragma('integrity_check', { simple: true })).toBe('ok');
    expect((reopened.sqlite.prepare("SELECT count(*) AS n FROM settings WHERE key LIKE 'before-close-%'").get() as { n: number }).n).toBe(64);
  });
});
