import { isNotNull, isNull, sql } from 'drizzle-orm';
import type { RelayDb } from '../db/open';
import { relayJobs } from '../db/schema';

/** What support looks at: jobs waiting (and their oldest age), and jobs that ended badly. */
export async function relayBacklog(db: RelayDb) {
  const [waiting] = await db
    .select({ count: sql<number>`count(*)::int`, oldest: sql<string | null>`min(${relayJobs.createdAt})::text` })
    .from(relayJobs)
    .where(isNull(relayJobs.doneAt));
  const ended = await db
    .select({ outcome: relayJobs.outcome, count: sql<number>`count(*)::int` })
    .from(relayJobs)
    .where(isNotNull(relayJobs.doneAt))
    .groupBy(relayJobs.outcome);
  return {
    waiting: waiting?.count ?? 0,
    oldestWaiting: waiting?.oldest ?? null,
    ended: Object.fromEntries(ended.map((e) => [e.outcome ?? 'unknown', e.count])),
  };
}
