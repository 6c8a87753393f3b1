import { and, asc, eq, isNull, lte, sql } from 'drizzle-orm';
import type { RelayDb } from '../db/open';
import { relayConnections, relayJobs, type RelayConnection, type RelayJob } from '../db/schema';
import { sendGreentillStatus } from './senders/greentill';
import { sendJaneStatus } from './senders/jane';
import { acknowledgeOnLeafly, sendLeaflyStatus } from './senders/leafly';
import { describeError, type SendOutcome } from './senders/outcome';
import { DEFAULT_RETENTION_DAYS, purgeCustomerData, type PurgeResult } from './retention';

/**
 * The relay's outbound jobs (Leafly acknowledgements; status changes to
 * Leafly, Jane and Greentill webhook v1 receivers, each platform's calls in
 * ./senders): a table-backed queue. A worker claims one due job with `FOR
 * UPDATE SKIP LOCKED`, calls the platform while holding it, and records the
 * outcome in the same transaction; a crash mid-call or a lost answer leaves
 * the job to run again, and each status still reaches its platform once:
 * Leafly and Jane are asked first whether the change already landed, a
 * Greentill receiver applies each status id once. One order's jobs run one
 * at a time, in id order.
 */
export interface WorkerOptions {
  readonly pollMs?: number;
  readonly retryBaseMs?: number;
  readonly retryCapMs?: number;
  readonly maxAttempts?: number;
  readonly concurrency?: number;
  readonly timeoutMs?: number;
  readonly now?: () => Date;
  /** Days customer data is kept once no longer needed (./retention.ts). */
  readonly retentionDays?: number;
  /** How often the retention purge runs (default hourly). */
  readonly purgeEveryMs?: number;
}

export class RelayWorker {
  readonly #db: RelayDb;
  readonly #options: Required<WorkerOptions>;
  #timer: NodeJS.Timeout | null = null;
  #purgeTimer: NodeJS.Timeout | null = null;
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
      retentionDays: options.retentionDays ?? DEFAULT_RETENTION_DAYS,
      purgeEveryMs: options.purgeEveryMs ?? 60 * 60_000,
    };
  }

  start(): void {
    this.#timer = setInterval(() => this.kick(), this.#options.pollMs);
    // The retention purge is the worker's housekeeping job: on its own slower clock, one relay instance at a time.
    this.#purgeTimer = setInterval(() => void this.purge().catch(() => undefined), this.#options.purgeEveryMs);
    this.kick();
  }

  /** Empties the customer data past its retention now (also run every `purgeEveryMs`). */
  purge(): Promise<PurgeResult> {
    return purgeCustomerData(this.#db, this.#options.now(), this.#options.retentionDays);
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
    if (this.#purgeTimer !== null) clearInterval(this.#purgeTimer);
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
      const result = await this.#perform(job, connection).catch((error: unknown): SendOutcome => ({ done: false, error: describeError(error) }));
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

  #perform(job: RelayJob, connection: RelayConnection): Promise<SendOutcome> {
    const timeout = this.#options.timeoutMs;
    if (job.kind === 'acknowledge') return acknowledgeOnLeafly(connection, job.orderId, timeout);
    switch (connection.platform) {
      case 'leafly':
        return sendLeaflyStatus(connection, job, timeout);
      case 'jane':
        return sendJaneStatus(connection, job, timeout);
      case 'greentill':
        return sendGreentillStatus(connection, job, timeout);
      default: {
        const never: never = connection.platform;
        return Promise.resolve({ done: true, outcome: 'refused', error: `no sender for ${String(never)}` });
      }
    }
  }
}
