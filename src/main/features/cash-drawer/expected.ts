import { and, eq, sql } from 'drizzle-orm';
import { drawerMovements, payments, type drawerSessions } from '../../platform/db/schema';
import type { RegisterDb } from '../../platform/db/open';
import type { RegisterTx } from '../../platform/db/transaction';
import { tenderTotals } from './tender-totals';

type Reader = RegisterDb | RegisterTx;

export interface ExpectedFigures {
  readonly openingFloatCents: number;
  readonly cashSalesCents: number;
  readonly cashRefundsCents: number;
  readonly paidInCents: number;
  readonly paidOutCents: number;
  readonly dropsCents: number;
  readonly expectedCashCents: number;
  /** Net taken per non-cash tender (payments less refunds). */
  readonly nonCash: ReadonlyArray<{ readonly tender: string; readonly expectedCents: number }>;
}

/**
 * What the drawer should hold: float + cash taken − cash refunded + paid-ins
 * − paid-outs − drops, all from this session's own rows.
 */
export function expectedCash(db: Reader, session: typeof drawerSessions.$inferSelect): ExpectedFigures {
  const byTender = tenderTotals(db, eq(payments.drawerSessionId, session.id));
  const movement = (kind: 'drop' | 'paid_in' | 'paid_out') =>
    db
      .select({ total: sql<number>`coalesce(sum(${drawerMovements.amountCents}), 0)` })
      .from(drawerMovements)
      .where(and(eq(drawerMovements.sessionId, session.id), eq(drawerMovements.kind, kind)))
      .get()?.total ?? 0;
  const cash = byTender.find((t) => t.tender === 'cash');
  const cashSalesCents = cash?.paidCents ?? 0;
  const cashRefundsCents = cash?.refundedCents ?? 0;
  const paidInCents = movement('paid_in');
  const paidOutCents = movement('paid_out');
  const dropsCents = movement('drop');
  return {
    openingFloatCents: session.openingFloatCents,
    cashSalesCents,
    cashRefundsCents,
    paidInCents,
    paidOutCents,
    dropsCents,
    expectedCashCents: session.openingFloatCents + cashSalesCents - cashRefundsCents + paidInCents - paidOutCents - dropsCents,
    nonCash: byTender.filter((t) => t.tender !== 'cash').map((t) => ({ tender: t.tender, expectedCents: t.netCents })),
  };
}
