import { z } from 'zod';
import { approvalGrantRef } from './approval';
import { command } from './command';
import { receiptDocument } from './receipt';
import { cents, counterCents, counterText } from './values';

const id = z.string().min(1).max(64);
/** A staff member named on screen: who switched the tender mode, who approved it. */
const staffRef = z.object({ staffId: z.string(), displayName: z.string() });
const refund = z.object({ tender: z.enum(['cash', 'debit', 'card', 'prepaid', 'store_credit']), amountCents: cents });

const tender = z.discriminatedUnion('tender', [
  z.object({ tender: z.literal('cash'), tenderedCents: counterCents }).strict(),
  z.object({ tender: z.enum(['debit', 'card']), amountCents: counterCents, reference: counterText(40) }).strict(),
  /** From the customer's store credit (the sale checks their balance). */
  z.object({ tender: z.literal('store_credit'), amountCents: counterCents.refine((c) => c > 0, 'Store credit used must be more than $0.00') }).strict(),
]);

export const completedSale = z.object({
  saleId: z.string(),
  saleNumber: z.string(),
  subtotalCents: cents,
  discountCents: cents,
  taxCents: cents,
  totalCents: cents,
  changeCents: cents,
  changeDenominations: z.array(z.object({ cents, count: z.number().int().positive() })),
  tenders: z.array(
    z.object({
      tender: z.enum(['cash', 'debit', 'card', 'prepaid', 'store_credit']),
      amountCents: cents,
      tenderedCents: cents,
      changeCents: cents,
      reference: z.string().nullable(),
    }),
  ),
  /** Present when the sale is saved but the cash drawer did not open (unplugged, jammed): say so on screen. */
  drawerWarning: z.string().optional(),
});
export type CompletedSaleView = z.infer<typeof completedSale>;

export const salesCommands = {
  'sale-complete': command({
    access: 'sale.ring',
    summary:
      'Complete the cart as a sale: compliance, pricing, tenders, stock, outbox and audit in one transaction. Idempotent by cart: a retried completion answers the same sale.',
    writes: true,
    // No tender at all: only a prepaid online order's cart (its platform payment is the tender; otherwise PAYMENT_MISSING).
    input: z.object({ cartId: id, tenders: z.array(tender).max(10) }).strict(),
    output: completedSale,
  }),
  'sale-find': command({
    access: 'sale.ring',
    summary: 'A sale by its number, with what can still be returned of each line.',
    writes: false,
    input: z.object({ saleNumber: counterText(20) }).strict(),
    output: z.object({
      saleId: z.string(),
      saleNumber: z.string(),
      status: z.enum(['completed', 'voided']),
      completedAt: z.string(),
      totalCents: cents,
      lines: z.array(
        z.object({
          saleLineId: z.string(),
          name: z.string(),
          packageTag: z.string(),
          quantity: z.number().int(),
          returnable: z.number().int(),
          paidCents: cents,
        }),
      ),
    }),
  }),
  'sales-recent': command({
    access: 'sale.ring',
    summary: 'The store’s last 50 sales of this store day, newest first: for the Returns screen to pick from.',
    writes: false,
    input: z.object({}).strict(),
    output: z.object({
      items: z.array(
        z.object({
          saleId: z.string(),
          saleNumber: z.string(),
          status: z.enum(['completed', 'voided']),
          completedAt: z.string(),
          totalCents: cents,
          budtender: z.string(),
          lines: z.number().int().nonnegative(),
        }),
      ),
    }),
  }),
  'sale-receipt': command({
    access: 'sale.ring',
    summary: 'The receipt of a sale, for the on-screen preview and reprint.',
    writes: false,
    input: z.object({ saleId: id }).strict(),
    output: receiptDocument,
  }),
  'sale-receipt-print': command({
    access: 'sale.ring',
    summary: 'Print (or reprint) a sale’s receipt on the terminal’s receipt printer.',
    writes: false,
    input: z.object({ saleId: id }).strict(),
    // warning: printed, but e.g. the paper is running low.
    output: z.object({ printer: z.string(), warning: z.string().optional() }),
  }),
  'sale-void': command({
    access: 'sale.void',
    summary: 'Void a sale made today (store-local day): restock, refund every tender, tell the state.',
    writes: true,
    input: z.object({ saleId: id, reason: counterText(200), approval: approvalGrantRef.optional() }).strict(),
    output: z.object({ refunds: z.array(refund), drawerWarning: z.string().optional() }),
  }),
  'sale-return': command({
    access: 'sale.refund',
    summary: 'Return some quantities of some lines, refunded on the original tenders.',
    writes: true,
    input: z
      .object({
        saleId: id,
        lines: z
          .array(z.object({ saleLineId: id, quantity: z.number().int().positive() }).strict())
          .min(1, 'Choose at least one item to return')
          .max(200),
        reason: counterText(200),
        disposition: z.enum(['inventory', 'quarantine', 'destruction']),
        approval: approvalGrantRef.optional(),
      })
      .strict(),
    output: z.object({ returnId: z.string(), returnNumber: z.string(), refundCents: cents, drawerWarning: z.string().optional() }),
  }),
  'tender-mode-set': command({
    access: 'tender.cash_only',
    summary:
      'Switch cash-only mode on (card terminal down) or off, with a reason; a shift lead or manager, or a budtender with a manager’s approval; shows on the day’s report.',
    writes: true,
    input: z.object({ cashOnly: z.boolean(), reason: counterText(200), approval: approvalGrantRef.optional() }).strict(),
    output: z.object({ cashOnly: z.boolean() }),
  }),
  'tender-mode-get': command({
    access: 'signed_in',
    summary: 'This terminal’s tender mode: cash only or cards on, and the latest switch’s reason, time, who made it and who approved it.',
    writes: false,
    input: z.object({}).strict(),
    output: z.object({
      cashOnly: z.boolean(),
      reason: z.string().nullable(),
      /** UTC instant of the latest switch; null when it was never switched. */
      at: z.string().nullable(),
      setBy: staffRef.nullable(),
      approvedBy: staffRef.nullable(),
    }),
  }),
};
