import { and, eq, sql } from 'drizzle-orm';
import { LogicalReplicationService, PgoutputPlugin, type Pgoutput } from 'pg-logical-replication';
import type { RegisterDb } from '../../platform/db/open';
import { randomUUID } from 'node:crypto';
import { catalogProductSchema, storePackageSchema, type CatalogProduct, type StorePackage } from '../../../shared/contract/store-server';
import { labTestingStates, packages, packageStatuses, productHolds, products, staff, storeLink, terminals } from '../../platform/db/schema';
import { staffRoles, type StaffRole } from '../../../shared/permissions';
import { writeTransaction, type RegisterTx } from '../../platform/db/transaction';
import type { PiiKeys } from '../../platform/security/pii-crypto';
import { logger } from '../../platform/logging/logger';
import { loadStoreLink } from './link-settings';

/** How soon a dropped stream is opened again. */
const RECONNECT_MS = 1_000;

/** What one PostgreSQL transaction carried: store prices, and stock moved at other registers. */
type Change =
  | { readonly kind: 'price'; readonly sku: string; readonly priceCents: number }
  | { readonly kind: 'stock'; readonly packageLabel: string; readonly delta: number; readonly terminalId: string }
  | {
      readonly kind: 'staff';
      readonly id: string;
      readonly displayName: string;
      readonly role: string;
      readonly pinHash: string | null;
      readonly active: boolean;
      readonly createdAt: Date;
    }
  | { readonly kind: 'hold'; readonly row: Record<string, unknown> }
  | { readonly kind: 'product'; readonly definition: unknown }
  | { readonly kind: 'package'; readonly definition: unknown };

/**
 * The register's end of the read path (issue #20): PostgreSQL's own logical
 * replication (`pgoutput`, through the `pg-logical-replication` client)
 * from this register's slot: the store's prices, and the stock every other
 * register moved. Each PostgreSQL transaction is applied to the register in
 * ONE SQLite transaction together with its stream
 * position, and only then acknowledged — so a register killed mid-apply
 * has either all of it and the position, or none of it, and the slot sends
 * it again. Nothing here is a protocol of ours: the server's WAL, the slot
 * and the position are PostgreSQL's.
 */
export class StoreReads {
  readonly #db: RegisterDb;
  readonly #keys: PiiKeys;
  #service: LogicalReplicationService | null = null;
  #timer: ReturnType<typeof setTimeout> | null = null;
  #stopped = false;
  /** Changes of the PostgreSQL transaction being received, applied at its commit. */
  #pending: Change[] = [];

  constructor(db: RegisterDb, keys: PiiKeys) {
    this.#db = db;
    this.#keys = keys;
  }

  /** Opens the stream when the pairing gave a read path (and again after every drop, until stopped). */
  start(): void {
    this.#stopped = false;
    void this.#open();
  }

  async #open(): Promise<void> {
    if (this.#stopped || this.#service !== null) return;
    const link = loadStoreLink(this.#db, this.#keys);
    if (link?.reads == null) return;
    const from = this.#db.select({ lsn: storeLink.readLsn }).from(storeLink).get()?.lsn ?? undefined;
    const service = new LogicalReplicationService(
      { connectionString: link.reads.url },
      { acknowledge: { auto: false, timeoutSeconds: 0 }, flowControl: { enabled: true } },
    );
    this.#service = service;
    service.on('data', (lsn: string, message: Pgoutput.Message) => this.#receive(service, lsn, message));
    service.on('error', (error: Error) => this.#dropped(service, error));
    const plugin = new PgoutputPlugin({ protoVersion: 1, publicationNames: [link.reads.publication] });
    const subscribed = from === undefined ? service.subscribe(plugin, link.reads.slot) : service.subscribe(plugin, link.reads.slot, from);
    // The subscription settles only when the stream ends: either way, it is reopened.
    subscribed.then(
      () => this.#dropped(service, new Error('the read stream ended')),
      (error: unknown) => this.#dropped(service, error),
    );
  }

  #receive(service: LogicalReplicationService, lsn: string, message: Pgoutput.Message): Promise<void> | void {
    switch (message.tag) {
      case 'begin':
        this.#pending = [];
        return;
      case 'insert':
      case 'update':
        if (message.relation.name === 'catalog_prices') {
          const row = message.new as { sku?: unknown; price_cents?: unknown };
          this.#pending.push({ kind: 'price', sku: String(row.sku), priceCents: Number(row.price_cents) });
        } else if (message.relation.name === 'stock_moves' && message.tag === 'insert') {
          // A move is written once and never changed: only its insert moves stock.
          const row = message.new as { package_label?: unknown; delta?: unknown; terminal_id?: unknown };
          this.#pending.push({ kind: 'stock', packageLabel: String(row.package_label), delta: Number(row.delta), terminalId: String(row.terminal_id) });
        } else if (message.relation.name === 'store_holds') {
          this.#pending.push({ kind: 'hold', row: message.new as Record<string, unknown> });
        } else if (message.relation.name === 'store_products') {
          this.#pending.push({ kind: 'product', definition: jsonOf((message.new as { definition?: unknown }).definition) });
        } else if (message.relation.name === 'store_packages' && message.tag === 'insert') {
          this.#pending.push({ kind: 'package', definition: jsonOf((message.new as { definition?: unknown }).definition) });
        } else if (message.relation.name === 'store_staff') {
          const row = message.new as { id?: unknown; display_name?: unknown; role?: unknown; pin_hash?: unknown; active?: unknown; created_at?: unknown };
          this.#pending.push({
            kind: 'staff',
            id: String(row.id),
            displayName: String(row.display_name),
            role: String(row.role),
            pinHash: row.pin_hash == null ? null : String(row.pin_hash),
            active: Number(row.active) === 1,
            createdAt: instantOf(row.created_at),
          });
        }
        return;
      case 'commit': {
        const changes = this.#pending;
        this.#pending = [];
        this.#apply(changes, lsn);
        return service.acknowledge(lsn).then(() => undefined);
      }
      default:
        return;
    }
  }

