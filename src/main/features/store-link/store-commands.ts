import { randomUUID } from 'node:crypto';
import { and, asc, eq, gte, inArray, isNotNull } from 'drizzle-orm';
import type { StoreCommand, StoreWideSetting } from '../../../shared/contract/store-server';
import type { CustomerType } from '../../../shared/contract/values';
import { businessDay } from '../../../shared/domain/store-calendar';
import type { productHolds } from '../../platform/db/schema';
import { limitLedger, outbox, packages, products, saleDiscounts, saleLines, sales, staff, storeLink, stores } from '../../platform/db/schema';
import type { RegisterTx } from '../../platform/db/transaction';
import { STORE_LANE } from '../sync/lanes';
import { isStoreLinked } from './link-settings';

/** How the store server saw a sale before it was written: held across the store, or made while this register was cut off. */
export interface StoreHold {
  readonly isolated: boolean;
  /** The key the limits were held under (the cart's id); null when nothing was held. */
  readonly reservationKey: string | null;
  readonly configVersion: number;
  /** The key the customer's points or credit were held under (the cart's id); null or absent when nothing was held. */
  readonly balanceKey?: string | null;
}

/**
 * A sale as the store server records it, queued in the sale's own
 * transaction on the store lane: the limit ledger rows exactly as this
 * register wrote them (same keys), the stock moved per package, and whether
 * it was made cut off from the server. Keyed by the sale id, so the server
 * applies it once however often it is sent.
 */
export function queueSaleForStore(
  tx: RegisterTx,
  sale: {
    readonly saleId: string;
    readonly hold: StoreHold;
    readonly customerType: CustomerType;
    readonly personKey: string | null;
    readonly totalCents: number;
    readonly timeZone: string;
    readonly lines: ReadonlyArray<{ readonly lineId: string; readonly packageTag: string; readonly quantity: number }>;
    readonly at: Date;
  },
): void {
  tx.update(sales).set({ storeIsolated: sale.hold.isolated, configVersion: sale.hold.configVersion }).where(eq(sales.id, sale.saleId)).run();
  const ledger = ledgerRowsOf(tx, sale.saleId, 'sale');
  const command: StoreCommand = {
    type: 'sale.recorded',
    key: `sale:${sale.saleId}`,
    saleId: sale.saleId,
    reservationKey: sale.hold.reservationKey,
    balanceKey: sale.hold.balanceKey ?? null,
    promotions: promotionsOf(tx, sale.saleId),
    at: sale.at.toISOString(),
    businessDay: businessDay(sale.at, sale.timeZone),
    totalCents: sale.totalCents,
    configVersion: sale.hold.configVersion,
    isolated: sale.hold.isolated,
    personKey: ledger.length === 0 ? null : sale.personKey,
    customerType: sale.customerType,
    resident: null,
    ledger,
    stock: sale.lines.map((l) => ({ key: `sale:${sale.saleId}:${l.lineId}`, packageLabel: l.packageTag, delta: -l.quantity, reason: 'sale' })),
  };
  enqueue(tx, sale.saleId, command, sale.at);
}

/** The promotions a sale applied, from its discount rows (written before the sale is queued). */
function promotionsOf(tx: RegisterTx, saleId: string): string[] {
  return tx
    .selectDistinct({ id: saleDiscounts.promotionId })
    .from(saleDiscounts)
    .where(and(eq(saleDiscounts.saleId, saleId), isNotNull(saleDiscounts.promotionId)))
    .all()
    .flatMap((r) => (r.id === null ? [] : [r.id]));
}

/** A void, on a register of a store with a server: the ledger's negative rows and the stock back on the shelf. */
export function queueVoidForStore(
  tx: RegisterTx,
  saleId: string,
  lines: ReadonlyArray<{ readonly lineId: string; readonly packageTag: string; readonly quantity: number }>,
  at: Date,
): void {
  const ledger = ledgerRowsOf(tx, saleId, 'void');
  const filed = tx
    .select({ personKey: limitLedger.personKey, customerId: limitLedger.customerId })
    .from(limitLedger)
    .where(eq(limitLedger.saleId, saleId))
    .get();
  const personKey = filed?.personKey ?? (filed?.customerId == null ? null : `customer:${filed.customerId}`);
  const command: StoreCommand = {
    type: 'sale.voided',
    key: `void:${saleId}`,
    saleId,
    at: at.toISOString(),
    personKey: ledger.length === 0 ? null : personKey,
    ledger,
    stock: lines.map((l) => ({ key: `void:${saleId}:${l.lineId}`, packageLabel: l.packageTag, delta: l.quantity, reason: 'void' })),
  };
  enqueue(tx, saleId, command, at);
}

