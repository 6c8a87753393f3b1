import { randomUUID } from 'node:crypto';
import { and, eq, sql } from 'drizzle-orm';
import { catalogProductSchema, STORE_WIDE_SETTINGS, storePackageSchema } from '../../../shared/contract/store-server';
import { staffRoles } from '../../../shared/permissions';
import {
  labTestingStates,
  packages,
  packageStatuses,
  productHolds,
  products,
  promotions,
  settings,
  staff,
  storeLink,
  terminals,
} from '../../platform/db/schema';
import { promotionDefinition } from '../../../shared/domain/promotions/promotion';
import type { RegisterTx } from '../../platform/db/transaction';
import type { PiiKeys } from '../../platform/security/pii-crypto';
import { firstAdmin, instantOf, jsonOf, knownStaff, oneOf, type Here, type StoreRow, type StoreRowApplier } from './store-row-values';
import { CUSTOMER_TABLES } from './store-customer-rows';
import { countPromotionUses } from '../promotions/promotion-store';

export { instantOf, jsonOf };

/**
 * What each table the store publishes (`greentill_reads`) does to this
 * register when the read stream brings one of its rows (store-reads.ts
 * applies a PostgreSQL transaction's rows in one SQLite transaction with
 * its position). A row that does not parse is left out rather than stopping
 * the stream: what it would have changed stays as it was.
 */

export type { Here, StoreRow, StoreRowApplier };

/**
 * Applies one PostgreSQL transaction's rows. `more` are the appliers of
 * published tables a feature above this one owns (online orders: the core
 * wires them in), so the read path needs no arrow to those features.
 */
export function applyStoreRows(
  tx: RegisterTx,
  rows: readonly StoreRow[],
  context: { readonly keys?: PiiKeys | null; readonly more?: Readonly<Record<string, StoreRowApplier>>; readonly now?: Date } = {},
): void {
  if (rows.length === 0) return;
  const here: Here = {
    self: tx.select({ id: storeLink.serverTerminalId }).from(storeLink).get()?.id,
    storeId: tx.select({ storeId: terminals.storeId }).from(terminals).get()?.storeId,
    keys: context.keys ?? null,
    now: context.now ?? new Date(),
  };
  for (const row of rows) (TABLES[row.table] ?? context.more?.[row.table])?.(tx, row, here);
}

/**
 * A register's first read (store-first-read.ts): the rows of every published
 * table as they stood at the slot's consistent point, applied as inserts in
 * the order below. A package the copy brings gets its whole history of
 * moves. A package the register already held keeps its own count from
 * before it paired (the island's count: its earlier history at the other
 * registers is not replayed onto it; a stock count settles any difference)
 * and takes the moves since: those the store recorded from a minute before
 * this register paired (the store's clock against the register's; erring
 * toward applying, a count can come out lower than the shelf, never higher).
 */
export function applyFirstRead(tx: RegisterTx, rows: readonly StoreRow[], context: Parameters<typeof applyStoreRows>[2] = {}): void {
  const pairedAt = tx.select({ at: storeLink.pairedAt }).from(storeLink).get()?.at ?? new Date(0);
  const since = pairedAt.getTime() - PAIRING_CLOCK_MARGIN_MS;
  const heldBefore = new Set(
    tx
      .select({ tag: packages.tag })
      .from(packages)
      .all()
      .map((p) => p.tag),
  );
  const replayed = (r: StoreRow) => r.table !== 'stock_moves' || !heldBefore.has(String(r.row.package_label)) || instantOf(r.row.at).getTime() >= since;
  applyStoreRows(tx, rows.filter(replayed), context);
}

/** How far the store's clock and a register's may disagree at pairing, for the first read's moves. */
const PAIRING_CLOCK_MARGIN_MS = 60_000;

/** The first read's table order, with each table's own order: what a row needs arrives before it. */
export const COPY_ORDER: ReadonlyArray<readonly [table: string, orderBy: string | null]> = [
  ['store_staff', 'created_at, id'],
  ['store_customers', 'updated_at, id'],
  ['store_loyalty', 'at, source_id, kind'],
  ['store_credits', 'issued_at, id'],
  ['store_products', 'updated_at, sku'],
  ['catalog_prices', 'sku'],
  ['store_packages', 'received_at, tag'],
  ['stock_moves', 'at, key'],
  ['store_holds', 'placed_at, id'],
  ['store_promotions', 'updated_at, id'],
  ['store_promotion_uses', 'at, promotion_id, sale_id'],
  ['register_settings', 'key'],
  ['store_order_events', 'cursor, event_id'],
  ['order_claims', 'claimed_at, order_id'],
];

