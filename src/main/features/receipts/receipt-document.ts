import { and, asc, eq } from 'drizzle-orm';
import { DateTime } from 'luxon';
import type { ReceiptDocument } from '../../../shared/contract/receipt';
import { AppError } from '../../../shared/errors';
import { formatCents, formatMilligrams } from '../../../shared/money';
import {
  messageTemplates,
  onlineOrderPrepayments,
  payments,
  products,
  saleDiscounts,
  saleLines,
  sales,
  saleTaxes,
  staff,
  stores,
} from '../../platform/db/schema';
import type { RegisterDb } from '../../platform/db/open';

/** The receipt of a stored sale: every figure read back from what the sale wrote. */
export function receiptForSale(db: RegisterDb, saleId: string): ReceiptDocument {
  const row = db
    .select({ sale: sales, store: stores, budtender: staff.displayName })
    .from(sales)
    .innerJoin(stores, eq(stores.id, sales.storeId))
    .innerJoin(staff, eq(staff.id, sales.staffId))
    .where(eq(sales.id, saleId))
    .get();
  if (row === undefined) throw new AppError('SALE_NOT_FOUND', 'No such sale in this store.');
  const lines = db
    .select({ line: saleLines, name: products.name, sellingMode: products.sellingMode })
    .from(saleLines)
    .innerJoin(products, eq(products.id, saleLines.productId))
    .where(eq(saleLines.saleId, saleId))
    .orderBy(asc(saleLines.lineNumber))
    .all();
  const discounts = db.select().from(saleDiscounts).where(eq(saleDiscounts.saleId, saleId)).all();
  const taxes = new Map<string, { name: string; amountCents: number }>();
  for (const t of db.select().from(saleTaxes).where(eq(saleTaxes.saleId, saleId)).all()) {
    taxes.set(t.taxId, { name: t.name, amountCents: (taxes.get(t.taxId)?.amountCents ?? 0) + t.amountCents });
  }
  const paid = db
    .select()
    .from(payments)
    .where(eq(payments.saleId, saleId))
    .all()
    .filter((p) => p.direction === 'payment');
  return {
    store: { name: row.store.name, address: row.store.address, licenseNumber: row.store.licenseNumber },
    saleNumber: row.sale.saleNumber,
    printedTime: DateTime.fromJSDate(row.sale.completedAt, { zone: row.store.timeZone }).toFormat('yyyy-LL-dd HH:mm'),
    budtender: row.budtender,
    status: row.sale.status,
    lines: lines.map(({ line, name, sellingMode }) => ({
      name,
      packageTag: line.packageTag,
      quantityText: sellingMode === 'weight' ? formatMilligrams(line.quantity) : `${line.quantity} x`,
      grossCents: line.grossCents,
      discounts: discounts.filter((d) => d.lineNumber === line.lineNumber).map((d) => ({ name: d.name, amountCents: d.amountCents })),
      netCents: line.netCents,
    })),
    subtotalCents: row.sale.subtotalCents,
    discountCents: row.sale.discountCents,
    taxes: [...taxes.values()],
    totalCents: row.sale.totalCents,
    tenders: paid.map((p) => ({
      label: tenderLabel(p.tender, p.reference),
      amountCents: p.tenderedCents,
    })),
    changeCents: paid.reduce((s, p) => s + p.changeCents, 0),
    // No health claims on anything the store hands out (docs/compliance/customer-communication.md): the store's own receipt
    // messages were checked for medical claims when saved (care/templates.ts), and print after the statutory lines.
    footer: [
      ...prepaidNotes(db, saleId),
      'Keep out of reach of children and animals.',
      'For use only by adults 21 and older.',
      ...db
        .select({ body: messageTemplates.body })
        .from(messageTemplates)
        .where(and(eq(messageTemplates.storeId, row.store.id), eq(messageTemplates.kind, 'receipt_message')))
        .orderBy(asc(messageTemplates.name))
        .all()
        .map((t) => t.body),
      'Thank you!',
    ],
  };
}

function tenderLabel(tender: (typeof payments.$inferSelect)['tender'], reference: string | null): string {
  switch (tender) {
    case 'cash':
      return 'Cash';
    case 'debit':
      return `Debit ${reference ?? ''}`.trim();
    case 'card':
      return `Card ${reference ?? ''}`.trim();
    case 'prepaid':
      // Paid on the online platform before pickup: the receipt says so, with the platform's payment reference.
      return `Prepaid online ${reference ?? ''}`.trim();
    case 'store_credit':
      return 'Store credit';
    default: {
      const never: never = tender;
      return String(never);
    }
  }
}

/** A prepaid online order whose platform charged another amount than the register's total: both, on the receipt. */
function prepaidNotes(db: RegisterDb, saleId: string): string[] {
  const row = db.select().from(onlineOrderPrepayments).where(eq(onlineOrderPrepayments.saleId, saleId)).get();
  if (row === undefined) return [];
  if (row.differenceCents === null || row.differenceCents === 0 || row.registerTotalCents === null) return ['Prepaid online order.'];
  const who = row.differenceCents > 0 ? 'more' : 'less';
  return [
    `Prepaid online order: the platform charged ${formatCents(row.amountCents)}, ${formatCents(Math.abs(row.differenceCents))} ${who} than this receipt's total of ${formatCents(row.registerTotalCents)}.`,
  ];
}
