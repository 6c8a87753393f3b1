import { and, asc, desc, eq, gte, lt, sql } from 'drizzle-orm';
import { AppError } from '../../../shared/errors';
import { businessDay, dayWindow } from '../../../shared/domain/store-calendar';
import { products, saleLines, sales, staff, stores } from '../../platform/db/schema';
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

/** How many of the day's sales the Returns screen lists to pick from. */
export const RECENT_SALES = 50;

/**
 * The store's sales of this store-local day, newest first (at most
 * `RECENT_SALES`), for the Returns screen to pick from when the customer
 * has no receipt to scan: number, time, total, who rang it, and how many lines.
 */
export function recentSales(db: RegisterDb, terminalId: string, now: Date) {
  const storeId = storeIdOfTerminal(db, terminalId);
  const store = db.select({ timeZone: stores.timeZone }).from(stores).where(eq(stores.id, storeId)).get();
  if (store === undefined) throw new AppError('TERMINAL_NOT_SET_UP', 'This terminal is not set up in the database. Call IT support.');
  const { start, end } = dayWindow(businessDay(now, store.timeZone), store.timeZone);
  return db
    .select({
      saleId: sales.id,
      saleNumber: sales.saleNumber,
      status: sales.status,
      completedAt: sales.completedAt,
      totalCents: sales.totalCents,
      budtender: staff.displayName,
      lines: sql<number>`(SELECT count(*) FROM sale_lines l WHERE l.sale_id = "sales"."id")`,
    })
    .from(sales)
    .innerJoin(staff, eq(staff.id, sales.staffId))
    .where(and(eq(sales.storeId, storeId), gte(sales.completedAt, start), lt(sales.completedAt, end)))
    .orderBy(desc(sales.completedAt), desc(sales.saleNumber))
    .limit(RECENT_SALES)
    .all()
    .map((sale) => ({ ...sale, completedAt: sale.completedAt.toISOString() }));
}