/**
 * Stock moved other than by a sale or a void — a return to the shelf, a
 * count's adjustment — for the store's ledger of deltas, keyed by what moved
 * it; the other registers apply it through the read path.
 */
export function queueStockMovesForStore(
  tx: RegisterTx,
  key: string,
  moves: ReadonlyArray<{ readonly key: string; readonly packageTag: string; readonly delta: number; readonly reason: string }>,
  at: Date,
): void {
  if (moves.length === 0) return;
  const stock = moves.map((m) => ({ key: m.key, packageLabel: m.packageTag, delta: m.delta, reason: m.reason }));
  enqueue(tx, key, { type: 'stock.moved', key, at: at.toISOString(), stock }, at);
}

/**
 * A staff member as this register just saved them, for the store's roster
 * (every register reads it back). Each save is its own command: a resend is
 * applied once, and a later save is a later command.
 */
export function queueStaffForStore(tx: RegisterTx, row: typeof staff.$inferSelect, now: Date): void {
  const command: StoreCommand = {
    type: 'staff.saved',
    key: `staff:${row.id}:${randomUUID()}`,
    staff: {
      id: row.id,
      displayName: row.displayName,
      role: row.role,
      pinHash: row.pinHash,
      active: row.active,
      createdAt: row.createdAt.toISOString(),
    },
  };
  enqueue(tx, `staff:${row.id}`, command, now);
}

/**
 * A store-wide setting as this register just saved it (STORE_WIDE_SETTINGS):
 * the store server keeps saves in the order it receives them, and every
 * register reads the setting back. Each save is its own command.
 */
export function queueSettingForStore(tx: RegisterTx, key: StoreWideSetting, value: unknown, now: Date): void {
  if (!isStoreLinked(tx)) return;
  const command: StoreCommand = { type: 'setting.saved', key: `setting:${key}:${randomUUID()}`, setting: { key, value: value as never } };
  enqueue(tx, `setting:${key}`, command, now);
}

/**
 * A package received here, for the store: the product it is (as this
 * register's catalog has it), the package, and the quantity received — so
 * every register of the store can sell it. Keyed by the tag: a tag is
 * received once.
 */
export function queueReceivedForStore(tx: RegisterTx, packageId: string, quantity: number, now: Date): void {
  const row = tx
    .select({ pkg: packages, product: products })
    .from(packages)
    .innerJoin(products, eq(products.id, packages.productId))
    .where(eq(packages.id, packageId))
    .get();
  if (row === undefined) return;
  const { pkg, product } = row;
  const command: StoreCommand = {
    type: 'package.received',
    key: `receive:${pkg.tag}`,
    at: now.toISOString(),
    product: {
      id: product.id,
      sku: product.sku,
      upc: product.upc,
      name: product.name,
      brand: product.brand,
      strain: product.strain,
      category: product.category,
      sellingMode: product.sellingMode,
      priceCents: product.priceCents,
      netWeightMg: product.netWeightMg,
      thcMg: product.thcMg,
      cbdMg: product.cbdMg,
      piecesPerUnit: product.piecesPerUnit,
      thcPercentBp: product.thcPercentBp,
      cbdPercentBp: product.cbdPercentBp,
      coaLabName: product.coaLabName,
      coaBatchNumber: product.coaBatchNumber,
      coaTestedOn: product.coaTestedOn,
      coaUrl: product.coaUrl,
      active: product.active,
    },
    package: {
      tag: pkg.tag,
      sku: product.sku,
      unit: pkg.unit,
      packagedDate: pkg.packagedDate,
      labTestingState: pkg.labTestingState,
      status: pkg.status,
      metrcId: pkg.metrcId,
      productionBatch: pkg.productionBatch,
    },
    quantity,
  };
  enqueue(tx, `receive:${pkg.tag}`, command, now);
}

/** A quality hold placed here, for every register of the store (keyed by the hold). */
export function queueHoldForStore(
  tx: RegisterTx,
  hold: Pick<typeof productHolds.$inferSelect, 'id' | 'scope' | 'packageTag' | 'batch' | 'reason' | 'placedBy' | 'placedAt'>,
): void {
  enqueue(
    tx,
    `hold:${hold.id}`,
    {
      type: 'hold.placed',
      key: `hold:${hold.id}:placed`,
      hold: {
        id: hold.id,
        scope: hold.scope,
        packageTag: hold.packageTag,
        batch: hold.batch,
        reason: hold.reason,
        placedBy: hold.placedBy,
        placedAt: hold.placedAt.toISOString(),
      },
    },
    hold.placedAt,
  );
}

