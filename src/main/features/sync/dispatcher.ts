import { BrokenCircuitError, CircuitState, ConsecutiveBreaker, ExponentialBackoff, circuitBreaker, handleWhen, type CircuitBreakerPolicy } from 'cockatiel';
import type { RegisterDb } from '../../platform/db/open';
import { logger } from '../../platform/logging/logger';
import { DestinationUnavailable, type DownstreamBacklog, type ItemOutcome, type LaneAdapter, type OutboxItem } from '../../../shared/sync/lane';
import { claimBatch, recoverInFlight, settleAndClaim, settleBatch, type LaneOrdering } from './outbox';
import { retryDelayMs, type RetryDelayOptions } from './retry-delay';
import { laneBacklog } from './backlog';

export interface DispatcherOptions {
  readonly db: RegisterDb;
  readonly adapters: readonly LaneAdapter[];
  readonly now?: () => Date;
  readonly retry?: RetryDelayOptions;
  /** Circuit: consecutive outages before it opens, and how long it stays open before a probe (grows while the outage lasts). */
  readonly breaker?: { readonly failures?: number; readonly halfOpenAfterMs?: number; readonly maxHalfOpenAfterMs?: number };
  /** How often an idle lane looks for new work. */
  readonly idlePollMs?: number;
}

/** What the dispatcher knows of a destination that the database does not: is it answering right now. */
export interface LaneConnectivity {
  readonly destination: string;
  /** null until the first contact. */
  readonly online: boolean | null;
  readonly circuit: 'closed' | 'open' | 'probing';
  readonly lastError: string | null;
  /** What the destination still owes further on (the store server's Metrc queue), or null. */
  readonly downstream?: DownstreamBacklog | null;
}

export interface DrainResult {
  readonly sent: number;
  readonly confirmed: number;
  readonly deadLettered: number;
  readonly pending: number;
}

type Pass = 'worked' | 'idle' | 'offline';

/**
 * Delivers the outbox, one loop per destination lane. Each pass claims a
 * small batch (FIFO, dependencies first), hands it to the lane's adapter
 * through a circuit breaker, and settles every item: done, parked (dead) or
 * retried later with full-jitter backoff. A lane that orders per aggregate
 * (Metrc) keeps several batches out at once, never two items of one
 * aggregate, nor an item and its dependency. While the breaker is open the
 * lane costs nothing; when it half-opens, one cheap probe decides.
 */
export class Dispatcher {
  readonly #db: RegisterDb;
  readonly #now: () => Date;
  readonly #retry: RetryDelayOptions;
  readonly #idlePollMs: number;
  readonly #lanes: Map<string, Lane>;
  #running = false;
  #wake: Array<() => void> = [];
  readonly #loops: Array<Promise<void>> = [];
  /** The last database write queued by a lane (see #inTurn). */
  #turn: Promise<unknown> = Promise.resolve();

