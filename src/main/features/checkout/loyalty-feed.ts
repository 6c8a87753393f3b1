import { eq, sql } from 'drizzle-orm';
import { loyaltyLedger, products, saleLines, saleReturnLines, sales } from '../../platform/db/schema';
import type { RegisterTx } from '../../platform/db/transaction';
import { customerLoyalty } from '../loyalty/ledger';
import { queueLoyaltyFeed } from '../sync/alpine-iq/feed-items';
import { loyaltyFeedEnabled } from '../sync/alpine-iq/settings';

/**
 * The sale as it stands now (after a completion, a return or a void), queued
 * for the external loyalty platform when the store has its feed on. Built from
 * the rows this transaction wrote, so what is sent is what was committed.
 */
export function queueSaleForLoyaltyFeed(tx: RegisterTx, saleId: string, now: Date): void {
  // Off (the usual case): one prepared settings read, nothing else.
  if (!loyaltyFeedEnabled(tx)) return;
  const sale = tx.select().from(sales).where(eq(sales.id, saleId)).get();
  if (sale?.customerId == null) return;
  const lines = tx
    .select({
      lineId: saleLines.id,
      productId: saleLines.productId,
      name: products.name,
      category: products.category,
      quantity: saleLines.quantity,
      netCents: saleLines.netCents,
      returnedQuantity: sql<number>`coalesce((SELECT sum(${saleReturnLines.quantity}) FROM ${saleReturnLines} WHERE ${saleReturnLines.saleLineId} = ${saleLines.id}), 0)`,
    })
    .from(saleLines)
    .innerJoin(products, eq(products.id, saleLines.productId))
    .where(eq(saleLines.saleId, saleId))
    .all();
  const points = tx.select({ kind: loyaltyLedger.kind, points: loyaltyLedger.points }).from(loyaltyLedger).where(eq(loyaltyLedger.saleId, saleId)).all();
  const sum = (kinds: readonly string[]) => points.filter((p) => kinds.includes(p.kind)).reduce((s, p) => s + p.points, 0);
  const loyalty = customerLoyalty(tx, sale.customerId);
  queueLoyaltyFeed(tx, {
    member: { memberId: sale.customerId, tier: loyalty.tier.name, balance: loyalty.balance },
    sale: {
      saleId,
      saleNumber: sale.saleNumber,
      memberId: sale.customerId,
      completedAt: sale.completedAt.toISOString(),
      status: sale.status === 'voided' ? 'voided' : 'completed',
      totalCents: sale.totalCents,
      lines,
      pointsEarned: sum(['earn', 'return_clawback', 'void_reversal']),
      pointsRedeemed: -sum(['redeem', 'return_restore', 'void_restore']),
    },
    now,
  });
}
