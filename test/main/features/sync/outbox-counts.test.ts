import { sql } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { outbox } from '../../../../src/main/platform/db/schema';
import { laneBacklog } from '../../../../src/main/features/sync/backlog';
import { Dispatcher } from '../../../../src/main/features/sync/dispatcher';
import type { ItemOutcome, LaneAdapter, OutboxItem } from '../../../../src/shared/sync/lane';
import { claimBatch, recoverInFlight, resolveDeadLetter, retryDeadLane, retryDeadLetter } from '../../../../src/main/features/sync/outbox';
import { openTempDatabase, type TempDatabase } from '../../../support/temp-db';

/**
 * The sync status in constant time (issue #18): per-lane counts kept by
 * triggers on the outbox, the oldest waiting item by index, the held items
 * from the parked ones. Each must answer what counting the items did, after
 * every kind of write the register makes to the outbox.
 */
let database: TempDatabase;
beforeEach(() => {
  database = openTempDatabase({ demo: true });
});
afterEach(() => database.dispose());

let clock = new Date('2026-11-24T18:00:00Z').getTime();
function enqueue(aggregateId: string, dependsOn: number | null = null, destination = 'metrc'): number {
  clock += 1_000;
  const at = new Date(clock);
  return database.db
    .insert(outbox)
    .values({
      destination,
      kind: dependsOn === null ? 'receipt.create' : 'receipt.void',
      aggregateId,
      payload: {},
      dependsOn,
      nextAttemptAt: at,
      createdAt: at,
      updatedAt: at,
    })
    .returning({ id: outbox.id })
    .get().id;
}

/** The lane's figures as they were counted before the counters (sync/backlog.ts until issue #18). */
function countedOverItems(destination: string) {
  const row = database.sqlite
    .prepare(
      `SELECT
        (SELECT count(*) FROM outbox WHERE destination = ? AND status IN ('pending', 'in_flight')) AS pending,
        (SELECT count(*) FROM outbox WHERE destination = ? AND status = 'dead') AS dead,
        (SELECT min(created_at) FROM outbox WHERE destination = ? AND status IN ('pending', 'in_flight')) AS oldest,
        (SELECT count(*) FROM outbox o JOIN outbox d ON d.id = o.depends_on WHERE o.destination = ? AND o.status = 'pending' AND d.status = 'dead') AS held`,
    )
    .get(destination, destination, destination, destination) as { pending: number; dead: number; oldest: number | null; held: number };
  return {
    pending: row.pending,
    dead: row.dead,
    held: row.held,
    ready: row.pending - row.held,
    oldestPendingAt: row.oldest === null ? null : new Date(row.oldest),
  };
}

function expectCountsAgree(): void {
  const kept = database.sqlite.prepare('SELECT destination, status, items FROM outbox_counts WHERE items <> 0 ORDER BY destination, status').all();
  const counted = database.sqlite
    .prepare('SELECT destination, status, count(*) AS items FROM outbox GROUP BY destination, status ORDER BY destination, status')
    .all();
  expect(kept).toEqual(counted);
  for (const lane of ['metrc', 'ecommerce:menu']) {
    const { pending, dead, held, ready, oldestPendingAt } = laneBacklog(database.db, lane);
    expect({ pending, dead, held, ready, oldestPendingAt }, lane).toEqual(countedOverItems(lane));
  }
}

/** A destination that parks the sales named `poison-*`, asks again for `flaky-*` once, and takes the rest. */
class ScriptedLane implements LaneAdapter {
  readonly destination = 'metrc';
  readonly batchSize = 4;
  readonly #asked = new Set<number>();
  deliver(items: readonly OutboxItem[]): Promise<ReadonlyMap<number, ItemOutcome>> {
    const outcomes = new Map<number, ItemOutcome>();
    for (const item of items) {
      if (item.aggregateId.startsWith('poison')) outcomes.set(item.id, { status: 'dead', error: 'Package does not exist' });
      else if (item.aggregateId.startsWith('flaky') && !this.#asked.has(item.id)) {
        this.#asked.add(item.id);
        outcomes.set(item.id, { status: 'retry', error: 'timeout' });
      } else outcomes.set(item.id, { status: 'done' });
    }
    return Promise.resolve(outcomes);
  }
  probe(): Promise<void> {
    return Promise.resolve();
  }
}

describe('outbox counts (issue #18)', () => {
  it('answer what counting the items does, through queueing, claims, deliveries, parking, held items, retries, resolutions and crashes', async () => {
    expectCountsAgree();
    const poison = enqueue('poison-1');
    enqueue('poison-1', poison);
    enqueue('poison-1', poison);
    const poison2 = enqueue('poison-2');
    enqueue('poison-2', poison2);
    for (let i = 0; i < 6; i += 1) enqueue(i % 2 === 0 ? `sale-${i}` : `flaky-${i}`);
    enqueue('menu-1', null, 'ecommerce:menu');
    expectCountsAgree();

    // A claim leaves items in flight; a crash puts them back.
    claimBatch(database.db, 'metrc', 3, new Date(clock));
    expectCountsAgree();
    recoverInFlight(database.db, new Date(clock));
    expectCountsAgree();

    const dispatcher = new Dispatcher({ db: database.db, adapters: [new ScriptedLane()], retry: { initialDelayMs: 1, maxDelayMs: 5 }, idlePollMs: 5 });
    await dispatcher.drain('metrc', 5_000);
    expectCountsAgree();
    expect(laneBacklog(database.db, 'metrc')).toMatchObject({ dead: 2, held: 3, pending: 3 });

    const now = new Date(clock);
    resolveDeadLetter(database.db, { itemId: poison2, reason: 'Entered in Metrc by hand', staffId: 'staff-demo-manager', terminalId: 'terminal-demo-1', now });
    expectCountsAgree();
    retryDeadLetter(database.db, { itemId: poison, staffId: 'staff-demo-manager', terminalId: 'terminal-demo-1', now });
    expectCountsAgree();
    await dispatcher.drain('metrc', 5_000);
    expectCountsAgree();
    retryDeadLane(database.db, { destination: 'metrc', staffId: 'staff-demo-manager', terminalId: 'terminal-demo-1', now });
    expectCountsAgree();

    // Writes outside the register's own paths (a support fix by hand) are counted too.
    database.db.run(sql`UPDATE outbox SET destination = 'ecommerce:menu' WHERE aggregate_id = 'sale-0'`);
    expectCountsAgree();
    database.db.run(sql`DELETE FROM outbox WHERE aggregate_id = 'menu-1'`);
    expectCountsAgree();
  });
});
