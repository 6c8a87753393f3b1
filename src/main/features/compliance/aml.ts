import { randomUUID } from 'node:crypto';
import { and, eq, gte, lt, sql } from 'drizzle-orm';
import { complianceFlags, sales } from '../../platform/db/schema';
import type { RegisterTx } from '../../platform/db/transaction';
import { bound, preparedOnce } from '../../platform/db/prepared';
import { businessDay, dayWindow } from '../../../shared/domain/store-calendar';

/** The Currency Transaction Report / Form 8300 threshold: cash over $10,000 in a business day. */
export const CTR_THRESHOLD_CENTS = 1_000_000;
/** "Just under" a threshold: the band structuring lives in. */
const STRUCTURING_BAND_CENTS = 800_000;

interface SaleFacts {
  readonly storeId: string;
  readonly saleId: string;
  readonly customerId: string | null;
  readonly timeZone: string;
  readonly at: Date;
  /** Cash this sale took (net of change). */
  readonly cashCents: number;
}

/**
 * Raises review flags inside the sale's own transaction (so a flag exists
 * exactly when the sale does). Signals a register can see (FIN-2014-G001):
 * a customer's cash for the business day crossing $10,000 (31 CFR
 * 1010.311/313; IRC §6050I Form 8300), and several cash sales to one
 * customer in a day each just under the threshold, or spread across
 * terminals or budtenders (structuring, 31 U.S.C. §5324). Anonymous
 * customers cannot be aggregated: they have no identity to add up.
 */
export function raiseAmlFlags(tx: RegisterTx, sale: SaleFacts): string[] {
  // Every flag is about cash: a sale that takes none cannot make one newly true, so it reads nothing (issue #18).
  if (sale.customerId === null || sale.cashCents <= 0) return [];
  const day = businessDay(sale.at, sale.timeZone);
  const { start, end } = dayWindow(day, sale.timeZone);
  const todays = cashSalesOfDay(tx).all({ customerId: sale.customerId, start, end });
  const cashSales = todays.filter((s) => s.cash > 0);
  const totalCash = cashSales.reduce((sum, s) => sum + s.cash, 0);
  const raised: string[] = [];
  const raise = (kind: string, citation: string, details: Record<string, unknown>) => {
    const already = customerFlagOfDay(tx).get({ customerId: sale.customerId ?? '', day, kind });
    if (already !== undefined) return;
    tx.insert(complianceFlags)
      .values({
        id: randomUUID(),
        storeId: sale.storeId,
        kind,
        customerId: sale.customerId,
        saleId: sale.saleId,
        businessDay: day,
        details,
        citation,
        createdAt: sale.at,
      })
      .run();
    raised.push(kind);
  };
  if (totalCash > CTR_THRESHOLD_CENTS) {
    raise('cash_over_10000', '31 CFR 1010.311, 1010.313; IRC §6050I (Form 8300 within 15 days: capture the buyer data it needs)', {
      cashCents: totalCash,
      sales: cashSales.length,
    });
  }
  const justUnder = cashSales.filter((s) => s.cash >= STRUCTURING_BAND_CENTS && s.cash <= CTR_THRESHOLD_CENTS);
  const spread = new Set(cashSales.map((s) => s.terminalId)).size > 1 || new Set(cashSales.map((s) => s.staffId)).size > 1;
  if (justUnder.length >= 2 || (cashSales.length >= 3 && spread && totalCash >= CTR_THRESHOLD_CENTS / 2)) {
    raise('possible_structuring', '31 U.S.C. §5324; FinCEN FIN-2014-G001 (red flags)', {
      cashCents: totalCash,
      sales: cashSales.length,
      justUnderThreshold: justUnder.length,
      terminals: new Set(cashSales.map((s) => s.terminalId)).size,
      budtenders: new Set(cashSales.map((s) => s.staffId)).size,
    });
  }
  return raised;
}

// Every sale to a known customer runs these: prepared once per connection (issue #18).
const cashSalesOfDay = preparedOnce((db) =>
  db
    .select({
      saleId: sales.id,
      terminalId: sales.terminalId,
      staffId: sales.staffId,
      // Written out with table aliases: drizzle leaves columns unqualified inside a correlated subquery.
      cash: sql<number>`coalesce((SELECT sum(CASE WHEN p.direction = 'payment' THEN p.amount_cents ELSE -p.amount_cents END) FROM payments p WHERE p.sale_id = "sales"."id" AND p.tender = 'cash'), 0)`,
    })
    .from(sales)
    .where(
      and(
        eq(sales.customerId, sql.placeholder('customerId')),
        eq(sales.status, 'completed'),
        gte(sales.completedAt, bound(sales.completedAt, 'start')),
        lt(sales.completedAt, bound(sales.completedAt, 'end')),
      ),
    )
    .prepare(),
);

const customerFlagOfDay = preparedOnce((db) =>
  db
    .select({ id: complianceFlags.id })
    .from(complianceFlags)
    .where(
      and(
        eq(complianceFlags.customerId, sql.placeholder('customerId')),
        eq(complianceFlags.businessDay, sql.placeholder('day')),
        eq(complianceFlags.kind, sql.placeholder('kind')),
      ),
    )
    .prepare(),
);
