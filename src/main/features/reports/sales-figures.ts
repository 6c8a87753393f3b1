import { and, eq, inArray, sql, type SQL } from 'drizzle-orm';
import { payments, saleDiscounts, saleReturns, sales, saleTaxes } from '../../platform/db/schema';
import type { RegisterDb } from '../../platform/db/open';
import { allOf } from '../../platform/db/conditions';
import { localHour } from '../../../shared/domain/store-calendar';
import type { ZReportView } from '../../../shared/contract/reports';
import { tenderTotals } from '../cash-drawer/tender-totals';

/**
 * The figures a Z-report and a day summary share, computed from the stored
 * sales, discounts, taxes and payments of the sales selected by `where`.
 * Every figure is a sum of rows: nothing is recomputed from prices.
 */
export type SalesFigures = Pick<ZReportView, 'sales' | 'voids' | 'returns' | 'discountsByPromotion' | 'taxesByTax' | 'tenders' | 'salesByHour'>;

export function salesFigures(db: RegisterDb, saleFilter: SQL, paymentFilter: SQL, timeZone: string): SalesFigures {
  const completed = allOf(saleFilter, eq(sales.status, 'completed'));
  const totals = db
    .select({
      count: sql<number>`count(*)`,
      subtotalCents: sql<number>`coalesce(sum(${sales.subtotalCents}), 0)`,
      discountCents: sql<number>`coalesce(sum(${sales.discountCents}), 0)`,
      taxCents: sql<number>`coalesce(sum(${sales.taxCents}), 0)`,
      totalCents: sql<number>`coalesce(sum(${sales.totalCents}), 0)`,
    })
    .from(sales)
    .where(completed)
    .get() ?? { count: 0, subtotalCents: 0, discountCents: 0, taxCents: 0, totalCents: 0 };
  const voids = db
    .select({ count: sql<number>`count(*)`, totalCents: sql<number>`coalesce(sum(${sales.totalCents}), 0)` })
    .from(sales)
    .where(and(saleFilter, eq(sales.status, 'voided')))
    .get() ?? { count: 0, totalCents: 0 };
  const returnIds = db
    .selectDistinct({ id: payments.returnId })
    .from(payments)
    .where(and(paymentFilter, eq(payments.direction, 'refund')))
    .all()
    .map((r) => r.id)
    .filter((id): id is string => id !== null);
  const returns =
    returnIds.length === 0
      ? { count: 0, refundCents: 0 }
      : (db
          .select({ count: sql<number>`count(*)`, refundCents: sql<number>`coalesce(sum(${saleReturns.refundCents}), 0)` })
          .from(saleReturns)
          .where(inArray(saleReturns.id, returnIds))
          .get() ?? { count: 0, refundCents: 0 });
  const completedIds = db.select({ id: sales.id }).from(sales).where(completed);
  const discountsByPromotion = db
    .select({
      source: saleDiscounts.source,
      promotionId: saleDiscounts.promotionId,
      name: saleDiscounts.name,
      amountCents: sql<number>`sum(${saleDiscounts.amountCents})`,
    })
    .from(saleDiscounts)
    .where(inArray(saleDiscounts.saleId, completedIds))
    .groupBy(saleDiscounts.source, saleDiscounts.promotionId, saleDiscounts.name)
    .all();
  const taxesByTax = db
    .select({ taxId: saleTaxes.taxId, name: saleTaxes.name, amountCents: sql<number>`sum(${saleTaxes.amountCents})` })
    .from(saleTaxes)
    .where(inArray(saleTaxes.saleId, completedIds))
    .groupBy(saleTaxes.taxId, saleTaxes.name)
    .all();
  const tenders = tenderTotals(db, paymentFilter);
  const hours = new Map<string, { count: number; totalCents: number }>();
  for (const sale of db.select({ at: sales.completedAt, total: sales.totalCents }).from(sales).where(completed).all()) {
    const hour = localHour(sale.at, timeZone);
    const bucket = hours.get(hour) ?? { count: 0, totalCents: 0 };
    hours.set(hour, { count: bucket.count + 1, totalCents: bucket.totalCents + sale.total });
  }
  const salesByHour = [...hours.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([hour, v]) => ({ hour, ...v }));
  return { sales: totals, voids, returns, discountsByPromotion, taxesByTax, tenders, salesByHour };
}
