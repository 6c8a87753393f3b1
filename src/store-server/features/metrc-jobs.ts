import { sql } from 'drizzle-orm';
import PgBoss from 'pg-boss';
import { AppError } from '../../shared/errors';
import type { StoreDb } from '../db/open';

type Tx = Parameters<Parameters<StoreDb['transaction']>[0]>[0];

/**
 * The licence's Metrc queue on pg-boss (issue #20). Its policy is
 * `singleton`: PostgreSQL itself (pg-boss's unique index on active jobs)
 * lets one job be active at a time in the queue, whichever store-core
 * fetched it — so however many reporters run, one report of a licence is
 * out at a time, and two can never send the same receipt. A job is a
 * report's key; the report itself is the `metrc_reports` row.
 */
export function metrcQueueName(licence: string): string {
  return `metrc-reports.${licence}`;
}

export interface MetrcQueueTuning {
  /** A job active this long (its reporter died) goes back to the queue; its next send looks the receipt up first. */
  readonly expireInSeconds: number;
  /** Between two tries of a job that could not go (Metrc down, waiting for an earlier report of its sale). */
  readonly retryDelaySeconds: number;
}

export const METRC_QUEUE_TUNING: MetrcQueueTuning = { expireInSeconds: 300, retryDelaySeconds: 2 };

function queueOptions(tuning: MetrcQueueTuning): Omit<PgBoss.Queue, 'name'> {
  return {
    policy: 'singleton',
    expireInSeconds: tuning.expireInSeconds,
    retryDelay: tuning.retryDelaySeconds,
    retryBackoff: false,
    // Never give up on a report by count: Metrc outages are waited out, refusals are parked by the reporter.
    retryLimit: 1_000_000,
    // A job waiting in the queue is kept a year (pg-boss drops queued jobs past their retention).
    retentionMinutes: 365 * 24 * 60,
  };
}

/** The queue, made or brought to these settings (idempotent; every store-core does it at start). */
export async function ensureMetrcQueue(boss: PgBoss, licence: string, tuning: MetrcQueueTuning = METRC_QUEUE_TUNING): Promise<void> {
  const name = metrcQueueName(licence);
  await boss.createQueue(name, { name, ...queueOptions(tuning) });
  await boss.updateQueue(name, { name, ...queueOptions(tuning) });
}

/**
 * Queues a report's job in the caller's transaction: the job commits with
 * the report (and the command that brought it), or neither does.
 */
export async function enqueueReport(tx: Tx, licence: string, key: string): Promise<string> {
  const jobs = new PgBoss({ db: inTransaction(tx) });
  const name = metrcQueueName(licence);
  let id = await jobs.send(name, { key });
  if (id === null) {
    // The licence's queue is made at the store server's start; a licence set up since gets it here.
    await jobs.createQueue(name, { name, ...queueOptions(METRC_QUEUE_TUNING) });
    id = await jobs.send(name, { key });
  }
  if (id === null)
    throw new AppError(
      'STORE_METRC_QUEUE_MISSING',
      'The store server could not queue this report for Metrc: start the store server once so it sets up its queue.',
    );
  return id;
}

/** pg-boss's `db` option over a drizzle transaction (its SQL with `$n` parameters, passed as bound values). */
function inTransaction(tx: Tx): PgBoss.Db {
  return {
    executeSql: async (text: string, values: unknown[] = []) => {
      const parts = text.split(/\$(\d+)/);
      const query = sql.join(parts.map((part, index) => (index % 2 === 0 ? sql.raw(part) : sql`${values[Number(part) - 1] ?? null}`)));
      const result = await tx.execute(query);
      return { rows: result.rows };
    },
  };
}

/** The queue's jobs by state, straight from pg-boss's table (none yet: zeros). */
export async function metrcJobCounts(db: StoreDb, licence: string): Promise<{ queued: number; active: number; failed: number }> {
  const installed = await db.execute(sql`SELECT to_regclass('pgboss.job') IS NOT NULL AS present`);
  if ((installed.rows[0] as { present?: boolean } | undefined)?.present !== true) return { queued: 0, active: 0, failed: 0 };
  const rows = await db.execute(sql`SELECT state::text AS state, count(*)::int AS n FROM pgboss.job WHERE name = ${metrcQueueName(licence)} GROUP BY state`);
  const by = new Map((rows.rows as Array<{ state: string; n: number }>).map((r) => [r.state, r.n]));
  return { queued: (by.get('created') ?? 0) + (by.get('retry') ?? 0), active: by.get('active') ?? 0, failed: by.get('failed') ?? 0 };
}
