import { and, asc, desc, eq, inArray, lt, or } from 'drizzle-orm';
import { AppError } from '../../../shared/errors';
import type { RegisterDb } from '../../platform/db/open';
import { loyaltyLedger, payments, products, saleLines, saleReturnLines, saleReturns, sales, terminals } from '../../platform/db/schema';

/**
 * A customer's purchases, newest first, a page at a time (issue #22): what
 * the budtender reads on the customer card before advising. Sales are read
 * through sales_customer_time_idx (customer, completed at, id) and the
 * cursor is the last sale's (completed at, id), so a page never repeats or
 * skips a sale when two share a millisecond or a sale lands meanwhile.
 * Everything a sale carries is then read by the page's sale ids, one query
 * per table, each through its sale index.
 */
export interface PurchaseHistoryPage {
  readonly items: PurchaseView[];
  readonly nextCursor: string | null;
}

export interface PurchaseView {
  readonly saleId: string;
  readonly saleNumber: string;
  readonly completedAt: string;
  readonly register: string;
  readonly status: 'completed' | 'voided';
  readonly voidedAt: string | null;
  readonly totalCents: number;
  readonly lines: Array<{ productName: string; quantity: number; unit: 'each' | 'mg'; netCents: number; returnedQuantity: number }>;
  readonly tenders: Array<{ tender: string; amountCents: number }>;
  readonly returns: Array<{ returnNumber: string; at: string; refundCents: number }>;
  /** Points the sale earned and redeemed, and what its returns and a void took back or restored (signed). */
  readonly points: { earned: number; redeemed: number; adjusted: number };
}

/** The history query alone (its plan is pinned by a test: it must read the index, never every sale). */
export function purchaseHistoryQuery(db: RegisterDb, customerId: string, cursor: string | undefined, limit: number) {
  const after = cursor === undefined ? undefined : parseCursor(cursor);
  return db
    .select({
      id: sales.id,
      saleNumber: sales.saleNumber,
      completedAt: sales.completedAt,
      terminalId: sales.terminalId,
      status: sales.status,
      voidedAt: sales.voidedAt,
      totalCents: sales.totalCents,
    })
    .from(sales)
    .where(
      and(
        eq(sales.customerId, customerId),
        after === undefined ? undefined : or(lt(sales.completedAt, after.at), and(eq(sales.completedAt, after.at), lt(sales.id, after.saleId))),
      ),
    )
    .orderBy(desc(sales.completedAt), desc(sales.id))
    .limit(limit + 1);
}

export function purchaseHistory(db: RegisterDb, customerId: string, cursor: string | undefined, limit: number): PurchaseHistoryPage {
  const rows = purchaseHistoryQuery(db, customerId, cursor, limit).all();
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  const nextCursor = rows.length > limit && last !== undefined ? `${last.completedAt.getTime()}.${last.id}` : null;
  if (page.length === 0) return { items: [], nextCursor };
  const ids = page.map((s) => s.id);

  const registers = new Map(
    db
      .select({ id: terminals.id, name: terminals.name })
      .from(terminals)
      .where(
        inArray(
          terminals.id,
          page.map((s) => s.terminalId),
        ),
      )
      .all()
      .map((t) => [t.id, t.name]),
  );
  const lines = db
    .select({
      id: saleLines.id,
      saleId: saleLines.saleId,
      productName: products.name,
      sellingMode: products.sellingMode,
      quantity: saleLines.quantity,
      netCents: saleLines.netCents,
    })
    .from(saleLines)
    .innerJoin(products, eq(products.id, saleLines.productId))
    .where(inArray(saleLines.saleId, ids))
    .orderBy(asc(saleLines.saleId), asc(saleLines.lineNumber))
    .all();
  const returned = new Map<string, number>();
  if (lines.length > 0) {
    for (const r of db
      .select({ saleLineId: saleReturnLines.saleLineId, quantity: saleReturnLines.quantity })
      .from(saleReturnLines)
      .where(
        inArray(
          saleReturnLines.saleLineId,
          lines.map((l) => l.id),
        ),
      )
      .all())
      returned.set(r.saleLineId, (returned.get(r.saleLineId) ?? 0) + r.quantity);
  }
  const tenders = db
    .select({ saleId: payments.saleId, tender: payments.tender, amountCents: payments.amountCents })
    .from(payments)
    .where(and(inArray(payments.saleId, ids), eq(payments.direction, 'payment')))
    .orderBy(asc(payments.createdAt), asc(payments.id))
    .all();
  const returns = db
    .select({ saleId: saleReturns.saleId, returnNumber: saleReturns.returnNumber, at: saleReturns.createdAt, refundCents: saleReturns.refundCents })
    .from(saleReturns)
    .where(inArray(saleReturns.saleId, ids))
    .orderBy(asc(saleReturns.createdAt))
    .all();
  const points = db
    .select({ saleId: loyaltyLedger.saleId, kind: loyaltyLedger.kind, points: loyaltyLedger.points })
    .from(loyaltyLedger)
    .where(and(inArray(loyaltyLedger.saleId, ids), eq(loyaltyLedger.customerId, customerId)))
    .all();

  return {
    nextCursor,
    items: page.map((sale) => {
      const mine = points.filter((p) => p.saleId === sale.id);
      const sum = (kinds: readonly string[]) => mine.filter((p) => kinds.includes(p.kind)).reduce((total, p) => total + p.points, 0);
      return {
        saleId: sale.id,
        saleNumber: sale.saleNumber,
        completedAt: sale.completedAt.toISOString(),
        register: registers.get(sale.terminalId) ?? sale.terminalId,
        status: sale.status,
        voidedAt: sale.voidedAt?.toISOString() ?? null,
        totalCents: sale.totalCents,
        lines: lines
          .filter((l) => l.saleId === sale.id)
          .map((l) => ({
            productName: l.productName,
            quantity: l.quantity,
            unit: l.sellingMode === 'weight' ? ('mg' as const) : ('each' as const),
            netCents: l.netCents,
            returnedQuantity: returned.get(l.id) ?? 0,
          })),
        tenders: tenders.filter((t) => t.saleId === sale.id).map(({ tender, amountCents }) => ({ tender, amountCents })),
        returns: returns.filter((r) => r.saleId === sale.id).map((r) => ({ returnNumber: r.returnNumber, at: r.at.toISOString(), refundCents: r.refundCents })),
        points: {
          earned: sum(['earn']),
          // Redemptions are stored negative; the card shows how many were spent.
          redeemed: 0 - sum(['redeem']),
          adjusted: sum(['return_clawback', 'return_restore', 'void_reversal', 'void_restore']),
        },
      };
    }),
  };
}

function parseCursor(cursor: string): { at: Date; saleId: string } {
  const match = /^(\d{1,15})\.(.{1,64})$/.exec(cursor);
  if (match === null)
    throw new AppError('PURCHASE_HISTORY_CURSOR_INVALID', 'That page of the purchase history cannot be found: open the history again from the first page.');
  return { at: new Date(Number(match[1])), saleId: match[2] ?? '' };
}