  constructor(options: DispatcherOptions) {
    this.#db = options.db;
    this.#now = options.now ?? (() => new Date());
    this.#retry = options.retry ?? {};
    this.#idlePollMs = options.idlePollMs ?? 1_000;
    this.#lanes = new Map(options.adapters.map((adapter) => [adapter.destination, new Lane(adapter, options.breaker ?? {})]));
    recoverInFlight(this.#db, this.#now());
  }

  get destinations(): readonly string[] {
    return [...this.#lanes.keys()];
  }

  connectivity(destination: string): LaneConnectivity | null {
    return this.#lanes.get(destination)?.connectivity() ?? null;
  }

  /** Runs every lane in the background until `stop()`. */
  start(): void {
    if (this.#running) return;
    this.#running = true;
    for (const lane of this.#lanes.values()) this.#loops.push(this.#loop(lane));
  }

  async stop(): Promise<void> {
    this.#running = false;
    this.wake();
    await Promise.all(this.#loops.splice(0));
  }

  /** New work was queued (a sale was rung): do not wait for the next poll. */
  wake(): void {
    for (const resolve of this.#wake.splice(0)) resolve();
  }

  /**
   * Works one lane until it is empty or time runs out (support command,
   * tests, benchmarks). With `untilDrained: false` it stops at the first
   * pass that could not deliver, rather than waiting out backoff.
   */
  async drain(destination: string, timeoutMs: number, untilDrained = true): Promise<DrainResult> {
    const lane = this.#lanes.get(destination);
    if (lane === undefined) throw new Error(`no adapter for lane ${destination}`);
    const deadline = Date.now() + timeoutMs;
    await this.#work(
      lane,
      () => Date.now() < deadline,
      async (pass) => {
        if (Date.now() >= deadline || !untilDrained || laneBacklog(this.#db, destination).ready === 0) return false;
        await this.#sleep(Math.min(pass === 'offline' ? 200 : 50, Math.max(0, deadline - Date.now())));
        return Date.now() < deadline;
      },
    );
    const backlog = laneBacklog(this.#db, destination);
    return { ...lane.counts, pending: backlog.pending };
  }

  async #loop(lane: Lane): Promise<void> {
    await this.#work(
      lane,
      () => this.#running,
      async () => {
        await this.#sleep(this.#idlePollMs);
        return this.#running;
      },
    );
  }

  /**
   * Keeps up to the lane's `inFlight` batches out while `going()`: a batch
   * is claimed as soon as a slot is free, and again whenever one comes back
   * (its answer may release items that waited on it). When nothing can be
   * claimed and nothing is out, or a batch came back undelivered, `pause`
   * decides whether (and after how long) to go on; no new batch leaves
   * after an undelivered one until every batch out has come back.
   */
  async #work(lane: Lane, going: () => boolean, pause: (pass: 'idle' | 'offline') => Promise<boolean>): Promise<void> {
    const flights = new Set<Promise<void>>();
    let offline = false;
    const launch = (batch: readonly OutboxItem[]): void => {
      const flight = this.#deliver(lane, batch, () => !offline && going() && lane.closed).then(({ pass, next }) => {
        if (pass === 'offline') offline = true;
        flights.delete(flight);
        if (next.length > 0) launch(next);
      });
      flights.add(flight);
    };
    try {
      for (;;) {
        if (!offline && going() && flights.size < lane.inFlight) {
          const claimed = await this.#claim(lane);
          if (typeof claimed !== 'string') {
            launch(claimed);
            continue;
          }
          if (claimed === 'offline') offline = true;
        }
        if (flights.size > 0) {
          await Promise.race(flights);
          // Let timers and the screen's requests in between batches, as a pass always did.
          await new Promise((resolve) => setImmediate(resolve));
          continue;
        }
        if (!going() || !(await pause(offline ? 'offline' : 'idle'))) return;
        offline = false;
      }
    } finally {
      while (flights.size > 0) await Promise.all(flights);
    }
  }

  async #claim(lane: Lane): Promise<OutboxItem[] | 'idle' | 'offline'> {
    try {
      if (!(await lane.reachable())) return 'offline';
      const batch = await this.#inTurn(() => claimBatch(this.#db, lane.adapter.destination, lane.adapter.batchSize, this.#now(), lane.ordering));
      return batch.length === 0 ? 'idle' : batch;
    } catch (error) {
      logger.error({ err: error, destination: lane.adapter.destination }, 'sync pass failed');
      return 'offline';
    }
  }

  /**
   * Sends a batch and settles what comes back. A lane that orders per
   * aggregate claims its next batch in the settling transaction (one commit
   * for both) when the whole batch was delivered and `more()` still holds.
   */
  async #deliver(lane: Lane, batch: readonly OutboxItem[], more: () => boolean): Promise<{ pass: Pass; next: readonly OutboxItem[] }> {
    try {
      const outcomes = await lane.deliver(batch);
      const retryAfter = new Map<number, number | undefined>();
      for (const [id, outcome] of outcomes) if (outcome.status === 'retry') retryAfter.set(id, outcome.unavailable?.retryAfterMs);
      const attempts = new Map(batch.map((item) => [item.id, item.attempts]));
      const delay = (id: number): number => retryDelayMs(attempts.get(id) ?? 1, this.#retry, retryAfter.get(id));
      const pass: Pass = retryAfter.size > 0 ? 'offline' : 'worked';
      const next = await this.#inTurn(() => {
        const destination = lane.adapter.destination;
        if (pass === 'worked' && lane.ordering === 'aggregate' && more())
          return settleAndClaim(this.#db, destination, outcomes, delay, this.#now(), { limit: lane.adapter.batchSize, ordering: lane.ordering });
        settleBatch(this.#db, destination, outcomes, delay, this.#now());
        return [];
      });
      lane.count(outcomes);
      return { pass, next };
    } catch (error) {
      // A bug or a database error must not kill the lane; the items stay in the outbox (in flight until the next start).
      logger.error({ err: error, destination: lane.adapter.destination }, 'sync pass failed');
      return { pass: 'offline', next: [] };
    }
  }

  /**
   * Claims and settlements (each a committed write: an fsync) one per turn
   * of the event loop, in the order asked: when several batches' answers
   * arrive together, the screen's requests and timers still get in between.
   */
  #inTurn<T>(write: () => T): Promise<T> {
    const done = this.#turn.then(() => new Promise<void>((resolve) => setImmediate(resolve))).then(write);
    this.#turn = done.catch(() => undefined);
    return done;
  }

  #sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      this.#wake.push(done);
      function done(): void {
        clearTimeout(timer);
        resolve();
      }
    });
  }
}

