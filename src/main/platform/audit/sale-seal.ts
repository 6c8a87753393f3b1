import { createHash } from 'node:crypto';
import { asc, eq, gt, sql } from 'drizzle-orm';
import { payments, sales } from '../db/schema';
import type { RegisterDb } from '../db/register-db';
import type { RegisterTx } from '../db/transaction';
import { preparedOnce } from '../db/prepared';
import { canonicalJson } from './canonical-json';

/**
 * Ties sale and payment rows to the audit chain (issue #16, finding 3).
 * Every audit entry about a sale carries, inside its MAC, a digest of the
 * sale row and of each of its payment rows as they stand at that moment;
 * `verifyAuditChain` recomputes them from the tables and compares with the
 * latest entry that sealed each sale. Editing a total, a tender or an
 * amount, deleting a payment or a sale, or adding a payment outside the
 * register's write path all break verification.
 *
 * Not sealed: `reverified_at` (a sync bookkeeping stamp) — nothing about
 * money or who did what.
 */
export type SaleSeal = Record<string, { readonly sale: string; readonly payments: Record<string, string> }>;

type SaleRow = typeof sales.$inferSelect;
type PaymentRow = typeof payments.$inferSelect;

const digest = (value: unknown) => createHash('sha256').update(canonicalJson(value)).digest('hex');
const ms = (d: Date | null) => (d === null ? null : d.getTime());

export function saleRowDigest(row: SaleRow): string {
  return digest(sealedFields(row));
}

/** What a sale's seal covers: every column but `reverified_at`, instants as epoch ms. */
function sealedFields(row: SaleRow): Record<string, unknown> {
  const { reverifiedAt: _unsealed, completedAt, voidedAt, ...rest } = row;
  return { ...rest, completedAt: ms(completedAt), voidedAt: ms(voidedAt) };
}

/**
 * Columns `sales` gained after the keyed chain's first build (migration
 * 0016), with the value their migration gave every row already there:
 * 0021 (store server) added `store_isolated` false and `config_version` 0.
 * A sale sealed by a build before them was digested without them. A new
 * column on `sales` must be listed here (test/main/platform/audit/
 * sale-seal.test.ts holds the table's columns to the sealed list).
 */
export const SALE_COLUMNS_ADDED_AFTER_KEYING = { storeIsolated: false, configVersion: 0 } as const;

/**
 * Every digest a sale's seal may rightly hold: as sealed today, and — while
 * each later column still holds the value its migration gave older rows —
 * as a build before that column sealed it. Without the second, every sale
 * a register sealed before an upgrade read as tampered after it. Both digest
 * the same row values: a change to any of them (a later column's included)
 * still matches neither.
 */
export function saleRowDigests(row: SaleRow): readonly string[] {
  const current = saleRowDigest(row);
  const added = Object.entries(SALE_COLUMNS_ADDED_AFTER_KEYING) as Array<[keyof typeof SALE_COLUMNS_ADDED_AFTER_KEYING, unknown]>;
  if (!added.every(([column, original]) => row[column] === original)) return [current];
  const before = Object.fromEntries(Object.entries(sealedFields(row)).filter(([key]) => !(key in SALE_COLUMNS_ADDED_AFTER_KEYING)));
  return [current, digest(before)];
}

export function paymentRowDigest(row: PaymentRow): string {
  return digest({ ...row, createdAt: ms(row.createdAt) });
}

export function sealOf(sale: SaleRow, rows: readonly PaymentRow[]): SaleSeal[string] {
  return { sale: saleRowDigest(sale), payments: Object.fromEntries(rows.map((p) => [p.id, paymentRowDigest(p)])) };
}

/** The seal for one sale as it stands in this transaction, or null if there is no such sale (yet). */
export function sealSale(tx: RegisterTx, saleId: string): SaleSeal | null {
  const sale = saleById(tx).get({ saleId });
  if (sale === undefined) return null;
  return { [saleId]: sealOf(sale, paymentsOf(tx).all({ saleId })) };
}

// Every audit entry about a sale seals it: prepared once per connection (issue #18).
const saleById = preparedOnce((db) =>
  db
    .select()
    .from(sales)
    .where(eq(sales.id, sql.placeholder('saleId')))
    .prepare(),
);

const paymentsOf = preparedOnce((db) =>
  db
    .select()
    .from(payments)
    .where(eq(payments.saleId, sql.placeholder('saleId')))
    .prepare(),
);

/** Sales in id order, a page at a time, each with its payments: for sealing an older database and for verification. */
export function* salesWithPayments(db: RegisterDb | RegisterTx, pageSize = 500): Generator<{ sale: SaleRow; payments: PaymentRow[] }[]> {
  let after = '';
  for (;;) {
    const page = db.select().from(sales).where(gt(sales.id, after)).orderBy(asc(sales.id)).limit(pageSize).all();
    if (page.length === 0) return;
    yield page.map((sale) => ({ sale, payments: db.select().from(payments).where(eq(payments.saleId, sale.id)).all() }));
    after = page.at(-1)?.id ?? after;
    if (page.length < pageSize) return;
  }
}

/** Payment rows whose sale does not exist cannot be (foreign keys), so walking sales finds every payment. */
export function countPayments(db: RegisterDb): number {
  return (
    db
      .select({ n: sql<number>`count(*)` })
      .from(payments)
      .get()?.n ?? 0
  );
}
