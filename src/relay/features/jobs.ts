import { and, asc, eq, isNull, lte, sql } from 'drizzle-orm';
import { statusRank } from '../../shared/domain/online-orders/platform-status';
import type { RelayDb } from '../db/open';
import { relayConnections, relayJobs, type RelayConnection, type RelayJob } from '../db/schema';

/**
 * The relay's outbound jobs (Leafly acknowledgements and status changes): a
 * table-backed queue. A worker claims one due job with `FOR UPDATE SKIP
 * LOCKED`, calls the platform while holding it, and records the outcome in
 * the same transaction; a crash mid-call leaves the job to run again, and a
 * status job first asks the platform whether the change already landed, so each
 * status reaches it once. One order's jobs run one at a time, in id order.
 */
export interface WorkerOptions {
  readonly pollMs?: number;
  readonly retryBaseMs?: number;
  readonly retryCapMs?: number;
  readonly maxAttempts?: number;
  readonly concurrency?: number;
  readonly timeoutMs?: number;
  readonly now?: () => Date;
}

type Outcome = { done: true; outcome: 'sent' | 'already' | 'refused'; error?: string } | { done: false; error: string };

export class RelayWorker {
  readonly #db: RelayDb;
  readonly #options: Required<WorkerOptions>;
  #timer: NodeJS.Timeout | null = null;
  #running = 0;
  #stopped = false;

  constructor(db: RelayDb, options: WorkerOptions = {}) {
    this.#db = db;
    this.#options = {
      pollMs: options.pollMs ?? 1000,
      retryBaseMs: options.retryBaseMs ?? 2000,
      retryCapMs: options.retryCapMs ?? 60_000,
      maxAttempts: options.maxAttempts ?? 200,
      concurrency: options.concurrency ?? 4,
      timeoutMs: options.timeoutMs ?? 10_000,
      now: options.now ?? (() => new Date()),
    };
  }

  start(): void {
    this.#timer = setInterval(() => this.kick(), this.#options.pollMs);
    this.kick();
  }

  /** Runs due jobs now (after an enqueue) instead of at the next poll. */
  kick(): void {
    while (!this.#stopped && this.#running < this.#options.concurrency) {
      this.#running += 1;
      void this.#drain().finally(() => (this.#running -= 1));
    }
  }

  async stop(): Promise<void> {
    this.#stopped = true;
    if (this.#timer !== null) clearInterval(this.#timer);
    while (this.#running > 0) await new Promise((r) => setTimeout(r, 20));
  }

  async #drain(): Promise<void> {
    try {
      while (!this.#stopped && (await this.runOne())) {
        // keep going while there is due work
      }
    } catch {
      // The database is down or restarting: the next poll tries again.
    }
  }

  /** Claims and runs one due job; false when none is due. */
  async runOne(): Promise<boolean> {
    return this.#db.transaction(async (tx) => {
      const now = this.#options.now();
      const [row] = await tx
        .select({ job: relayJobs, connection: relayConnections })
        .from(relayJobs)
        .innerJoin(relayConnections, eq(relayConnections.id, relayJobs.connectionId))
        .where(
          and(
            isNull(relayJobs.doneAt),
            lte(relayJobs.runAt, now),
            sql`NOT EXISTS (SELECT 1 FROM relay_jobs earlier WHERE earlier.connection_id = ${relayJobs.connectionId} AND earlier.order_id = ${relayJobs.orderId} AND earlier.done_at IS NULL AND earlier.id < ${relayJobs.id})`,
          ),
        )
        .orderBy(asc(relayJobs.id))
        .limit(1)
        .for('update', { of: relayJobs, skipLocked: true });
      if (row === undefined) return false;
      const { job, connection } = row;
      const result = await this.#perform(job, connection).catch((error: unknown): Outcome => ({ done: false, error: describe(error) }));
      const attempts = job.attempts + 1;
      if (result.done) {
        await tx
          .update(relayJobs)
          .set({ doneAt: this.#options.now(), outcome: result.outcome, attempts, lastError: result.error ?? null })
          .where(eq(relayJobs.id, job.id));
      } else if (attempts >= this.#options.maxAttempts) {
        await tx.update(relayJobs).set({ doneAt: this.#options.now(), outcome: 'dead', attempts, lastError: result.error }).where(eq(relayJobs.id, job.id));
      } else {
        const wait = Math.min(this.#options.retryBaseMs * 2 ** Math.min(attempts - 1, 16), this.#options.retryCapMs);
        await tx
          .update(relayJobs)
          .set({ attempts, lastError: result.error, runAt: new Date(this.#options.now().getTime() + wait) })
          .where(eq(relayJobs.id, job.id));
      }
      return true;
    });
  }

  async #perform(job: RelayJob, connection: RelayConnection): Promise<Outcome> {
    const base = `${connection.apiBase ?? ''}/${encodeURIComponent(connection.apiKey ?? '')}/orders/${encodeURIComponent(job.orderId)}`;
    if (job.kind === 'acknowledge') {
      const res = await this.#call('POST', `${base}/acknowledge`);
      if (res.ok) return { done: true, outcome: 'sent' };
      if (retryable(res.status)) return { done: false, error: `Leafly answered ${res.status} to the acknowledgement` };
      return { done: true, outcome: 'refused', error: `Leafly answered ${res.status} to the acknowledgement` };
    }
    const wanted = job.status ?? '';
    // The platform may already have it: a relay killed mid-call rolls the claim back (attempts included), so always ask first.
    if (await this.#platformHas(base, wanted)) return { done: true, outcome: 'already' };
    const body = wanted === 'canceled' ? { status: wanted, cancel_reason: job.reason } : { status: wanted };
    const res = await this.#call('POST', `${base}/status`, body);
    if (res.ok) return { done: true, outcome: 'sent' };
    if (retryable(res.status)) return { done: false, error: `Leafly answered ${res.status} to status ${wanted}` };
    if (await this.#platformHas(base, wanted)) return { done: true, outcome: 'already' };
    return { done: true, outcome: 'refused', error: `Leafly answered ${res.status} to status ${wanted}` };
  }

  async #platformHas(base: string, wanted: string): Promise<boolean> {
    const res = await this.#call('GET', base);
    if (!res.ok) return false;
    const order = (await res.json().catch(() => null)) as { status?: unknown } | null;
    const current = typeof order?.status === 'string' ? order.status : null;
    return current !== null && statusRank(current) >= statusRank(wanted);
  }

  #call(method: string, url: string, body?: unknown): Promise<Response> {
    return fetch(url, {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      signal: AbortSignal.timeout(this.#options.timeoutMs),
    });
  }
}

const retryable = (status: number) => status >= 500 || status === 408 || status === 429;
const describe = (error: unknown) => (error instanceof Error ? `${error.name}: ${error.message}` : String(error)).slice(0, 300);
