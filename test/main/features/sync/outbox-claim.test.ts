import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { outbox } from '../../../../src/main/platform/db/schema';
import { claimBatch, settleBatch, type LaneOrdering } from '../../../../src/main/features/sync/outbox';
import type { ItemOutcome } from '../../../../src/shared/sync/lane';
import { openTempDatabase, type TempDatabase } from '../../../support/temp-db';

/**
 * Claiming a batch (issue #18): with per-aggregate ordering, an item that
 * waits on its receipt (or on an earlier item of its sale) no longer cuts
 * the batch short — the items behind it that do not depend on it fill it —
 * and a second claim while the first batch is out never takes the same
 * item, an item whose dependency is out, or a later item of a sale that has
 * one out.
 */
let database: TempDatabase;
beforeEach(() => {
  database = openTempDatabase();
});
afterEach(() => database.dispose());

const now = new Date('2026-11-24T18:00:00Z');
function enqueue(kind: string, aggregateId: string, dependsOn: number | null = null, nextAttemptAt = now): number {
  return database.db
    .insert(outbox)
    .values({ destination: 'metrc', kind, aggregateId, payload: { aggregateId }, dependsOn, nextAttemptAt, createdAt: now, updatedAt: now })
    .returning({ id: outbox.id })
    .get().id;
}
const claim = (limit: number, ordering: LaneOrdering = 'aggregate') => claimBatch(database.db, 'metrc', limit, now, ordering).map((i) => i.id);
function settle(ids: readonly number[], outcome: ItemOutcome = { status: 'done', externalIds: { receiptId: 7 } }): void {
  settleBatch(database.db, 'metrc', new Map(ids.map((id) => [id, outcome])), () => 60_000, now);
}
const status = (id: number) => (database.sqlite.prepare('SELECT status FROM outbox WHERE id = ?').get(id) as { status: string }).status;

describe('claiming a batch', () => {
  it('fills the batch past a void and a return waiting on their receipts; they go once their receipts are delivered', () => {
    const r1 = enqueue('receipt.create', 'sale-1');
    const v1 = enqueue('receipt.void', 'sale-1', r1);
    const r2 = enqueue('receipt.create', 'sale-2');
    const t2 = enqueue('receipt.return', 'sale-2', r2);
    const r3 = enqueue('receipt.create', 'sale-3');
    const r4 = enqueue('receipt.create', 'sale-4');

    const first = claim(10);
    expect(first).toEqual([r1, r2, r3, r4]);
    // While those are out, what waits on them stays: a second batch has nothing to take.
    expect(claim(10)).toEqual([]);
    expect([v1, t2].map(status)).toEqual(['pending', 'pending']);

    settle(first);
    const items = claimBatch(database.db, 'metrc', 10, now, 'aggregate');
    expect(items.map((i) => i.id)).toEqual([v1, t2]);
    // Each follow-up carries what Metrc returned for its receipt.
    expect(items.map((i) => i.dependencyExternalIds)).toEqual([{ receiptId: 7 }, { receiptId: 7 }]);
  });

  it('in lane order (the default, e.g. the store lane) the first waiting item still ends the batch', () => {
    const r1 = enqueue('receipt.create', 'sale-1');
    enqueue('receipt.void', 'sale-1', r1);
    enqueue('receipt.create', 'sale-2');
    expect(claimBatch(database.db, 'metrc', 10, now).map((i) => i.id)).toEqual([r1]);
    expect(claim(10, 'lane')).toEqual([]);
  });

  it('a sale with an item out holds its later items, even those whose own dependency is delivered; other sales still go', () => {
    const r1 = enqueue('receipt.create', 'sale-1');
    settle([r1]);
    const returnA = enqueue('receipt.return', 'sale-1', r1);
    const returnB = enqueue('receipt.return', 'sale-1', r1);
    const r2 = enqueue('receipt.create', 'sale-2');

    expect(claim(1)).toEqual([returnA]);
    // returnB's receipt is delivered, but returnA (same sale) is out: the second return must not overtake the first.
    expect(claim(10)).toEqual([r2]);
    expect(status(returnB)).toBe('pending');
    settle([returnA]);
    expect(claim(10)).toEqual([returnB]);
  });

  it('two returns of one sale may share a batch, in order (the adapter sends a batch’s items of one sale in turn)', () => {
    const r1 = enqueue('receipt.create', 'sale-1');
    settle([r1]);
    const returnA = enqueue('receipt.return', 'sale-1', r1);
    const returnB = enqueue('receipt.return', 'sale-1', r1);
    expect(claim(10)).toEqual([returnA, returnB]);
  });

  it('an item backing off holds its sale only; in lane order it holds the lane', () => {
    const later = new Date(now.getTime() + 60_000);
    const r1 = enqueue('receipt.create', 'sale-1', null, later);
    const v1 = enqueue('receipt.void', 'sale-1', r1);
    const r2 = enqueue('receipt.create', 'sale-2');
    expect(claim(10, 'lane')).toEqual([]);
    expect(claim(10)).toEqual([r2]);
    expect([r1, v1].map(status)).toEqual(['pending', 'pending']);
  });

  it('a receipt sent back to wait (its answer was lost) goes again before anything of its sale', () => {
    const r1 = enqueue('receipt.create', 'sale-1');
    const v1 = enqueue('receipt.void', 'sale-1', r1);
    expect(claim(10)).toEqual([r1]);
    settleBatch(database.db, 'metrc', new Map([[r1, { status: 'retry', error: 'timeout' } satisfies ItemOutcome]]), () => 0, now);
    const again = claimBatch(database.db, 'metrc', 10, now, 'aggregate');
    expect(again.map((i) => [i.id, i.attempts])).toEqual([[r1, 2]]);
    expect(status(v1)).toBe('pending');
  });

  it('looks past a long run of waiting items to fill the batch', () => {
    const r0 = enqueue('receipt.create', 'sale-0');
    expect(claim(1)).toEqual([r0]);
    // 250 follow-ups of the receipt that is out (more than one page of candidates), then new sales.
    for (let i = 0; i < 250; i += 1) enqueue('receipt.return', 'sale-0', r0);
    const fresh = Array.from({ length: 5 }, (_, i) => enqueue('receipt.create', `sale-${i + 1}`));
    expect(claim(10)).toEqual(fresh);
  });
});