  /**
   * One SQLite transaction: the prices, the stock moves and the position
   * they came at. A move this register made itself comes back too (the
   * server records every register's): it is already on this register's
   * shelves, so only the other registers' moves are applied — as deltas,
   * never by overwriting a quantity, so a sale made here meanwhile is kept.
   * A package this register does not hold is left to receiving.
   */
  #apply(changes: readonly Change[], lsn: string): void {
    writeTransaction(this.#db, (tx) => {
      const self = tx.select({ id: storeLink.serverTerminalId }).from(storeLink).get()?.id;
      for (const change of changes) {
        if (change.kind === 'staff') {
          applyStaff(tx, change);
        } else if (change.kind === 'hold') {
          applyHold(tx, change.row);
        } else if (change.kind === 'product') {
          const parsed = catalogProductSchema.safeParse(change.definition);
          if (parsed.success) applyProduct(tx, parsed.data);
        } else if (change.kind === 'package') {
          const parsed = storePackageSchema.safeParse(change.definition);
          if (parsed.success) applyPackage(tx, parsed.data);
        } else if (change.kind === 'price') {
          if (!Number.isSafeInteger(change.priceCents) || change.priceCents < 0) continue;
          tx.update(products).set({ priceCents: change.priceCents }).where(eq(products.sku, change.sku)).run();
        } else {
          if (change.terminalId === self || !Number.isSafeInteger(change.delta)) continue;
          tx.update(packages)
            .set({ quantityOnHand: sql`${packages.quantityOnHand} + ${change.delta}` })
            .where(eq(packages.tag, change.packageLabel))
            .run();
        }
      }
      tx.update(storeLink).set({ readLsn: lsn }).run();
    });
  }

  #dropped(service: LogicalReplicationService, error: unknown): void {
    if (this.#service !== service) return;
    this.#service = null;
    this.#pending = [];
    void service.stop().catch(() => undefined);
    if (this.#stopped) return;
    logger.warn({ err: error }, 'store server: the read stream dropped; reopening');
    this.#timer = setTimeout(() => {
      this.#timer = null;
      void this.#open();
    }, RECONNECT_MS);
    this.#timer.unref();
  }

  /** Pairing changed: reopen with the new slot (or none). */
  async restart(): Promise<void> {
    await this.stop();
    this.start();
  }

  async stop(): Promise<void> {
    this.#stopped = true;
    if (this.#timer !== null) clearTimeout(this.#timer);
    this.#timer = null;
    const service = this.#service;
    this.#service = null;
    await service?.stop().catch(() => undefined);
  }
}

/**
 * The store's roster row, as the store server last took it: every save in
 * the server's order, this register's own included, so all registers end
 * alike. A row that does not parse (an unknown role) is left out rather than
 * stopping the stream; the sign-in screen simply does not list that person.
 */
function applyStaff(tx: RegisterTx, change: Extract<Change, { kind: 'staff' }>): void {
  if (!(staffRoles as readonly string[]).includes(change.role) || change.displayName.trim() === '') return;
  const createdAt = change.createdAt;
  const storeId = tx.select({ storeId: terminals.storeId }).from(terminals).get()?.storeId;
  if (storeId === undefined || Number.isNaN(createdAt.getTime())) return;
  const row = { displayName: change.displayName, role: change.role as StaffRole, pinHash: change.pinHash, active: change.active };
  tx.insert(staff)
    .values({ id: change.id, storeId, createdAt, ...row })
    .onConflictDoUpdate({ target: staff.id, set: row })
    .run();
}

/** A `timestamptz` as the stream gives it: a Date when the client parsed it, else PostgreSQL's text ("2026-12-07 13:55:00.12+00"). */
function instantOf(value: unknown): Date {
  if (value instanceof Date) return value;
  const text = String(value)
    .trim()
    .replace(' ', 'T')
    .replace(/([+-]\d\d)$/, '$1:00');
  return new Date(text);
}

