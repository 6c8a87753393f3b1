import { signedIn } from '../../core/signed-in';
import type { Handlers } from '../../core/handler';
import { complianceGate } from '../compliance/gate';
import type { PiiKeys } from '../../platform/security/pii-crypto';
import { stateCheckForCart } from '../compliance/state-check';
import { TRACEABILITY_LANE } from '../sync/lanes';
import { completeSale, type SaleServices } from './complete-sale';
import { priceCart } from './pricing-service';
import { encodeReport } from '../printing/report-document';
import { printOnReceiptPrinter } from '../printing/receipt-printer';
import { receiptForSale } from '../receipts/receipt-document';
import { receiptPrintable } from '../receipts/receipt-printing';
import { findSale, recentSales } from './find-sale';
import { returnSaleLines } from './return-sale';
import { changeDenominations } from '../../../shared/domain/pricing/tenders';
import { isCashOnly, setCashOnly, tenderMode } from './tender-mode';
import { voidSale } from './void-sale';
import { holdStoreLimits } from './store-hold';
import { holdStoreBalances } from './store-balances';
import { kickForCashRefund, kickForCashSale } from '../devices/service';

/** The real services a sale runs through: the compliance gate and pricing with the state's taxes. */
/** The sale's pricing and compliance gate (which reads customers' sealed birth dates with the register's keys). */
export const saleServicesFor = (keys: PiiKeys): SaleServices => ({ price: priceCart, checkCompliance: complianceGate(keys) });

export const saleHandlers: Handlers<
  'sale-complete' | 'sale-find' | 'sales-recent' | 'sale-receipt' | 'sale-receipt-print' | 'sale-void' | 'sale-return' | 'tender-mode-set' | 'tender-mode-get'
> = {
  'sale-find': (input, ctx) => findSale(ctx.db, ctx.terminalId, input.saleNumber),

  'sales-recent': (_input, ctx) => ({ items: recentSales(ctx.db, ctx.terminalId, ctx.now()) }),

  'sale-receipt': (input, ctx) => receiptForSale(ctx.db, input.saleId),

  'sale-receipt-print': (input, ctx) =>
    printOnReceiptPrinter(ctx.db, ctx.terminalId, encodeReport(receiptPrintable(receiptForSale(ctx.db, input.saleId))), ctx.devices),

  'sale-complete': async (input, ctx) => {
    const staffId = signedIn(ctx);
    const stateCheck = await stateCheckForCart(ctx.db, ctx.piiKeys, ctx.sync, { cartId: input.cartId, terminalId: ctx.terminalId, now: ctx.now() });
    // Offline = the state system could not be reached when the sale was made (it is re-checked at reconnect).
    const madeOffline = ctx.sync.connectivity(TRACEABILITY_LANE)?.online === false;
    // A register of a store with a server holds the cart's limits there first (across every register).
    const storeHold = await holdStoreLimits(ctx.db, ctx.piiKeys, ctx.storeLink, { cartId: input.cartId, terminalId: ctx.terminalId, now: ctx.now() });
    let sale: ReturnType<typeof completeSale>;
    let balanceKey: string | null = null;
    try {
      // And the customer's points or store credit it spends, likewise.
      balanceKey = await holdStoreBalances(ctx.db, ctx.storeLink, { cartId: input.cartId, terminalId: ctx.terminalId, tenders: input.tenders });
      sale = completeSale(ctx.db, saleServicesFor(ctx.piiKeys), {
        cartId: input.cartId,
        terminalId: ctx.terminalId,
        staffId,
        tenders: input.tenders,
        madeOffline,
        stateCheck,
        storeHold: storeHold === null ? null : { ...storeHold, balanceKey },
        now: ctx.now(),
      });
    } catch (error) {
      // Not written: what was held for it goes back at once (else it lapses with its lease). Both holds are the cart's.
      if (storeHold?.reservationKey != null || balanceKey !== null) await ctx.storeLink.release(input.cartId).catch(() => undefined);
      throw error;
    }
    if (storeHold !== null) ctx.sync.wake();
    // Committed: now the drawer opens for cash (not again for a retried completion); a drawer that does not is a warning, never a failed sale.
    const drawer = sale.replayed ? {} : await kickForCashSale(ctx.devices, sale.tenders);
    return {
      saleId: sale.saleId,
      saleNumber: sale.saleNumber,
      subtotalCents: sale.totals.subtotalCents,
      discountCents: sale.totals.discountCents,
      taxCents: sale.totals.taxCents,
      totalCents: sale.totals.totalCents,
      changeCents: sale.changeCents,
      changeDenominations: changeDenominations(sale.changeCents),
      tenders: [...sale.tenders],
      ...drawer,
    };
  },

  'sale-void': async (input, ctx) => {
    const staffId = signedIn(ctx);
    // A void always names who authorised it: the caller if their role may void, else the approving manager.
    const result = voidSale(ctx.db, {
      saleId: input.saleId,
      terminalId: ctx.terminalId,
      staffId,
      approvedBy: ctx.approvedBy ?? staffId,
      reason: input.reason,
      now: ctx.now(),
    });
    // Committed: cash going back opens the drawer (a drawer that does not is a warning, never a failed void).
    return { refunds: result.refunds, ...(await kickForCashRefund(ctx.devices, result.refunds)) };
  },

  'sale-return': async (input, ctx) => {
    const staffId = signedIn(ctx);
    const result = returnSaleLines(ctx.db, {
      saleId: input.saleId,
      lines: input.lines,
      reason: input.reason,
      disposition: input.disposition,
      terminalId: ctx.terminalId,
      staffId,
      approvedBy: ctx.approvedBy ?? staffId,
      now: ctx.now(),
    });
    return {
      returnId: result.returnId,
      returnNumber: result.returnNumber,
      refundCents: result.refundCents,
      ...(await kickForCashRefund(ctx.devices, result.refunds)),
    };
  },

  'tender-mode-set': (input, ctx) => {
    setCashOnly(ctx.db, {
      terminalId: ctx.terminalId,
      staffId: signedIn(ctx),
      approvedBy: ctx.approvedBy,
      cashOnly: input.cashOnly,
      reason: input.reason,
      now: ctx.now(),
    });
    return { cashOnly: isCashOnly(ctx.db, ctx.terminalId) };
  },

  'tender-mode-get': (_input, ctx) => tenderMode(ctx.db, ctx.terminalId),
};
