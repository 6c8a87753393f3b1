import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { outbox } from '../../../../src/main/platform/db/schema';
import { Dispatcher } from '../../../../src/main/features/sync/dispatcher';
import { DestinationUnavailable, type ItemOutcome, type LaneAdapter, type OutboxItem } from '../../../../src/shared/sync/lane';
import { syncStatus } from '../../../../src/main/features/sync/status';
import { syncNotRunning } from '../../../../src/main/features/sync/monitor';
import { openTempDatabase, type TempDatabase } from '../../../support/temp-db';

let database: TempDatabase;
beforeEach(() => {
  database = openTempDatabase({ demo: true });
});
afterEach(() => database.dispose());

const t0 = new Date('2026-11-24T18:00:00Z');
function enqueue(kind: string, aggregateId: string, dependsOn: number | null = null, destination = 'metrc'): number {
  return database.db
    .insert(outbox)
    .values({ destination, kind, aggregateId, payload: { aggregateId }, dependsOn, nextAttemptAt: t0, createdAt: t0, updatedAt: t0 })
    .returning({ id: outbox.id })
    .get().id;
}
const statuses = () =>
  database.sqlite.prepare("SELECT id, status FROM outbox WHERE destination = 'metrc' ORDER BY id").all() as Array<{ id: number; status: string }>;

/** A destination scripted per call: records what it was sent, in order. */
class ScriptedLane implements LaneAdapter {
  readonly destination = 'metrc';
  readonly batchSize = 3;
  readonly sent: OutboxItem[] = [];
  probes = 0;
  calls = 0;
  readonly #answer: (item: OutboxItem) => ItemOutcome | 'outage' | 'crash';

  constructor(answer: (item: OutboxItem) => ItemOutcome | 'outage' | 'crash') {
    this.#answer = answer;
  }
  deliver(items: readonly OutboxItem[]): Promise<ReadonlyMap<number, ItemOutcome>> {
    this.calls += 1;
    const outcomes = new Map<number, ItemOutcome>();
    for (const item of items) {
      const answer = this.#answer(item);
      if (answer === 'crash') throw new Error('adapter bug');
      if (answer === 'outage') {
        const unavailable = new DestinationUnavailable('unreachable', 'Metrc could not be reached (ECONNREFUSED).', { maybeDelivered: false });
        for (const rest of items) if (!outcomes.has(rest.id)) outcomes.set(rest.id, { status: 'retry', error: unavailable.message, unavailable });
        break;
      }
      this.sent.push(item);
      outcomes.set(item.id, answer);
    }
    return Promise.resolve(outcomes);
  }
  probe(): Promise<void> {
    this.probes += 1;
    const answer = this.#answer({
      id: 0,
      kind: 'probe',
      aggregateId: '',
      payload: null,
      attempts: 1,
      firstAttemptAt: null,
      createdAt: new Date(0),
      dependencyExternalIds: null,
      dependencyPayload: null,
      earlier: [],
    });
    return answer === 'outage' ? Promise.reject(new DestinationUnavailable('unreachable', 'down', { maybeDelivered: false })) : Promise.resolve();
  }
}

const fast = { retry: { initialDelayMs: 1, maxDelayMs: 5 }, breaker: { failures: 2, halfOpenAfterMs: 100, maxHalfOpenAfterMs: 100 }, idlePollMs: 5 };