/** A hold released here: sellable again at every register. */
export function queueHoldReleaseForStore(tx: RegisterTx, release: { holdId: string; releasedBy: string; releasedAt: Date; note: string }): void {
  enqueue(
    tx,
    `hold:${release.holdId}`,
    {
      type: 'hold.released',
      key: `hold:${release.holdId}:released`,
      holdId: release.holdId,
      releasedBy: release.releasedBy,
      releasedAt: release.releasedAt.toISOString(),
      note: release.note,
    },
    release.releasedAt,
  );
}

/** Joining a store: this register's staff join the store's roster (and so every register's). */
export function queueRosterForStore(tx: RegisterTx, now: Date): { queued: number } {
  const rows = tx.select().from(staff).orderBy(asc(staff.createdAt)).all();
  for (const row of rows) queueStaffForStore(tx, row, now);
  return { queued: rows.length };
}

function ledgerRowsOf(tx: RegisterTx, saleId: string, kind: 'sale' | 'void') {
  return tx
    .select()
    .from(limitLedger)
    .where(eq(limitLedger.saleId, saleId))
    .all()
    .filter((r) => r.kind === kind && r.personKey !== null)
    .map((r) => ({
      lineId: r.lineId,
      kind, // an online order's hold (keyed by its cart, never a sale) is this register's own: it is not sent

      at: r.at.toISOString(),
      businessDay: r.businessDay,
      category: r.category,
      netWeightMg: r.netWeightMg,
      thcMg: r.thcMg,
      quantity: r.quantity,
    }));
}

/** Any command for the store server, in the caller's transaction, on the store lane. */
export function queueStoreCommand(tx: RegisterTx, aggregateId: string, command: StoreCommand, now: Date): void {
  enqueue(tx, aggregateId, command, now);
}

/** Whether this register is paired with a store server (what it writes for the store goes on the store lane). */
export function pairedWithStore(tx: RegisterTx): boolean {
  return tx.select({ id: storeLink.id }).from(storeLink).get() !== undefined;
}

function enqueue(tx: RegisterTx, aggregateId: string, command: StoreCommand, now: Date): void {
  tx.insert(outbox)
    .values({ destination: STORE_LANE, kind: 'store.command', aggregateId, payload: command, nextAttemptAt: now, createdAt: now, updatedAt: now })
    .run();
}

/**
 * Joining a store: the sales this register made in the longest period any
 * limit looks back (and their voids) go to the store server too, each under
 * its own key like any later sale — so the server's limits count them from
 * the first hold, and a register that joins mid-day hands over what it sold
 * without anything being sent twice (the server applies each key once).
 * They keep the person keys they were filed under; a person checked in here
 * after pairing brings that key along as an alias.
 */
export function queueEarlierSalesForStore(tx: RegisterTx, now: Date, lookbackDays: number): { queued: number } {
  const since = new Date(now.getTime() - (lookbackDays + 1) * 86_400_000);
  const rows = tx
    .select({ sale: sales, timeZone: stores.timeZone })
    .from(sales)
    .innerJoin(stores, eq(stores.id, sales.storeId))
    .where(and(gte(sales.completedAt, since), inArray(sales.status, ['completed', 'voided'])))
    .orderBy(asc(sales.completedAt))
    .all();
  for (const { sale, timeZone } of rows) {
    const lines = tx
      .select({ lineId: saleLines.id, packageTag: saleLines.packageTag, quantity: saleLines.quantity })
      .from(saleLines)
      .where(eq(saleLines.saleId, sale.id))
      .all();
    const filed = tx
      .select({ personKey: limitLedger.personKey, customerId: limitLedger.customerId })
      .from(limitLedger)
      .where(eq(limitLedger.saleId, sale.id))
      .get();
    queueSaleForStore(tx, {
      saleId: sale.id,
      hold: { isolated: sale.storeIsolated, reservationKey: null, configVersion: sale.configVersion },
      customerType: sale.customerType,
      personKey: filed?.personKey ?? (filed?.customerId == null ? null : `customer:${filed.customerId}`),
      totalCents: sale.totalCents,
      timeZone,
      lines,
      at: sale.completedAt,
    });
    if (sale.status === 'voided') queueVoidForStore(tx, sale.id, lines, sale.voidedAt ?? sale.completedAt);
  }
  return { queued: rows.length };
}
