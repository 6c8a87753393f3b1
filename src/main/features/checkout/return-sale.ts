import { randomUUID } from 'node:crypto';
import { and, eq, sql } from 'drizzle-orm';
import { AppError } from '../../../shared/errors';
import { appendAudit } from '../../platform/audit/log';
import { saleLines, saleReturnLines, saleReturns, sales, saleTaxes } from '../../platform/db/schema';
import type { RegisterDb } from '../../platform/db/open';
import { writeTransaction, type RegisterTx } from '../../platform/db/transaction';
import { enqueueFollowUp, refundByOriginalTender, restock } from './refunds';
import { enqueuePackageAdjustment } from './package-adjustment';
import { recordReturnLoyalty } from '../loyalty/ledger';
import { queueSaleForLoyaltyFeed } from './loyalty-feed';
import { isStoreLinked } from '../store-link/link-settings';
import { queueStockMovesForStore } from '../store-link/store-commands';

export type ReturnDisposition = 'inventory' | 'quarantine' | 'destruction';

export interface ReturnRequest {
  readonly saleId: string;
  readonly lines: ReadonlyArray<{ readonly saleLineId: string; readonly quantity: number }>;
  readonly reason: string;
  /** Back to sellable stock, or held aside (quarantine) / destroyed per the state's rule. */
  readonly disposition: ReturnDisposition;
  readonly terminalId: string;
  readonly staffId: string;
  readonly approvedBy: string | null;
  readonly now: Date;
}

/** What one returned line gives back: its net share and, tax by tax, the share of the tax stored on the sale. */
export interface ReturnedLine {
  readonly saleLineId: string;
  readonly quantity: number;
  readonly refundCents: number;
  readonly taxes: ReadonlyArray<{ readonly taxId: string; readonly name: string; readonly amountCents: number }>;
}

/**
 * Returns some quantities of some lines. The refund per line is the share
 * of its net (after discounts) plus, tax by tax, the share of the tax the
 * sale stored for it — never today's rates. Each share is computed
 * cumulatively (floor of the running share, less what earlier returns gave),
 * so returning everything in several goes refunds exactly the line's net and
 * exactly every tax charged on it, never a cent more or less.
 */
export function returnSaleLines(
  db: RegisterDb,
  request: ReturnRequest,
): {
  returnId: string;
  returnNumber: string;
  refundCents: number;
  lines: ReturnedLine[];
  refunds: Array<{ tender: 'cash' | 'debit' | 'card' | 'store_credit'; amountCents: number }>;
} {
  if (request.lines.length === 0) throw new AppError('RETURN_EMPTY', 'Choose at least one item to return.');
  return writeTransaction(db, (tx) => {
    const sale = tx.select().from(sales).where(eq(sales.id, request.saleId)).get();
    if (sale === undefined) throw new AppError('SALE_NOT_FOUND', 'No such sale in this store.');
    if (sale.status === 'voided') throw new AppError('SALE_VOIDED', `Sale ${sale.saleNumber} was voided: there is nothing to return.`);
    const returnId = randomUUID();
    const returnNumber = `${sale.saleNumber}-R${returnCount(tx, sale.id) + 1}`;
    const refunded = linesByLine(request.lines).map((wanted) => refundForLine(tx, sale.id, wanted.saleLineId, wanted.quantity));
    const refundCents = refunded.reduce((sum, r) => sum + r.refundCents, 0);
    tx.insert(saleReturns)
      .values({
        id: returnId,
        saleId: sale.id,
        returnNumber,
        reason: request.reason,
        disposition: request.disposition,
        refundCents,
        staffId: request.staffId,
        approvedBy: request.approvedBy,
        createdAt: request.now,
      })
      .run();
    for (const r of refunded) {
      tx.insert(saleReturnLines).values({ id: randomUUID(), returnId, saleLineId: r.line.id, quantity: r.quantity, refundCents: r.refundCents }).run();
      if (request.disposition === 'inventory') restock(tx, r.line.packageTag, r.quantity);
    }
    // The points those lines earned go back, and the points they were paid with come back (loyalty/ledger.ts).
    recordReturnLoyalty(tx, { returnId, saleId: sale.id, at: request.now });
    queueSaleForLoyaltyFeed(tx, sale.id, request.now);
    const refunds = refundByOriginalTender(tx, {
      saleId: sale.id,
      refundCents,
      returnId,
      terminalId: request.terminalId,
      staffId: request.staffId,
      now: request.now,
    });
    const menuDeltas = request.disposition === 'inventory' ? refunded.map((r) => ({ packageTag: r.line.packageTag, delta: r.quantity })) : [];
    if (isStoreLinked(tx) && request.disposition === 'inventory')
      queueStockMovesForStore(
        tx,
        `return:${returnId}`,
        refunded.map((r) => ({ key: `return:${returnId}:${r.line.id}`, packageTag: r.line.packageTag, delta: r.quantity, reason: 'return' })),
        request.now,
      );
    const returnItem = enqueueFollowUp(
      tx,
      sale.id,
      'receipt.return',
      {
        saleId: sale.id,
        returnId,
        returnNumber,
        disposition: request.disposition,
        lines: refunded.map((r) => ({ packageTag: r.line.packageTag, quantity: r.quantity, refundCents: r.refundCents, taxes: r.taxes })),
      },
      menuDeltas,
      request.now,
    );
    // Destroyed goods leave the package in the state system too: a waste adjustment once the receipt edit has put them back.
    if (request.disposition === 'destruction') {
      for (const r of refunded)
        enqueuePackageAdjustment(tx, {
          saleId: sale.id,
          after: returnItem,
          packageTag: r.line.packageTag,
          quantity: -r.quantity,
          reason: 'destruction',
          note: `Returned item destroyed (${returnNumber}): ${request.reason}`,
          now: request.now,
        });
    }
    appendAudit(tx, {
      at: request.now,
      staffId: request.staffId,
      terminalId: request.terminalId,
      action: 'sale.return',
      entityType: 'sale',
      entityId: sale.id,
      after: { returnId, returnNumber, refundCents, refunds, disposition: request.disposition, reason: request.reason, approvedBy: request.approvedBy },
    });
    return {
      returnId,
      returnNumber,
      refundCents,
      lines: refunded.map((r) => ({ saleLineId: r.line.id, quantity: r.quantity, refundCents: r.refundCents, taxes: r.taxes })),
      refunds,
    };
  });
}

