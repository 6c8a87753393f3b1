import { and, eq, gte, inArray } from 'drizzle-orm';
import { limitItem, type LimitItem, type PriorPurchase } from '../../../shared/domain/compliance/limit-item';
import { customers, products, saleLines, sales } from '../../platform/db/schema';
import type { RegisterDb } from '../../platform/db/open';
import type { RegisterTx } from '../../platform/db/transaction';
import type { SaleLineInput } from '../../../shared/domain/pricing/sale-line';
import { patientIdFor } from '../customers/patient';

/**
 * A customer's completed (not voided) purchases since `since`, from every
 * terminal that writes to this database. Returns are not subtracted: limits
 * count what was bought, which is never in the customer's favour.
 */
export function priorPurchases(db: RegisterDb | RegisterTx, customerId: string, since: Date): PriorPurchase[] {
  return priorPurchasesOf(db, purchaseGroup(db, customerId), since);
}

/**
 * Whose purchases count together: a patient and every caregiver buying for
 * them share the patient's limits (a caregiver's own purchases count against
 * the patient they buy for).
 */
export function purchaseGroup(db: RegisterDb | RegisterTx, customerId: string): string[] {
  const patientId = patientIdFor(db, customerId);
  if (patientId === null) return [customerId];
  const caregivers = db.select({ id: customers.id }).from(customers).where(eq(customers.caregiverForId, patientId)).all();
  return [...new Set([patientId, customerId, ...caregivers.map((c) => c.id)])];
}

function priorPurchasesOf(db: RegisterDb | RegisterTx, customerIds: readonly string[], since: Date): PriorPurchase[] {
  const rows = db
    .select({
      time: sales.completedAt,
      category: products.category,
      sellingMode: products.sellingMode,
      netWeightMg: products.netWeightMg,
      thcMg: products.thcMg,
      quantity: saleLines.quantity,
    })
    .from(saleLines)
    .innerJoin(sales, eq(sales.id, saleLines.saleId))
    .innerJoin(products, eq(products.id, saleLines.productId))
    .where(and(inArray(sales.customerId, [...customerIds]), eq(sales.status, 'completed'), gte(sales.completedAt, since)))
    .all();
  return rows.map((row) => ({ time: row.time, ...limitItem(row) }));
}

/** A cart line as a limit item. */
export function cartLimitItem(line: SaleLineInput): LimitItem {
  return limitItem(line);
}