/** One destination: its adapter, its circuit breaker and what it last saw. */
class Lane {
  readonly adapter: LaneAdapter;
  readonly ordering: LaneOrdering;
  /** Batches out at once: one unless the destination orders per aggregate. */
  readonly inFlight: number;
  readonly #breaker: CircuitBreakerPolicy;
  #online: boolean | null = null;
  #lastError: string | null = null;
  readonly counts = { sent: 0, confirmed: 0, deadLettered: 0 };

  constructor(adapter: LaneAdapter, options: NonNullable<DispatcherOptions['breaker']>) {
    this.adapter = adapter;
    this.ordering = adapter.ordering ?? 'lane';
    this.inFlight = this.ordering === 'aggregate' ? Math.max(1, Math.floor(adapter.inFlight ?? 1)) : 1;
    // Rate limiting is not an outage: it is honoured per item through Retry-After, not by opening the circuit.
    this.#breaker = circuitBreaker(
      handleWhen((error) => error instanceof DestinationUnavailable && error.reason !== 'rate_limited'),
      {
        halfOpenAfter: new ExponentialBackoff({ initialDelay: options.halfOpenAfterMs ?? 2_000, maxDelay: options.maxHalfOpenAfterMs ?? 60_000 }),
        breaker: new ConsecutiveBreaker(options.failures ?? 2),
      },
    );
  }

  connectivity(): LaneConnectivity {
    const state = this.#breaker.state;
    return {
      destination: this.adapter.destination,
      online: this.#online,
      circuit: state === CircuitState.Closed ? 'closed' : state === CircuitState.HalfOpen ? 'probing' : 'open',
      lastError: this.#lastError,
      downstream: this.adapter.downstream?.() ?? null,
    };
  }

  /** The circuit lets requests through without a probe (a batch may follow the last one at once). */
  get closed(): boolean {
    return this.#breaker.state === CircuitState.Closed;
  }

  /** Closed circuit: go. Open: wait (free) until it half-opens, then one probe decides. */
  async reachable(): Promise<boolean> {
    if (this.#breaker.state === CircuitState.Closed) return true;
    try {
      await this.#breaker.execute(() => this.adapter.probe());
      this.#seen(true, null);
      return true;
    } catch (error) {
      if (!(error instanceof BrokenCircuitError)) this.#seen(false, error instanceof Error ? error.message : String(error));
      return false;
    }
  }

  async deliver(batch: readonly OutboxItem[]): Promise<ReadonlyMap<number, ItemOutcome>> {
    let outcomes: ReadonlyMap<number, ItemOutcome> = new Map();
    try {
      await this.#breaker.execute(async () => {
        outcomes = await this.adapter.deliver(batch);
        const outage = [...outcomes.values()].find((o) => o.status === 'retry' && o.unavailable !== undefined);
        // Re-thrown so the breaker counts it; the outcomes already gathered are kept.
        if (outage?.status === 'retry' && outage.unavailable !== undefined) throw outage.unavailable;
      });
      this.#seen(true, null);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      if (error instanceof DestinationUnavailable) this.#seen(error.reason === 'rate_limited', message);
      else if (!(error instanceof BrokenCircuitError)) logger.error({ err: error, destination: this.adapter.destination }, 'sync adapter failed');
      // Nothing is dropped: whatever has no outcome goes back to wait.
      const complete = new Map(outcomes);
      for (const item of batch) if (!complete.has(item.id)) complete.set(item.id, { status: 'retry', error: message });
      outcomes = complete;
    }
    return outcomes;
  }

  count(outcomes: ReadonlyMap<number, ItemOutcome>): void {
    for (const outcome of outcomes.values()) {
      if (outcome.status === 'done') {
        this.counts.sent += outcome.confirmedByLookup === true ? 0 : 1;
        this.counts.confirmed += 1;
      } else if (outcome.status === 'dead') this.counts.deadLettered += 1;
    }
  }

  #seen(online: boolean, error: string | null): void {
    this.#online = online;
    this.#lastError = error;
  }
}