describe('dispatcher', () => {
  it('sends in FIFO order and a void only after its receipt is done', async () => {
    const a = enqueue('receipt.create', 'sale-a');
    const b = enqueue('receipt.create', 'sale-b');
    enqueue('receipt.void', 'sale-a', a);
    enqueue('receipt.return', 'sale-b', b);
    const lane = new ScriptedLane(() => ({ status: 'done', externalIds: { receiptId: 1 } }));
    await new Dispatcher({ db: database.db, adapters: [lane], ...fast }).drain('metrc', 5_000);
    expect(lane.sent.map((i) => `${i.kind}:${i.aggregateId}`)).toEqual([
      'receipt.create:sale-a',
      'receipt.create:sale-b',
      'receipt.void:sale-a',
      'receipt.return:sale-b',
    ]);
    // The follow-up sees what the destination returned for its receipt.
    expect(lane.sent[2]?.dependencyExternalIds).toEqual({ receiptId: 1 });
    expect(statuses().every((s) => s.status === 'done')).toBe(true);
  });

  it('a parked item holds only what depends on it', async () => {
    const poison = enqueue('receipt.create', 'sale-poison');
    enqueue('receipt.void', 'sale-poison', poison);
    enqueue('receipt.create', 'sale-ok');
    const lane = new ScriptedLane((item) => (item.aggregateId === 'sale-poison' ? { status: 'dead', error: 'Package X does not exist' } : { status: 'done' }));
    const result = await new Dispatcher({ db: database.db, adapters: [lane], ...fast }).drain('metrc', 5_000);
    expect(result).toMatchObject({ deadLettered: 1, pending: 1, confirmed: 1 });
    expect(statuses().map((s) => s.status)).toEqual(['dead', 'pending', 'done']);
  });

  it('during an outage the circuit opens: a handful of attempts, not one per item; nothing is dropped', async () => {
    for (let i = 0; i < 60; i += 1) enqueue('receipt.create', `sale-${i}`);
    let down = true;
    const lane = new ScriptedLane(() => (down ? 'outage' : { status: 'done' }));
    const dispatcher = new Dispatcher({ db: database.db, adapters: [lane], ...fast });
    await dispatcher.drain('metrc', 1_000);
    expect(lane.calls + lane.probes).toBeLessThan(25);
    expect(dispatcher.connectivity('metrc')).toMatchObject({ online: false, circuit: 'open' });
    expect(statuses().filter((s) => s.status === 'pending')).toHaveLength(60);
    down = false;
    const result = await dispatcher.drain('metrc', 10_000);
    expect(result.pending).toBe(0);
    expect(lane.sent).toHaveLength(60);
    expect(dispatcher.connectivity('metrc')).toMatchObject({ online: true, circuit: 'closed' });
  });

  it('an adapter bug puts the batch back, marked attempted, instead of losing it', async () => {
    enqueue('receipt.create', 'sale-a');
    let broken = true;
    const lane = new ScriptedLane(() => (broken ? 'crash' : { status: 'done' }));
    const dispatcher = new Dispatcher({ db: database.db, adapters: [lane], ...fast });
    await dispatcher.drain('metrc', 100, false);
    expect(database.sqlite.prepare('SELECT status, attempts, last_error AS error FROM outbox').get()).toEqual({
      status: 'pending',
      attempts: 1,
      error: 'adapter bug',
    });
    broken = false;
    await dispatcher.drain('metrc', 5_000);
    expect(lane.sent[0]?.attempts).toBe(2);
    expect(statuses()[0]?.status).toBe('done');
  });

  it('an item left in flight by a crash is pending again at start, counted as attempted', () => {
    const id = enqueue('receipt.create', 'sale-a');
    database.sqlite.prepare("UPDATE outbox SET status = 'in_flight', attempts = 1 WHERE id = ?").run(id);
    new Dispatcher({ db: database.db, adapters: [new ScriptedLane(() => ({ status: 'done' }))], ...fast });
    expect(database.sqlite.prepare('SELECT status, attempts FROM outbox WHERE id = ?').get(id)).toEqual({ status: 'pending', attempts: 1 });
  });
});

describe('sync status', () => {
  it('counts the backlog per lane and warns when California’s 24-hour deadline is at risk', () => {
    enqueue('receipt.create', 'sale-a');
    enqueue('inventory.adjust', 'sale-a', null, 'ecommerce:menu');
    const at = (hours: number) => new Date(t0.getTime() + hours * 3_600_000);
    const lane = (hours: number) => syncStatus(database.db, syncNotRunning, 'CA', at(hours)).lanes.find((l) => l.destination === 'metrc');
    expect(lane(1)).toMatchObject({ pending: 1, configured: false, online: null, deadline: { hours: 24, risk: 'ok' } });
    expect(lane(19)?.deadline?.risk).toBe('at_risk');
    expect(lane(25)?.deadline?.risk).toBe('overdue');
    // The menu lane is not set up: listed with its count, not added to what the store owes.
    const status = syncStatus(database.db, syncNotRunning, 'CA', at(1));
    expect(status.backlog).toBe(1);
    expect(status.lanes.find((l) => l.destination === 'ecommerce:menu')).toMatchObject({ pending: 1, configured: false });
  });
});
