import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { outbox } from '../../../../src/main/platform/db/schema';
import { Dispatcher } from '../../../../src/main/features/sync/dispatcher';
import { claimBatch } from '../../../../src/main/features/sync/outbox';
import { DestinationUnavailable, type ItemOutcome, type LaneAdapter, type OutboxItem } from '../../../../src/shared/sync/lane';
import { openTempDatabase, type TempDatabase } from '../../../support/temp-db';

/**
 * Several batches in flight on a lane that orders per aggregate (issue #18):
 * bounded, never the same item twice, never an item before what it depends
 * on or before an earlier item of its sale, and nothing lost when an answer is.
 */
let database: TempDatabase;
beforeEach(() => {
  database = openTempDatabase();
});
afterEach(() => database.dispose());

const t0 = new Date('2026-11-24T18:00:00Z');
function enqueue(kind: string, aggregateId: string, dependsOn: number | null = null): number {
  return database.db
    .insert(outbox)
    .values({ destination: 'metrc', kind, aggregateId, payload: { aggregateId }, dependsOn, nextAttemptAt: t0, createdAt: t0, updatedAt: t0 })
    .returning({ id: outbox.id })
    .get().id;
}
const statuses = () => database.sqlite.prepare('SELECT status, count(*) AS n FROM outbox GROUP BY status ORDER BY status').all();
const fast = { retry: { initialDelayMs: 1, maxDelayMs: 5 }, breaker: { failures: 2, halfOpenAfterMs: 100, maxHalfOpenAfterMs: 100 }, idlePollMs: 5 };

/** A destination that answers each batch after a (seeded) delay, and records when each item went and when its answer came. */
class SlowLane implements LaneAdapter {
  readonly destination = 'metrc';
  readonly ordering = 'aggregate';
  readonly batchSize: number;
  readonly inFlight: number;
  out = 0;
  mostOut = 0;
  calls = 0;
  probes = 0;
  down = false;
  readonly sentAt = new Map<number, number[]>();
  readonly answeredAt = new Map<number, number>();
  readonly items = new Map<number, OutboxItem>();
  #tick = 0;
  #seed = 42;
  readonly #lose: (item: OutboxItem) => boolean;

  constructor(options: { batchSize: number; inFlight: number; lose?: (item: OutboxItem) => boolean }) {
    this.batchSize = options.batchSize;
    this.inFlight = options.inFlight;
    this.#lose = options.lose ?? (() => false);
  }