const TABLES: Readonly<Record<string, StoreRowApplier>> = {
  ...CUSTOMER_TABLES,
  /** A price set for the whole store. */
  catalog_prices: (tx, { row }) => {
    const priceCents = Number(row.price_cents);
    if (!Number.isSafeInteger(priceCents) || priceCents < 0) return;
    tx.update(products)
      .set({ priceCents })
      .where(eq(products.sku, String(row.sku)))
      .run();
  },

  /**
   * Stock another register moved. A move this register made itself comes
   * back too (the server records every register's): it is already on this
   * register's shelves, so it is skipped. Applied as a delta, never by
   * overwriting a quantity, so a sale made here meanwhile is kept. A move is
   * written once and never changed: only its insert moves stock. A package
   * this register does not hold is left to receiving.
   */
  stock_moves: (tx, { row, insert }, { self }) => {
    const delta = Number(row.delta);
    if (!insert || String(row.terminal_id) === self || !Number.isSafeInteger(delta)) return;
    tx.update(packages)
      .set({ quantityOnHand: sql`${packages.quantityOnHand} + ${delta}` })
      .where(eq(packages.tag, String(row.package_label)))
      .run();
  },

  /**
   * The store's roster row, as the store server last took it: every save in
   * the server's order, this register's own included, so all registers end
   * alike. An unknown role leaves the person out: the sign-in screen does
   * not list them.
   */
  store_staff: (tx, { row }, { storeId }) => {
    const role = oneOf(staffRoles, row.role);
    const displayName = String(row.display_name ?? '');
    const createdAt = instantOf(row.created_at);
    if (storeId === undefined || role === null || displayName.trim() === '' || Number.isNaN(createdAt.getTime())) return;
    const fields = { displayName, role, pinHash: row.pin_hash == null ? null : String(row.pin_hash), active: Number(row.active) === 1 };
    tx.insert(staff)
      .values({ id: String(row.id), storeId, createdAt, ...fields })
      .onConflictDoUpdate({ target: staff.id, set: fields })
      .run();
  },

  /**
   * A product another register received a package of: new here, it is added
   * (its id kept when free, so the store's registers name it alike); known by
   * its SKU, its description follows the store's — but not its price, which
   * this register keeps until the store sets one (`catalog_prices`).
   */
  store_products: (tx, { row }, { storeId }) => {
    const parsed = catalogProductSchema.safeParse(jsonOf(row.definition));
    if (storeId === undefined || !parsed.success) return;
    // The picture stays with the register that has it (pictures are the register's own files).
    const { id, priceCents, piecesPerUnit, ...rest } = parsed.data;
    const description = { ...rest, ...(piecesPerUnit === undefined ? {} : { piecesPerUnit }) };
    const known = productBySku(tx, storeId, parsed.data.sku);
    if (known !== undefined) {
      tx.update(products).set(description).where(eq(products.id, known.id)).run();
      return;
    }
    const idTaken = tx.select({ id: products.id }).from(products).where(eq(products.id, id)).get() !== undefined;
    tx.insert(products)
      .values({ ...description, priceCents, id: idTaken ? randomUUID() : id, storeId })
      .run();
  },

  /**
   * A package another register received: here it starts with nothing on
   * hand — its stock arrives as that register's move, right after, in the
   * same transaction. A tag already here, or a product this register cannot
   * name, is left as it is.
   */
  store_packages: (tx, { row, insert }, { storeId }) => {
    const parsed = storePackageSchema.safeParse(jsonOf(row.definition));
    if (!insert || storeId === undefined || !parsed.success) return;
    const pkg = parsed.data;
    if (tx.select({ id: packages.id }).from(packages).where(eq(packages.tag, pkg.tag)).get() !== undefined) return;
    const product = productBySku(tx, storeId, pkg.sku);
    if (product === undefined) return;
    tx.insert(packages)
      .values({
        id: randomUUID(),
        storeId,
        tag: pkg.tag,
        productId: product.id,
        unit: pkg.unit,
        quantityOnHand: 0,
        packagedDate: pkg.packagedDate,
        labTestingState: oneOf(labTestingStates, pkg.labTestingState) ?? 'NotSubmitted',
        // An unknown status is held rather than sold.
        status: oneOf(packageStatuses, pkg.status) ?? 'on_hold',
        metrcId: pkg.metrcId,
        productionBatch: pkg.productionBatch,
      })
      .run();
  },

  /**
   * A setting the store's registers share (STORE_WIDE_SETTINGS), as the
   * store server last took it: every save in the server's order, this
   * register's own included, so all registers end alike. The saving register
   * checked the value against the setting's schema; reading it, a register
   * that finds it does not fit falls back to the setting's default
   * (store/settings.ts).
   */
  register_settings: (tx, { row }) => {
    const key = oneOf(STORE_WIDE_SETTINGS, row.key);
    const value = jsonOf(row.value);
    if (key === null || value === null) return;
    const updatedAt = instantOf(row.updated_at);
    tx.insert(settings).values({ key, value, updatedAt }).onConflictDoUpdate({ target: settings.key, set: { value, updatedAt } }).run();
  },

  /**
   * One of the store's promotions, set on the store server: added, changed
   * or ended here as there. A definition this register cannot read is left
   * out (the server checks it before it is published, so this is a newer
   * shape than this register knows).
   */
  store_promotions: (tx, { row }, { storeId }) => {
    const id = row.id == null ? '' : String(row.id);
    const name = row.name == null ? '' : String(row.name);
    const definition = promotionDefinition.safeParse(jsonOf(row.definition));
    if (storeId === undefined || id === '' || name === '' || !definition.success) return;
    const fields = { name, definition: definition.data, active: Number(row.active) === 1 };
    tx.insert(promotions)
      .values({ id, storeId, ...fields, createdAt: instantOf(row.updated_at) })
      .onConflictDoUpdate({ target: promotions.id, set: fields })
      .run();
  },

  /**
   * A promotion another register's sale applied: counted here against the
   * promotion's usage limit too (only a promotion with one has a counter), as
   * this register counts its own sales' — so a limit of 100 uses is 100 for
   * the store. A use this register made comes back too and is skipped: it
   * is counted already.
   */
  store_promotion_uses: (tx, { row, insert }, { self }) => {
    if (!insert || String(row.terminal_id) === self || row.promotion_id == null) return;
    countPromotionUses(tx, [String(row.promotion_id)]);
  },

  /**
   * A quality hold placed or released at any register: held here too, and
   * released here when it is released there. Its incident stays on the
   * register that opened it. Who placed it is a person on the store's roster
   * (their save reached the server before their hold did); if the roster row
   * is missing here, the hold still applies — safety first — under this
   * store's first admin, with the placer named in the reason.
   */
  store_holds: (tx, { row }, { storeId }) => {
    const id = row.id == null ? '' : String(row.id);
    const scope = oneOf(['package', 'batch'] as const, row.scope);
    if (storeId === undefined || id === '' || scope === null) return;
    const released = row.released_at == null ? null : instantOf(row.released_at);
    const releasedBy = row.released_by == null ? null : knownStaff(tx, String(row.released_by));
    const releaseNote = row.release_note == null ? null : String(row.release_note);
    const known = tx.select({ releasedAt: productHolds.releasedAt }).from(productHolds).where(eq(productHolds.id, id)).get();
    if (known !== undefined) {
      if (known.releasedAt === null && released !== null)
        tx.update(productHolds).set({ releasedAt: released, releasedBy, releaseNote }).where(eq(productHolds.id, id)).run();
      return;
    }
    const placer = String(row.placed_by);
    const placedBy = knownStaff(tx, placer);
    const reason = String(row.reason ?? 'Held at another register');
    tx.insert(productHolds)
      .values({
        id,
        storeId,
        scope,
        packageTag: row.package_tag == null ? null : String(row.package_tag),
        batch: row.batch == null ? null : String(row.batch),
        reason: placedBy === placer ? reason : `${reason} (placed at another register by staff ${placer})`,
        incidentId: null,
        placedBy: placedBy ?? firstAdmin(tx),
        placedAt: instantOf(row.placed_at),
        releasedAt: released,
        releasedBy,
        releaseNote,
      })
      .run();
  },
};

function productBySku(tx: RegisterTx, storeId: string, sku: string): { id: string } | undefined {
  return tx
    .select({ id: products.id })
    .from(products)
    .where(and(eq(products.storeId, storeId), eq(products.sku, sku)))
    .get();
}
