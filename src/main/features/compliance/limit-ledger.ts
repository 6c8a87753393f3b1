import { and, eq, gte, inArray, lt, or, sql, type SQL } from 'drizzle-orm';
import { DateTime } from 'luxon';
import { customers, idVerifications, limitLedger, outbox, products, saleLines, sales, stores } from '../../platform/db/schema';
import { checkpointToDisk, type RegisterDb } from '../../platform/db/open';
import { preparedOnce } from '../../platform/db/prepared';
import { writeTransaction, type RegisterTx } from '../../platform/db/transaction';
import { businessDay } from '../../../shared/domain/store-calendar';
import { limitItem, type LimitItem, type PriorPurchase } from '../../../shared/domain/compliance/limit-item';

type Reader = RegisterDb | RegisterTx;

/** Whose limits a sale uses: the person behind today's ID check, and the saved customer (a caregiver's patient). */
export interface LimitHolder {
  /** HMAC of the ID's issuer and number, from today's check-in. */
  readonly personKey: string | null;
  /** The saved customer whose limits apply, with everyone who buys under them (a patient and their caregivers). */
  readonly customerIds: readonly string[];
  /** The one customer the ledger rows name (the patient for a caregiver's sale). */
  readonly customerId: string | null;
  /** The same person under this register's key from before it joined a store server (its earlier sales). */
  readonly aliasKeys?: readonly string[];
}

/**
 * Every line of a completed sale, counted against its limit holder on the
 * store's day. The sale's cart may be an online order's, whose goods were
 * held for a customer since accept: that hold goes in this same transaction,
 * so the goods are counted once, as sold, never as held and sold.
 */
export function recordSaleInLedger(
  tx: RegisterTx,
  input: {
    storeId: string;
    saleId: string;
    /** The cart the sale closes (an online order's hold is keyed by it). */
    cartId?: string;
    holder: LimitHolder;
    at: Date;
    timeZone: string;
    lines: ReadonlyArray<LimitItem & { lineId: string }>;
  },
): void {
  if (input.cartId !== undefined) releaseOrderHold(tx, input.cartId);
  writeLedgerRows(tx, 'sale', input.saleId, input, input.lines);
}

// Every sale writes its lines, and an accepted order its hold: prepared once per connection (issue #18).
const insertLedgerRow = preparedOnce((db) =>
  db
    .insert(limitLedger)
    .values({
      storeId: sql.placeholder('storeId'),
      personKey: sql.placeholder('personKey'),
      customerId: sql.placeholder('customerId'),
      saleId: sql.placeholder('saleId'),
      lineId: sql.placeholder('lineId'),
      kind: sql.placeholder('kind'),
      at: sql.placeholder('at'),
      businessDay: sql.placeholder('businessDay'),
      category: sql.placeholder('category'),
      netWeightMg: sql.placeholder('netWeightMg'),
      thcMg: sql.placeholder('thcMg'),
      quantity: sql.placeholder('quantity'),
    })
    .onConflictDoNothing()
    .prepare(),
);

/**
 * An accepted online order's goods, held against the customer it was linked
 * to on the store's day of the accept: a counter sale to the same person
 * that day counts them as if bought. Keyed by the order's parked cart and
 * the order's line, so accepting twice cannot hold twice.
 */
export function holdOrderInLedger(
  tx: RegisterTx,
  input: {
    storeId: string;
    cartId: string;
    holder: { personKey: string | null; customerId: string };
    at: Date;
    timeZone: string;
    lines: ReadonlyArray<LimitItem & { orderLineId: string }>;
  },
): void {
  writeLedgerRows(
    tx,
    'order_hold',
    input.cartId,
    input,
    input.lines.map((line) => ({ ...line, lineId: line.orderLineId })),
  );
}

/** One ledger row per line, on the store day of `at`: a sale's (keyed by the sale) or an order's hold (keyed by its cart). */
function writeLedgerRows(
  tx: RegisterTx,
  kind: 'sale' | 'order_hold',
  keyId: string,
  input: { storeId: string; holder: { personKey: string | null; customerId: string | null }; at: Date; timeZone: string },
  lines: ReadonlyArray<LimitItem & { lineId: string }>,
): void {
  const day = businessDay(input.at, input.timeZone);
  for (const line of lines) {
    insertLedgerRow(tx).run({
      storeId: input.storeId,
      personKey: input.holder.personKey,
      customerId: input.holder.customerId,
      saleId: keyId,
      lineId: line.lineId,
      kind,
      at: input.at,
      businessDay: day,
      category: line.category,
      netWeightMg: line.netWeightMg,
      thcMg: line.thcMg,
      quantity: line.quantity,
    });
  }
}

/** A held order line's goods changed (a substitution): the hold counts the new product from now on. */
export function changeHeldOrderLine(tx: RegisterTx, cartId: string, orderLineId: string, item: LimitItem): void {
  tx.update(limitLedger)
    .set({ category: item.category, netWeightMg: item.netWeightMg, thcMg: item.thcMg, quantity: item.quantity })
    .where(and(eq(limitLedger.saleId, cartId), eq(limitLedger.lineId, orderLineId), eq(limitLedger.kind, 'order_hold')))
    .run();
}

