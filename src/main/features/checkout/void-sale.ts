import { and, eq } from 'drizzle-orm';
import { AppError } from '../../../shared/errors';
import { appendAudit } from '../../platform/audit/log';
import { saleLines, saleReturns, sales, stores } from '../../platform/db/schema';
import type { RegisterDb } from '../../platform/db/open';
import { writeTransaction } from '../../platform/db/transaction';
import { businessDay } from '../../../shared/domain/store-calendar';
import { enqueueFollowUp, refundByOriginalTender, restock } from './refunds';
import { recordVoidInLedger } from '../compliance/limit-ledger';
import { isStoreLinked } from '../store-link/link-settings';
import { queueVoidForStore } from '../store-link/store-commands';
import { recordVoidLoyalty } from '../loyalty/ledger';
import { queueSaleForLoyaltyFeed } from './loyalty-feed';

export interface VoidSaleRequest {
  readonly saleId: string;
  readonly terminalId: string;
  readonly staffId: string;
  /** The manager who authorised the void. */
  readonly approvedBy: string;
  readonly reason: string;
  readonly now: Date;
}

/**
 * Voids a completed sale on the day it was made (store-local day): every
 * line goes back to its package, every tender is refunded, and the state
 * system is told to void the receipt — after the receipt itself.
 */
export function voidSale(
  db: RegisterDb,
  request: VoidSaleRequest,
): { refunds: Array<{ tender: 'cash' | 'debit' | 'card' | 'store_credit'; amountCents: number }> } {
  return writeTransaction(db, (tx) => {
    const row = tx
      .select({ sale: sales, timeZone: stores.timeZone })
      .from(sales)
      .innerJoin(stores, eq(stores.id, sales.storeId))
      .where(eq(sales.id, request.saleId))
      .get();
    if (row === undefined) throw new AppError('SALE_NOT_FOUND', 'No such sale in this store.');
    const { sale, timeZone } = row;
    if (sale.status === 'voided') throw new AppError('SALE_ALREADY_VOIDED', `Sale ${sale.saleNumber} is already voided.`);
    if (businessDay(sale.completedAt, timeZone) !== businessDay(request.now, timeZone)) {
      throw new AppError('VOID_NOT_SAME_DAY', `Sale ${sale.saleNumber} was made on another day: use a return instead of a void.`);
    }
    if (tx.select({ id: saleReturns.id }).from(saleReturns).where(eq(saleReturns.saleId, sale.id)).get() !== undefined) {
      throw new AppError('VOID_AFTER_RETURN', `Sale ${sale.saleNumber} already has a return: return the remaining items instead of voiding.`);
    }
    const lines = tx.select().from(saleLines).where(eq(saleLines.saleId, sale.id)).all();
    for (const line of lines) restock(tx, line.packageTag, line.quantity);
    const refunds = refundByOriginalTender(tx, {
      saleId: sale.id,
      refundCents: sale.totalCents,
      returnId: null,
      terminalId: request.terminalId,
      staffId: request.staffId,
      now: request.now,
    });
    tx.update(sales)
      .set({ status: 'voided', voidedAt: request.now, voidedBy: request.approvedBy, voidReason: request.reason })
      .where(and(eq(sales.id, sale.id), eq(sales.status, 'completed')))
      .run();
    // A voided sale never happened: it stops counting toward the buyer's limits.
    recordVoidInLedger(tx, sale.id);
    if (isStoreLinked(tx))
      queueVoidForStore(
        tx,
        sale.id,
        lines.map((l) => ({ lineId: l.id, packageTag: l.packageTag, quantity: l.quantity })),
        request.now,
      );
    // Nor does its award: the points it earned go, the points it redeemed come back.
    recordVoidLoyalty(tx, { saleId: sale.id, at: request.now });
    queueSaleForLoyaltyFeed(tx, sale.id, request.now);
    enqueueFollowUp(
      tx,
      sale.id,
      'receipt.void',
      { saleId: sale.id, reason: request.reason },
      lines.map((l) => ({ packageTag: l.packageTag, delta: l.quantity })),
      request.now,
    );
    appendAudit(tx, {
      at: request.now,
      staffId: request.staffId,
      terminalId: request.terminalId,
      action: 'sale.void',
      entityType: 'sale',
      entityId: sale.id,
      before: { status: 'completed' },
      after: { status: 'voided', approvedBy: request.approvedBy, reason: request.reason, refunds },
    });
    return { refunds };
  });
}
