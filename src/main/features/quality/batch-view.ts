import { and, asc, eq, or, sql } from 'drizzle-orm';
import { customers, packages, productHolds, products, qualityIncidents, saleLines, sales } from '../../platform/db/schema';
import type { RegisterDb } from '../../platform/db/open';
import type { PiiKeys } from '../../platform/security/pii-crypto';
import { openCustomerPii } from '../customers/customer-pii';
import { photoCounts } from './incident-photos';

/** A package's batch in SQL: its own production batch, else its product's certificate batch (as quality/holds.ts reads it). */
const packageBatch = sql<string | null>`coalesce(${packages.productionBatch}, ${products.coaBatchNumber})`;

export interface BatchSale {
  readonly saleId: string;
  readonly saleNumber: string;
  readonly completedAt: string;
  readonly status: string;
  readonly packageTag: string;
  readonly quantity: number;
  readonly customerId: string | null;
  readonly customerName: string | null;
}

/** Every sale line drawn from a batch, oldest first, with the customer's sealed name (opened only by whoever needs it). */
export function batchSaleLines(db: RegisterDb, storeId: string, batch: string) {
  return db
    .select({
      saleId: sales.id,
      saleNumber: sales.saleNumber,
      completedAt: sales.completedAt,
      status: sales.status,
      packageTag: saleLines.packageTag,
      quantity: saleLines.quantity,
      customerId: sales.customerId,
      firstName: customers.firstName,
      lastName: customers.lastName,
      dateOfBirth: customers.dateOfBirth,
    })
    .from(saleLines)
    .innerJoin(sales, eq(sales.id, saleLines.saleId))
    .innerJoin(packages, eq(packages.tag, saleLines.packageTag))
    .innerJoin(products, eq(products.id, packages.productId))
    .leftJoin(customers, eq(customers.id, sales.customerId))
    .where(and(eq(sales.storeId, storeId), sql`${packageBatch} = ${batch}`))
    .orderBy(asc(sales.completedAt), asc(saleLines.lineNumber))
    .all();
}

/**
 * Recall readiness: every package of a batch, every sale that drew from one
 * (voided ones marked), the customers who bought it (names opened only here,
 * for the care specialist who must reach them), the holds and the incidents.
 */
export function batchView(db: RegisterDb, keys: PiiKeys, storeId: string, batch: string) {
  const pkgs = db
    .select({ tag: packages.tag, productId: packages.productId, productName: products.name, onHand: packages.quantityOnHand, status: packages.status })
    .from(packages)
    .innerJoin(products, eq(products.id, packages.productId))
    .where(and(eq(packages.storeId, storeId), sql`${packageBatch} = ${batch}`))
    .orderBy(asc(packages.tag))
    .all();
  const rows = batchSaleLines(db, storeId, batch);
  const saleRows: BatchSale[] = rows.map((r) => {
    const name =
      r.firstName === null || r.lastName === null || r.dateOfBirth === null
        ? null
        : (({ firstName, lastName }) => `${firstName} ${lastName}`)(
            openCustomerPii(keys, { firstName: r.firstName, lastName: r.lastName, dateOfBirth: r.dateOfBirth }),
          );
    return {
      saleId: r.saleId,
      saleNumber: r.saleNumber,
      completedAt: r.completedAt.toISOString(),
      status: r.status,
      packageTag: r.packageTag,
      quantity: r.quantity,
      customerId: r.customerId,
      customerName: name,
    };
  });
  const byCustomer = new Map<string, { customerId: string; name: string | null; sales: number }>();
  for (const s of saleRows) {
    if (s.customerId === null || s.status === 'voided') continue;
    const entry = byCustomer.get(s.customerId) ?? { customerId: s.customerId, name: s.customerName, sales: 0 };
    entry.sales += 1;
    byCustomer.set(s.customerId, entry);
  }
  const tags = pkgs.map((p) => p.tag);
  const holds = db
    .select()
    .from(productHolds)
    .where(
      and(eq(productHolds.storeId, storeId), or(eq(productHolds.batch, batch), tags.length === 0 ? undefined : sql`${productHolds.packageTag} IN ${tags}`)),
    )
    .all()
    .map((h) => ({
      holdId: h.id,
      scope: h.scope,
      packageTag: h.packageTag,
      reason: h.reason,
      placedAt: h.placedAt.toISOString(),
      releasedAt: h.releasedAt?.toISOString() ?? null,
    }));
  const incidents = db
    .select({
      incidentId: qualityIncidents.id,
      incidentNumber: qualityIncidents.incidentNumber,
      category: qualityIncidents.category,
      status: qualityIncidents.status,
    })
    .from(qualityIncidents)
    .where(and(eq(qualityIncidents.storeId, storeId), eq(qualityIncidents.batch, batch)))
    .all();
  const photos = photoCounts(db, storeId);
  return {
    batch,
    packages: pkgs,
    sales: saleRows,
    anonymousSales: saleRows.filter((s) => s.customerId === null && s.status !== 'voided').length,
    customers: [...byCustomer.values()],
    holds,
    // Photos kept on each (removed ones not counted), so operations see which incidents show the fault.
    incidents: incidents.map((i) => ({ ...i, photoCount: photos.get(i.incidentId) ?? 0 })),
  };
}

const csvCell = (v: unknown) => {
  const text = v === null || v === undefined ? '' : String(v);
  // Quote always; double inner quotes; a leading =, +, - or @ is prefixed so a spreadsheet never runs it as a formula.
  return `"${(/^[=+\-@]/.test(text) ? `'${text}` : text).replaceAll('"', '""')}"`;
};

export function toCsv(header: readonly string[], rows: ReadonlyArray<Readonly<Record<string, unknown>>>): string {
  return [header.map(csvCell).join(','), ...rows.map((r) => header.map((h) => csvCell(r[h])).join(','))].join('\r\n') + '\r\n';
}