/** The customer an order's cart holds limits for, or null (not linked, or the hold ended). */
export function orderHoldCustomer(db: Reader, cartId: string): string | null {
  return (
    db
      .select({ customerId: limitLedger.customerId })
      .from(limitLedger)
      .where(and(eq(limitLedger.saleId, cartId), eq(limitLedger.kind, 'order_hold')))
      .get()?.customerId ?? null
  );
}

/** The order's hold ends (rejected, cancelled, expired, or sold): its rows go. Returns how many. */
export function releaseOrderHold(tx: RegisterTx, cartId: string): number {
  return deleteOrderHold(tx).run({ cartId }).changes;
}

// Every sale asks (its cart may be an order's): prepared once per connection (issue #18).
const deleteOrderHold = preparedOnce((db) =>
  db
    .delete(limitLedger)
    .where(and(eq(limitLedger.saleId, sql.placeholder('cartId')), eq(limitLedger.kind, 'order_hold')))
    .prepare(),
);

/**
 * A void takes the sale back out of its day: one negative row per sale row,
 * on the sale's own day and minute (a void the next morning still frees the
 * day it belonged to, and nothing of today's). Returns do not: limits count
 * what was bought.
 */
export function recordVoidInLedger(tx: RegisterTx, saleId: string): void {
  const rows = tx
    .select()
    .from(limitLedger)
    .where(and(eq(limitLedger.saleId, saleId), eq(limitLedger.kind, 'sale')))
    .all();
  for (const { id: _id, ...row } of rows) {
    tx.insert(limitLedger)
      .values({ ...row, kind: 'void', quantity: -row.quantity })
      .onConflictDoNothing()
      .run();
  }
}

/**
 * The holder's ledger rows from `firstDay` on (every later day too: a
 * register's clock may be ahead). `exceptHoldOf`: the cart being sold, when
 * it is an online order's: its own hold is that cart, not an earlier purchase.
 */
export function ledgerHistory(db: Reader, holder: LimitHolder, firstDay: string, exceptHoldOf: string | null = null): PriorPurchase[] {
  const exceptCart = exceptHoldOf ?? '';
  // The holder is a person, a customer or both (a customer's list holds one id): one prepared statement each.
  const [customerId, ...more] = holder.customerIds;
  if (more.length === 0 && (holder.aliasKeys ?? []).length === 0) {
    const rows =
      holder.personKey !== null && customerId !== undefined
        ? historyOfPersonOrCustomer(db).all({ personKey: holder.personKey, customerId, firstDay, exceptCart })
        : holder.personKey !== null
          ? historyOfPerson(db).all({ personKey: holder.personKey, firstDay, exceptCart })
          : customerId !== undefined
            ? historyOfCustomer(db).all({ customerId, firstDay, exceptCart })
            : null;
    return rows === null ? [] : rows.map(({ at, ...row }) => ({ ...row, time: at }));
  }
  const who = holderCondition(holder);
  if (who === null) return [];
  return ledgerRows(db, and(who, gte(limitLedger.businessDay, firstDay), notHoldOf(exceptCart)));
}

// The limit check's history, prepared once per connection (issue #18); the same columns and conditions as ledgerRows and holderCondition.
const ledgerColumns = {
  at: limitLedger.at,
  day: limitLedger.businessDay,
  category: limitLedger.category,
  netWeightMg: limitLedger.netWeightMg,
  thcMg: limitLedger.thcMg,
  quantity: limitLedger.quantity,
};
const fromDay = () => and(gte(limitLedger.businessDay, sql.placeholder('firstDay')), notHoldOf(sql.placeholder('exceptCart')));
/** Every row but the hold of the cart being sold ('' : none excepted). */
const notHoldOf = (cartId: unknown) => sql`NOT (${limitLedger.kind} = 'order_hold' AND ${limitLedger.saleId} = ${cartId})`;
const historyOfPerson = preparedOnce((db) =>
  db
    .select(ledgerColumns)
    .from(limitLedger)
    .where(and(eq(limitLedger.personKey, sql.placeholder('personKey')), fromDay()))
    .prepare(),
);
const historyOfCustomer = preparedOnce((db) =>
  db
    .select(ledgerColumns)
    .from(limitLedger)
    .where(and(eq(limitLedger.customerId, sql.placeholder('customerId')), fromDay()))
    .prepare(),
);
const historyOfPersonOrCustomer = preparedOnce((db) =>
  db
    .select(ledgerColumns)
    .from(limitLedger)
    .where(and(or(eq(limitLedger.personKey, sql.placeholder('personKey')), eq(limitLedger.customerId, sql.placeholder('customerId'))), fromDay()))
    .prepare(),
);

/**
 * The holder's purchases the state has not been told about yet (their
 * Metrc receipt still in this register's outbox), plus everything since
 * `since` (the state's last answer, when offline): what the state's
 * allotment does not yet reflect.
 */
