import { and, desc, eq, sql } from 'drizzle-orm';
import type { CommandOutput } from '../../../shared/contract';
import type { RegisterDb } from '../../platform/db/open';
import { complianceFlags } from '../../platform/db/schema';
import { OFFLINE_EXCEPTION } from './offline-reverify';

export type OfflineExceptionsReport = CommandOutput<'compliance-offline-exceptions'>;

/** The compliance officer's report: sales made offline, how many were re-checked, and what would have failed. */
export function offlineExceptionsReport(db: RegisterDb, storeId: string): OfflineExceptionsReport {
  const counts = db.get<{ offline: number; reverified: number }>(
    sql`SELECT count(*) AS offline, count(reverified_at) AS reverified FROM sales WHERE made_offline = 1 AND store_id = ${storeId}`,
  );
  const rows = db
    .select()
    .from(complianceFlags)
    .where(and(eq(complianceFlags.storeId, storeId), eq(complianceFlags.kind, OFFLINE_EXCEPTION)))
    .orderBy(desc(complianceFlags.createdAt))
    .limit(1_000)
    .all();
  return {
    offlineSales: counts?.offline ?? 0,
    reverified: counts?.reverified ?? 0,
    awaitingReverification: (counts?.offline ?? 0) - (counts?.reverified ?? 0),
    exceptions: rows.map((r) => ({
      flagId: r.id,
      saleId: r.saleId,
      businessDay: r.businessDay,
      details: r.details,
      citation: r.citation,
      createdAt: r.createdAt.toISOString(),
      reviewed: r.reviewedAt !== null,
    })),
  };
}
