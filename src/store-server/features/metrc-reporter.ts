import { hostname } from 'node:os';
import { randomUUID } from 'node:crypto';
import { and, asc, eq, inArray, isNotNull, lt, ne, sql } from 'drizzle-orm';
import type PgBoss from 'pg-boss';
import { MetrcAdapter } from '../../metrc/adapter';
import { GetPacer } from '../../metrc/get-pacer';
import { MetrcHttp } from '../../metrc/http';
import type { ItemOutcome, OutboxItem } from '../../shared/sync/lane';
import { metrcReports } from '../db/schema';
import type { StoreDb } from '../db/open';
import { unseal, type StoreSealingKey } from '../sealing';
import { ensureMetrcQueue, metrcQueueName, METRC_QUEUE_TUNING, type MetrcQueueTuning } from './metrc-jobs';
import { loadMetrcConnection, REGISTRATION_FIELD, reportItemSchema, type MetrcConnectionSettings } from './metrc-reports';

type Report = typeof metrcReports.$inferSelect;

/** Receipts per POST: Metrc's object limit per write is not published; a small batch keeps one bad row from costing much (shared/reference/metrc.md). */
const RECEIPTS_PER_POST = 10;

export interface MetrcReporterTuning extends MetrcQueueTuning {
  /** How often an idle reporter asks the queue for work. */
  readonly pollMs: number;
  /** Every request still out for a report is ended this long after its send began: well inside the job's expiry, so no other reporter can take the job while this one may still be posting. */
  readonly abortAfterMs: number;
  /** Longest pause after Metrc stops answering. */
  readonly maxPauseMs: number;
}

export const METRC_REPORTER_TUNING: MetrcReporterTuning = { ...METRC_QUEUE_TUNING, pollMs: 1_000, abortAfterMs: 120_000, maxPauseMs: 60_000 };

/**
 * The store's Metrc reporter (issue #20). Every store-core runs one; the
 * licence's singleton queue lets one of them hold a report at a time, so a
 * second store-core (a failover box, a service started twice) waits
 * rather than sends. While it holds a receipt, up to nine more receipts
 * waiting in the queue ride in the same POST (no other reporter can take
 * them meanwhile). For each report it takes:
 *
 * - settled already (its answer was recorded, then the process died before
 *   the job was marked done) → the job is done, nothing is sent;
 * - an earlier report of the same sale not yet delivered → it waits;
 * - otherwise its attempt is counted and committed **before** anything is
 *   sent, and Metrc's adapter sends it: any attempt after the first — the
 *   register's own before it joined the store included — looks the receipt
 *   up by its external number first and posts only if it is absent.
 *
 * Metrc unreachable or rate limiting: the job goes back to the queue and the
 * reporter pauses (1 s doubling to a minute), so an outage costs a request
 * now and then. Reads go through one pacer for the licence.
 */