export function purchasesUnknownToState(db: Reader, holder: LimitHolder, since: Date | null, exceptHoldOf: string | null = null): PriorPurchase[] {
  const who = holderCondition(holder);
  if (who === null) return [];
  // Another order's hold counts (the state will hear of it once sold: stricter); the cart being sold's own does not.
  // Per ledger row, one look-up by the outbox's aggregate index: the holder's rows are few, the outbox is not.
  const unsent = sql`NOT EXISTS (SELECT 1 FROM ${outbox} WHERE ${outbox.aggregateId} = ${limitLedger.saleId} AND ${outbox.kind} = 'receipt.create' AND ${outbox.status} IN ('done', 'resolved'))`;
  return ledgerRows(db, and(who, since === null ? unsent : or(unsent, gte(limitLedger.at, since)), notHoldOf(exceptHoldOf ?? '')));
}

/** Ledger rows as the limits count them. */
function ledgerRows(db: Reader, where: SQL | undefined): PriorPurchase[] {
  return db
    .select({
      at: limitLedger.at,
      day: limitLedger.businessDay,
      category: limitLedger.category,
      netWeightMg: limitLedger.netWeightMg,
      thcMg: limitLedger.thcMg,
      quantity: limitLedger.quantity,
    })
    .from(limitLedger)
    .where(where)
    .all()
    .map(({ at, ...row }) => ({ ...row, time: at }));
}

function holderCondition(holder: LimitHolder): SQL | null {
  const parts: SQL[] = [];
  const keys = [...(holder.personKey === null ? [] : [holder.personKey]), ...(holder.aliasKeys ?? [])];
  if (keys.length > 0) parts.push(inArray(limitLedger.personKey, keys));
  if (holder.customerIds.length > 0) parts.push(inArray(limitLedger.customerId, [...holder.customerIds]));
  if (parts.length === 0) return null;
  return parts.length === 1 ? (parts[0] ?? null) : (or(...parts) ?? null);
}

/**
 * Start-up catch-up: completed sales from before the ledger existed (or
 * written by an older build) are entered under their customer, so a limit
 * never forgets a purchase across an upgrade. Only the last `days` days
 * matter. Idempotent.
 */
export function catchUpLimitLedger(db: RegisterDb, now: Date, days: number): { entered: number } {
  const since = new Date(now.getTime() - (days + 1) * 86_400_000);
  const missing = db
    .select({
      saleId: sales.id,
      storeId: sales.storeId,
      at: sales.completedAt,
      customerId: sales.customerId,
      customerType: sales.customerType,
      timeZone: stores.timeZone,
      patientId: customers.caregiverForId,
    })
    .from(sales)
    .innerJoin(stores, eq(stores.id, sales.storeId))
    .leftJoin(customers, eq(customers.id, sales.customerId))
    .where(
      and(
        eq(sales.status, 'completed'),
        gte(sales.completedAt, since),
        sql`NOT EXISTS (SELECT 1 FROM ${limitLedger} WHERE ${limitLedger.saleId} = ${sales.id})`,
      ),
    )
    .all();
  let entered = 0;
  for (const sale of missing) {
    const lines = db
      .select({
        lineId: saleLines.id,
        category: products.category,
        sellingMode: products.sellingMode,
        netWeightMg: products.netWeightMg,
        thcMg: products.thcMg,
        quantity: saleLines.quantity,
      })
      .from(saleLines)
      .innerJoin(products, eq(products.id, saleLines.productId))
      .where(eq(saleLines.saleId, sale.saleId))
      .all();
    const holderId = sale.customerType === 'caregiver' ? sale.patientId : sale.customerId;
    writeTransaction(db, (tx) =>
      recordSaleInLedger(tx, {
        storeId: sale.storeId,
        saleId: sale.saleId,
        holder: { personKey: null, customerId: holderId, customerIds: [] },
        at: sale.at,
        timeZone: sale.timeZone,
        lines: lines.map((l) => ({ lineId: l.lineId, ...limitItem(l) })),
      }),
    );
    entered += 1;
  }
  return { entered };
}

/**
 * Keeps what limits need only as long as the longest period any rule looks
 * back (plus a day for the zones): older ledger rows go, and so do the
 * person keys on older ID checks (the retention setting governs the rest).
 */
export function purgeLimitLedger(db: RegisterDb, now: Date, keepDays: number): { purged: number } {
  const cutoff = DateTime.fromJSDate(now, { zone: 'UTC' }).minus({ days: keepDays + 1 });
  const cutoffDay = cutoff.toISODate() ?? '';
  const result = writeTransaction(db, (tx) => {
    const purged = tx.delete(limitLedger).where(lt(limitLedger.businessDay, cutoffDay)).run().changes;
    tx.update(idVerifications)
      .set({ personKey: null })
      .where(and(lt(idVerifications.verifiedAt, cutoff.toJSDate()), sql`${idVerifications.personKey} IS NOT NULL`))
      .run();
    return { purged };
  });
  if (result.purged > 0) checkpointToDisk(db);
  return result;
}