/**
 * One entry per sale line, its quantities summed. Each line's share is
 * computed from what earlier returns took, read from the database; a line
 * named twice in one request would otherwise be checked and refunded twice
 * against the same "already returned" (issue #16: $44.10 back for a $22.05
 * item). Runs inside the write transaction, so the sum and the check it
 * feeds see the same rows.
 */
function linesByLine(lines: ReturnRequest['lines']): Array<{ saleLineId: string; quantity: number }> {
  const summed = new Map<string, number>();
  for (const line of lines) {
    if (!Number.isSafeInteger(line.quantity) || line.quantity <= 0) throw new AppError('RETURN_QUANTITY_INVALID', 'Return a whole, positive quantity.');
    summed.set(line.saleLineId, (summed.get(line.saleLineId) ?? 0) + line.quantity);
  }
  return [...summed].map(([saleLineId, quantity]) => ({ saleLineId, quantity }));
}

function returnCount(tx: RegisterTx, saleId: string): number {
  return (
    tx
      .select({ n: sql<number>`count(*)` })
      .from(saleReturns)
      .where(eq(saleReturns.saleId, saleId))
      .get()?.n ?? 0
  );
}

function refundForLine(tx: RegisterTx, saleId: string, saleLineId: string, quantity: number) {
  const line = tx.select().from(saleLines).where(eq(saleLines.id, saleLineId)).get();
  if (line === undefined || line.saleId !== saleId) throw new AppError('RETURN_LINE_NOT_IN_SALE', 'That item is not on this sale.');
  if (!Number.isSafeInteger(quantity) || quantity <= 0) throw new AppError('RETURN_QUANTITY_INVALID', 'Return a whole, positive quantity.');
  const already =
    tx
      .select({ q: sql<number>`coalesce(sum(${saleReturnLines.quantity}), 0)` })
      .from(saleReturnLines)
      .where(eq(saleReturnLines.saleLineId, line.id))
      .get()?.q ?? 0;
  if (already + quantity > line.quantity) {
    throw new AppError('RETURN_TOO_MANY', `Only ${line.quantity - already} of line ${line.lineNumber} can still be returned.`, {
      returnable: line.quantity - already,
    });
  }
  const share = (amount: number) => Math.floor((amount * (already + quantity)) / line.quantity) - Math.floor((amount * already) / line.quantity);
  // Every tax shipped today is added to the price, so the line's net holds no tax; the taxes come from the sale's own rows.
  const taxes = tx
    .select({ taxId: saleTaxes.taxId, name: saleTaxes.name, amountCents: saleTaxes.amountCents })
    .from(saleTaxes)
    .where(and(eq(saleTaxes.saleId, saleId), eq(saleTaxes.lineNumber, line.lineNumber)))
    .all()
    .map((t) => ({ taxId: t.taxId, name: t.name, amountCents: share(t.amountCents) }));
  const refundCents = share(line.netCents) + taxes.reduce((s, t) => s + t.amountCents, 0);
  return { line, quantity, refundCents, taxes };
}
