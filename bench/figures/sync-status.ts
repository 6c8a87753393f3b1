import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { findMigrationsFolder } from '../../src/main/platform/config/paths';
import { openDatabase } from '../../src/main/platform/db/open';
import { syncNotRunning } from '../../src/main/features/sync/monitor';
import { syncStatus } from '../../src/main/features/sync/status';
import { buildAtomically, dataDir, GENERATOR_VERSION } from '../generate';
import type { Figure } from '../result';
import { copyToScratch } from '../scratch';
import { summarize, timeMs } from '../stats';

/**
 * The sync status the register's header polls every 2 s, with `pending`
 * receipts and menu updates waiting (the state unreachable for days), some in
 * flight, and parked items with others held behind them. Issue #18: it grew
 * with the backlog (20 ms at 10k pending, 128 ms at 100k).
 */
export function syncStatusFigure(pending: number, polls: number): Figure {
  const path = copyToScratch(backlogDatabase(pending), 'sync-status');
  const database = openDatabase({ path, migrationsFolder: findMigrationsFolder() });
  const now = new Date('2026-11-24T18:00:00Z');
  let shown = 0;
  const samples = Array.from({ length: polls }, () =>
    timeMs(() => {
      shown = syncStatus(database.db, syncNotRunning, 'CA', now).backlog;
    }),
  );
  database.close();
  return {
    id: 'sync_status',
    title: 'Sync status poll (per-lane backlog, oldest waiting, held and parked items)',
    unit: 'ms',
    ...summarize(samples),
    dataSize: { pendingItems: pending },
    extra: { backlogShown: shown },
    goal: { metric: 'p99', kind: 'at most', limit: 2 },
  };
}

/** A register whose outbox holds `pending` undelivered items (90 % receipts, 10 % menu), 1 % in flight, 50 parked with 3 held behind each. */
function backlogDatabase(pending: number): string {
  const path = join(dataDir, `outbox-v${GENERATOR_VERSION}-${pending}.sqlite`);
  if (existsSync(path)) return path;
  return buildAtomically(path, ({ sqlite }) => {
    const insert = sqlite.prepare(
      `INSERT INTO outbox (destination, kind, aggregate_id, payload, status, attempts, next_attempt_at, depends_on, created_at, updated_at)
       VALUES (?, ?, ?, '{}', ?, 0, ?, ?, ?, ?)`,
    );
    const start = Date.parse('2026-11-20T18:00:00Z');
    sqlite.transaction(() => {
      for (let i = 0; i < 50; i += 1) {
        const at = start + i;
        const dead = Number(insert.run('metrc', 'receipt.create', `dead-${i}`, 'dead', at, null, at, at).lastInsertRowid);
        for (let k = 0; k < 3; k += 1) insert.run('metrc', 'receipt.void', `dead-${i}`, 'pending', at, dead, at, at);
      }
      for (let i = 0; i < pending; i += 1) {
        const at = start + 1_000 + i * 3_000;
        insert.run(i % 10 === 9 ? 'ecommerce:menu' : 'metrc', 'receipt.create', `sale-${i}`, i % 100 === 0 ? 'in_flight' : 'pending', at, null, at, at);
      }
    })();
  });
}