/** A jsonb column as the stream gives it: parsed already, or PostgreSQL's text. */
function jsonOf(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  try {
    return JSON.parse(value) as unknown;
  } catch {
    return null;
  }
}

function localStoreId(tx: RegisterTx): string | undefined {
  return tx.select({ storeId: terminals.storeId }).from(terminals).get()?.storeId;
}

/**
 * A product another register received a package of: new here, it is added
 * (its id kept when free, so the store's registers name it alike); known by
 * its SKU, its description follows the store's — but not its price, which
 * this register keeps until the store sets one (`catalog_prices`).
 */
function applyProduct(tx: RegisterTx, product: CatalogProduct): void {
  const storeId = localStoreId(tx);
  if (storeId === undefined) return;
  // The picture stays with the register that has it (pictures are the register's own files).
  const { id, priceCents, piecesPerUnit, ...rest } = product;
  const description = { ...rest, ...(piecesPerUnit === undefined ? {} : { piecesPerUnit }) };
  const known = tx
    .select({ id: products.id })
    .from(products)
    .where(and(eq(products.storeId, storeId), eq(products.sku, product.sku)))
    .get();
  if (known !== undefined) {
    tx.update(products).set(description).where(eq(products.id, known.id)).run();
    return;
  }
  const idTaken = tx.select({ id: products.id }).from(products).where(eq(products.id, id)).get() !== undefined;
  tx.insert(products)
    .values({ ...description, priceCents, id: idTaken ? randomUUID() : id, storeId })
    .run();
}

/**
 * A package another register received: here it starts with nothing on hand
 * — its stock arrives as that register's move, right after, in the same
 * transaction. A tag already here, or a product this register cannot name,
 * is left as it is.
 */
function applyPackage(tx: RegisterTx, pkg: StorePackage): void {
  const storeId = localStoreId(tx);
  if (storeId === undefined) return;
  if (tx.select({ id: packages.id }).from(packages).where(eq(packages.tag, pkg.tag)).get() !== undefined) return;
  const product = tx
    .select({ id: products.id })
    .from(products)
    .where(and(eq(products.storeId, storeId), eq(products.sku, pkg.sku)))
    .get();
  if (product === undefined) return;
  const labTestingState = (labTestingStates as readonly string[]).includes(pkg.labTestingState)
    ? (pkg.labTestingState as (typeof labTestingStates)[number])
    : 'NotSubmitted';
  // An unknown status is held rather than sold.
  const status = (packageStatuses as readonly string[]).includes(pkg.status) ? (pkg.status as (typeof packageStatuses)[number]) : 'on_hold';
  tx.insert(packages)
    .values({
      id: randomUUID(),
      storeId,
      tag: pkg.tag,
      productId: product.id,
      unit: pkg.unit,
      quantityOnHand: 0,
      packagedDate: pkg.packagedDate,
      labTestingState,
      status,
      metrcId: pkg.metrcId,
      productionBatch: pkg.productionBatch,
    })
    .run();
}

/**
 * A quality hold placed or released at any register: held here too, and
 * released here when it is released there. Its incident stays on the
 * register that opened it. Who placed it is a person on the store's roster
 * (their save reached the server before their hold did); if the roster row
 * is missing here, the hold still applies — safety first — under this
 * store's first admin, with the placer named in the reason.
 */
function applyHold(tx: RegisterTx, row: Record<string, unknown>): void {
  const storeId = localStoreId(tx);
  const id = row.id == null ? '' : String(row.id);
  const scope = row.scope === 'package' || row.scope === 'batch' ? row.scope : null;
  if (storeId === undefined || id === '' || scope === null) return;
  const released = row.released_at == null ? null : instantOf(row.released_at);
  const releasedBy = row.released_by == null ? null : knownStaff(tx, String(row.released_by));
  const known = tx.select({ id: productHolds.id, releasedAt: productHolds.releasedAt }).from(productHolds).where(eq(productHolds.id, id)).get();
  if (known !== undefined) {
    if (known.releasedAt === null && released !== null)
      tx.update(productHolds)
        .set({ releasedAt: released, releasedBy, releaseNote: row.release_note == null ? null : String(row.release_note) })
        .where(eq(productHolds.id, id))
        .run();
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
      releaseNote: row.release_note == null ? null : String(row.release_note),
    })
    .run();
}

function knownStaff(tx: RegisterTx, id: string): string | null {
  return tx.select({ id: staff.id }).from(staff).where(eq(staff.id, id)).get()?.id ?? null;
}

function firstAdmin(tx: RegisterTx): string {
  const admin = tx.select({ id: staff.id }).from(staff).where(eq(staff.role, 'admin')).get() ?? tx.select({ id: staff.id }).from(staff).get();
  if (admin === undefined) throw new Error('this register has no staff at all');
  return admin.id;
}
