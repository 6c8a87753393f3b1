import { and, asc, eq, sql } from 'drizzle-orm';
import { AppError } from '../../../shared/errors';
import { products, saleLines, sales } from '../../platform/db/schema';
import type { RegisterDb } from '../../platform/db/open';
import { storeIdOfTerminal } from '../store/terminal';

/** A sale of this store by its printed number, with what is still returnable per line. */
export function findSale(db: RegisterDb, terminalId: string, saleNumber: string) {
  const sale = db
    .select()
    .from(sales)
    .where(and(eq(sales.storeId, storeIdOfTerminal(db, terminalId)), eq(sales.saleNumber, saleNumber.trim().toUpperCase())))
    .get();
  if (sale === undefined) throw new AppError('SALE_NOT_FOUND', `No sale numbered ${saleNumber.trim()} in this store — check the receipt.`);
  const lines = db
    .select({
      saleLineId: saleLines.id,
      name: products.name,
      packageTag: saleLines.packageTag,
      quantity: saleLines.quantity,
      // Table aliases spelled out: drizzle leaves columns unqualified inside a correlated subquery.
      returned: sql<number>`coalesce((SELECT sum(r.quantity) FROM sale_return_lines r WHERE r.sale_line_id = "sale_lines"."id"), 0)`,
      paidCents: sql<number>`${saleLines.netCents} + ${saleLines.taxCents}`,
    })
    .from(saleLines)
    .innerJoin(products, eq(products.id, saleLines.productId))
    .where(eq(saleLines.saleId, sale.id))
    .orderBy(asc(saleLines.lineNumber))
    .all();
  return {
    saleId: sale.id,
    saleNumber: sale.saleNumber,
    status: sale.status,
    completedAt: sale.completedAt.toISOString(),
    totalCents: sale.totalCents,
    lines: lines.map(({ returned, ...line }) => ({ ...line, returnable: sale.status === 'voided' ? 0 : line.quantity - returned })),
  };
}