  async deliver(items: readonly OutboxItem[]): Promise<ReadonlyMap<number, ItemOutcome>> {
    this.calls += 1;
    const outcomes = new Map<number, ItemOutcome>();
    if (this.down) {
      await new Promise((resolve) => setTimeout(resolve, 2));
      const unavailable = new DestinationUnavailable('unreachable', 'Metrc could not be reached (ECONNREFUSED).', { maybeDelivered: false });
      for (const item of items) outcomes.set(item.id, { status: 'retry', error: unavailable.message, unavailable });
      return outcomes;
    }
    this.out += 1;
    this.mostOut = Math.max(this.mostOut, this.out);
    try {
      for (const item of items) {
        this.#tick += 1;
        this.sentAt.set(item.id, [...(this.sentAt.get(item.id) ?? []), this.#tick]);
        this.items.set(item.id, item);
        await new Promise((resolve) => setTimeout(resolve, this.#delay()));
        if (this.#lose(item)) {
          outcomes.set(item.id, { status: 'retry', error: 'the answer was lost' });
          continue;
        }
        this.#tick += 1;
        this.answeredAt.set(item.id, this.#tick);
        outcomes.set(item.id, { status: 'done', externalIds: { receiptId: item.id } });
      }
    } finally {
      this.out -= 1;
    }
    return outcomes;
  }

  probe(): Promise<void> {
    this.probes += 1;
    return this.down ? Promise.reject(new DestinationUnavailable('unreachable', 'down', { maybeDelivered: false })) : Promise.resolve();
  }

  #delay(): number {
    this.#seed = (this.#seed * 1_103_515_245 + 12_345) % 2 ** 31;
    return this.#seed % 4;
  }
}

describe('several batches in flight', () => {
  it('keeps up to inFlight batches out, sends every item once, and each follow-up only after its receipt and the earlier ones of its sale came back', async () => {
    const receipts = new Map<string, number>();
    const followUps: Array<{ id: number; sale: string; dependsOn: number }> = [];
    for (let i = 0; i < 120; i += 1) {
      const sale = `sale-${i}`;
      receipts.set(sale, enqueue('receipt.create', sale));
      // Every third sale is returned twice, then voided; every fifth only voided, right behind its receipt.
      if (i % 3 === 0) {
        for (const kind of ['receipt.return', 'receipt.return', 'receipt.void']) {
          const dependsOn = receipts.get(sale) ?? 0;
          followUps.push({ id: enqueue(kind, sale, dependsOn), sale, dependsOn });
        }
      } else if (i % 5 === 0) {
        const dependsOn = receipts.get(sale) ?? 0;
        followUps.push({ id: enqueue('receipt.void', sale, dependsOn), sale, dependsOn });
      }
    }
    const lane = new SlowLane({ batchSize: 4, inFlight: 3 });
    const result = await new Dispatcher({ db: database.db, adapters: [lane], ...fast }).drain('metrc', 20_000);

    expect(result).toMatchObject({ pending: 0, deadLettered: 0 });
    expect(lane.mostOut).toBe(3);
    expect([...lane.sentAt.values()].every((times) => times.length === 1)).toBe(true);
    expect(lane.sentAt.size).toBe(receipts.size + followUps.length);
    for (const followUp of followUps) {
      const sent = lane.sentAt.get(followUp.id)?.[0] ?? 0;
      // Never before its receipt's answer, and it carries what the receipt got back.
      expect(sent, `item ${followUp.id}`).toBeGreaterThan(lane.answeredAt.get(followUp.dependsOn) ?? Infinity);
      expect(lane.items.get(followUp.id)?.dependencyExternalIds).toEqual({ receiptId: followUp.dependsOn });
      // Never before an earlier item of its sale came back.
      for (const earlier of followUps.filter((f) => f.sale === followUp.sale && f.id < followUp.id))
        expect(sent, `item ${followUp.id} after ${earlier.id}`).toBeGreaterThan(lane.answeredAt.get(earlier.id) ?? Infinity);
    }
    expect(statuses()).toEqual([{ status: 'done', n: receipts.size + followUps.length }]);
  });

  it('a lane in lane order (the default) keeps one batch out', async () => {
    for (let i = 0; i < 20; i += 1) enqueue('receipt.create', `sale-${i}`);
    const lane = new SlowLane({ batchSize: 2, inFlight: 5 });
    const inLaneOrder = Object.assign(lane, { ordering: 'lane' });
    await new Dispatcher({ db: database.db, adapters: [inLaneOrder], ...fast }).drain('metrc', 10_000);
    expect(lane.mostOut).toBe(1);
  });

  it('an item whose answer was lost goes again (marked as a second attempt) before anything of its sale; nothing is sent twice otherwise', async () => {
    const lostOnce = new Set<number>();
    const r1 = enqueue('receipt.create', 'sale-1');
    const v1 = enqueue('receipt.void', 'sale-1', r1);
    for (let i = 2; i < 30; i += 1) enqueue('receipt.create', `sale-${i}`);
    const lane = new SlowLane({
      batchSize: 3,
      inFlight: 4,
      lose: (item) => {
        if (item.id !== r1 || lostOnce.has(item.id)) return false;
        lostOnce.add(item.id);
        return true;
      },
    });
    const result = await new Dispatcher({ db: database.db, adapters: [lane], ...fast }).drain('metrc', 10_000);
    expect(result).toMatchObject({ pending: 0, deadLettered: 0 });
    expect(lane.sentAt.get(r1)).toHaveLength(2);
    expect(lane.items.get(r1)?.attempts).toBe(2);
    expect(lane.sentAt.get(v1)?.[0]).toBeGreaterThan(lane.answeredAt.get(r1) ?? Infinity);
    expect([...lane.sentAt.entries()].filter(([id, times]) => id !== r1 && times.length !== 1)).toEqual([]);
  });

  it('during an outage with several batches out, the circuit opens: no batch leaves while it is open, nothing is dropped or sent twice', async () => {
    for (let i = 0; i < 60; i += 1) enqueue('receipt.create', `sale-${i}`);
    const lane = new SlowLane({ batchSize: 3, inFlight: 4 });
    lane.down = true;
    const dispatcher = new Dispatcher({ db: database.db, adapters: [lane], ...fast });
    await dispatcher.drain('metrc', 1_000);
    // The first four batches were out together; after that, only probes and the odd half-open trial.
    expect(lane.calls + lane.probes).toBeLessThan(25);
    expect(dispatcher.connectivity('metrc')).toMatchObject({ online: false, circuit: 'open' });
    expect(statuses()).toEqual([{ status: 'pending', n: 60 }]);
    lane.down = false;
    const result = await dispatcher.drain('metrc', 10_000);
    expect(result).toMatchObject({ pending: 0, deadLettered: 0 });
    expect(lane.sentAt.size).toBe(60);
    expect([...lane.sentAt.values()].every((times) => times.length === 1)).toBe(true);
  });

  it('batches left in flight by a crash are all pending again at the next start, counted as attempted', () => {
    for (let i = 0; i < 9; i += 1) enqueue('receipt.create', `sale-${i}`);
    claimBatch(database.db, 'metrc', 3, t0, 'aggregate');
    claimBatch(database.db, 'metrc', 3, t0, 'aggregate');
    expect(statuses()).toEqual([
      { status: 'in_flight', n: 6 },
      { status: 'pending', n: 3 },
    ]);
    new Dispatcher({ db: database.db, adapters: [new SlowLane({ batchSize: 3, inFlight: 2 })], ...fast });
    expect(statuses()).toEqual([{ status: 'pending', n: 9 }]);
    expect(database.sqlite.prepare('SELECT sum(attempts) AS n FROM outbox').get()).toEqual({ n: 6 });
  });
});