export class MetrcReporter {
  readonly #db: StoreDb;
  readonly #boss: PgBoss;
  readonly #key: StoreSealingKey;
  readonly #tuning: MetrcReporterTuning;
  readonly #pacer = new GetPacer();
  /** Who settled a report (`metrc_reports.reported_by`). */
  readonly name = `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  #running = false;
  #loop: Promise<void> | null = null;
  #wake: (() => void) | null = null;
  #pauseMs = 0;
  #queueReady: string | null = null;

  constructor(options: { readonly db: StoreDb; readonly boss: PgBoss; readonly key: StoreSealingKey; readonly tuning?: Partial<MetrcReporterTuning> }) {
    this.#db = options.db;
    this.#boss = options.boss;
    this.#key = options.key;
    this.#tuning = { ...METRC_REPORTER_TUNING, ...options.tuning };
  }

  start(): void {
    if (this.#running) return;
    this.#running = true;
    this.#loop = this.#run();
  }

  async stop(): Promise<void> {
    this.#running = false;
    this.#wake?.();
    await this.#loop;
    this.#loop = null;
  }

  async #run(): Promise<void> {
    while (this.#running) {
      let worked = false;
      try {
        worked = await this.#once();
      } catch (error) {
        // PostgreSQL restarting, a connection lost: the job (if any) expires and is taken again, looked up first.
        this.#note('metrc reporter: pass failed', error);
      }
      if (this.#running && (!worked || this.#pauseMs > 0)) await this.#sleep(this.#pauseMs > 0 ? this.#pauseMs : this.#tuning.pollMs);
    }
  }

  /** One report, if the licence is set up and its queue hands this reporter one. */
  async #once(): Promise<boolean> {
    const connection = await loadMetrcConnection(this.#db, this.#key);
    if (connection === null || !connection.enabled) return false;
    const queue = metrcQueueName(connection.licenseNumber);
    if (this.#queueReady !== queue) {
      await ensureMetrcQueue(this.#boss, connection.licenseNumber, this.#tuning);
      this.#queueReady = queue;
    }
    const [job] = await this.#boss.fetch<{ key?: unknown }>(queue, { batchSize: 1 });
    if (job === undefined) return false;
    await this.#report(queue, job, connection);
    return true;
  }

  async #report(queue: string, job: PgBoss.Job<{ key?: unknown }>, connection: MetrcConnectionSettings): Promise<void> {
    const key = typeof job.data.key === 'string' ? job.data.key : '';
    const [report] = await this.#db.select().from(metrcReports).where(eq(metrcReports.key, key));
    if (report === undefined || report.status !== 'queued') {
      await this.#boss.complete(queue, job.id);
      return;
    }
    const waitingOn = await this.#db
      .select({ key: metrcReports.key })
      .from(metrcReports)
      .where(and(eq(metrcReports.aggregateId, report.aggregateId), lt(metrcReports.seq, report.seq), inArray(metrcReports.status, ['queued', 'parked'])))
      .limit(1);
    if (waitingOn.length > 0) {
      await this.#boss.fail(queue, job.id, { message: `waits for ${waitingOn[0]?.key ?? 'an earlier report'} of the same sale` });
      return;
    }
    const item = await this.#itemOf(report, 0);
    if ('error' in item) {
      await this.#settle(queue, job.id, report.key, { status: 'dead', error: item.error });
      return;
    }
    // While this job is the queue's one active job no other reporter can take any report of the licence:
    // the next receipts waiting ride along in the same POST (their jobs are closed once their answers are kept).
    const riders = item.kind === 'receipt.create' ? await this.#riders(report) : [];
    const batch = [{ report, item, jobId: job.id }, ...riders];
    // Counted and committed before the send: if this process dies mid-request, the next try looks first.
    await this.#db
      .update(metrcReports)
      .set({ attempts: sql`${metrcReports.attempts} + 1`, reportedBy: this.name })
      .where(
        inArray(
          metrcReports.key,
          batch.map((b) => b.report.key),
        ),
      );
    const adapter = new MetrcAdapter({
      http: new MetrcHttp({ ...connection, signal: AbortSignal.timeout(this.#tuning.abortAfterMs) }, this.#pacer),
      version: connection.apiVersion,
      revealPatientNumber: (sealed) => unseal(this.#key, REGISTRATION_FIELD, sealed),
      batchSize: batch.length,
      inFlight: 1,
    });
    let outcomes: ReadonlyMap<number, ItemOutcome>;
    try {
      outcomes = await adapter.deliver(batch.map((b) => ({ ...b.item, attempts: b.report.priorAttempts + b.report.attempts + 1 })));
    } catch (error) {
      const retry: ItemOutcome = { status: 'retry', error: error instanceof Error ? error.message : String(error) };
      outcomes = new Map(batch.map((b) => [b.item.id, retry]));
    }
    const noAnswer: ItemOutcome = { status: 'retry', error: 'Metrc gave no answer for this report.' };
    for (const rider of riders) await this.#settleRider(queue, rider, outcomes.get(rider.item.id) ?? noAnswer);
    await this.#settle(queue, job.id, report.key, outcomes.get(item.id) ?? noAnswer);
  }

  /**
   * Receipts waiting behind the active one (oldest first), up to a POST's worth: only a sale's first
   * report (a receipt waits for nothing), and only with a job to close once it is answered.
   */
  async #riders(report: Report): Promise<Array<{ report: Report; item: Omit<OutboxItem, 'attempts'>; jobId: string }>> {
    const rows = await this.#db
      .select()
      .from(metrcReports)
      .where(
        and(
          eq(metrcReports.licence, report.licence),
          eq(metrcReports.status, 'queued'),
          eq(metrcReports.kind, 'receipt.create'),
          ne(metrcReports.key, report.key),
          isNotNull(metrcReports.jobId),
          sql`NOT EXISTS (SELECT 1 FROM metrc_reports e WHERE e.aggregate_id = ${metrcReports.aggregateId} AND e.seq < ${metrcReports.seq} AND e.status IN ('queued', 'parked'))`,
        ),
      )
      .orderBy(asc(metrcReports.seq))
      .limit(RECEIPTS_PER_POST - 1);
    const riders: Array<{ report: Report; item: Omit<OutboxItem, 'attempts'>; jobId: string }> = [];
    for (const [index, row] of rows.entries()) {
      const item = await this.#itemOf(row, index + 1);
      if (!('error' in item) && row.jobId !== null) riders.push({ report: row, item, jobId: row.jobId });
    }
    return riders;
  }

  /** A rider's answer kept, then its (waiting) job closed; undelivered, it stays queued with its attempt counted. */
  async #settleRider(queue: string, rider: { report: Report; jobId: string }, outcome: ItemOutcome): Promise<void> {
    await this.#record(rider.report.key, outcome);
    if (outcome.status !== 'retry') await this.#boss.deleteJob(queue, rider.jobId);
  }

  /** The report as Metrc's adapter takes it; a void or return learns its receipt's Metrc Id from the report that delivered it. */
  async #itemOf(report: Report, id: number): Promise<Omit<OutboxItem, 'attempts'> | { error: string }> {
    const parsed = reportItemSchema.safeParse(report.item);
    if (!parsed.success) return { error: 'This report is damaged on the store server: enter it on the Metrc site, then resolve it.' };
    const item = parsed.data;
    let receiptId = item.receiptId;
    if (receiptId === null && item.kind !== 'receipt.create' && item.kind !== 'package.adjust') {
      const [receipt] = await this.#db
        .select({ receiptId: metrcReports.receiptId })
        .from(metrcReports)
        .where(and(eq(metrcReports.aggregateId, report.aggregateId), eq(metrcReports.kind, 'receipt.create'), eq(metrcReports.status, 'delivered')));
      receiptId = receipt?.receiptId ?? null;
    }
    return {
      id,
      kind: item.kind,
      aggregateId: item.aggregateId,
      payload: item.payload,
      // The window a v1 lookup searches starts before any send could have landed.
      firstAttemptAt: report.firstAttemptAt ?? report.receivedAt,
      createdAt: new Date(item.createdAt),
      dependencyExternalIds: receiptId === null ? null : { receiptId },
      dependencyPayload: item.receipt,
      earlier: item.earlier.map((e, index) => ({ id: index, kind: e.kind, payload: e.payload })),
    };
  }

  /** The answer recorded on the report first, then the job settled: a death in between leaves a job whose report says it is done. */
  async #settle(queue: string, jobId: string, key: string, outcome: ItemOutcome): Promise<void> {
    await this.#record(key, outcome);
    if (outcome.status !== 'retry') {
      await this.#boss.complete(queue, jobId);
      this.#pauseMs = 0;
      return;
    }
    await this.#boss.fail(queue, jobId, { message: outcome.error });
    if (outcome.unavailable !== undefined) this.#pause(outcome.unavailable.reason === 'rate_limited' ? (outcome.unavailable.retryAfterMs ?? 1_000) : null);
  }

  /** Metrc's answer on the report: delivered (with the receipt's Id), parked with its words, or still queued with the error. */
  async #record(key: string, outcome: ItemOutcome): Promise<void> {
    const now = new Date();
    switch (outcome.status) {
      case 'done': {
        const receiptId = (outcome.externalIds as { receiptId?: unknown } | undefined)?.receiptId;
        await this.#db
          .update(metrcReports)
          .set({
            status: 'delivered',
            receiptId: typeof receiptId === 'number' ? receiptId : null,
            confirmedByLookup: outcome.confirmedByLookup === true,
            lastError: null,
            settledAt: now,
          })
          .where(eq(metrcReports.key, key));
        return;
      }
      case 'dead':
        await this.#db.update(metrcReports).set({ status: 'parked', lastError: outcome.error, settledAt: now }).where(eq(metrcReports.key, key));
        return;
      case 'retry':
        await this.#db.update(metrcReports).set({ lastError: outcome.error }).where(eq(metrcReports.key, key));
        return;
    }
  }

  /** `null`: an outage (the pause doubles, to a minute); a number: Metrc said how long. */
  #pause(ms: number | null): void {
    this.#pauseMs = ms ?? Math.min(Math.max(1_000, this.#pauseMs * 2), this.#tuning.maxPauseMs);
  }

  #sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        resolve();
      }
      this.#wake = done;
    });
  }

  #note(message: string, error: unknown): void {
    process.stderr.write(`${JSON.stringify({ reporter: this.name, message, error: error instanceof Error ? error.message : String(error) })}\n`);
  }
}
