import { sql, type SQL } from 'drizzle-orm';
import { payments } from '../../platform/db/schema';
import type { RegisterDb } from '../../platform/db/open';
import type { RegisterTx } from '../../platform/db/transaction';

export interface TenderTotal {
  readonly tender: string;
  readonly paidCents: number;
  readonly refundedCents: number;
  /** Taken less given back. */
  readonly netCents: number;
}

/**
 * Money taken and given back per tender for the payments `where` selects.
 * The drawer count's expected figures and the Z-report both read this one
 * query: if they were two, a drawer could balance while its Z-report did not.
 */
export function tenderTotals(db: RegisterDb | RegisterTx, where: SQL | undefined): TenderTotal[] {
  return db
    .select({
      tender: payments.tender,
      paidCents: sql<number>`coalesce(sum(CASE WHEN ${payments.direction} = 'payment' THEN ${payments.amountCents} ELSE 0 END), 0)`,
      refundedCents: sql<number>`coalesce(sum(CASE WHEN ${payments.direction} = 'refund' THEN ${payments.amountCents} ELSE 0 END), 0)`,
    })
    .from(payments)
    .where(where)
    .groupBy(payments.tender)
    .all()
    .map((t) => ({ ...t, netCents: t.paidCents - t.refundedCents }));
}
