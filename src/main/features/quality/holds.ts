import { randomUUID } from 'node:crypto';
import { and, eq, isNull, sql } from 'drizzle-orm';
import { AppError } from '../../../shared/errors';
import { appendAudit } from '../../platform/audit/log';
import { packages, productHolds, products } from '../../platform/db/schema';
import type { RegisterDb } from '../../platform/db/open';
import { preparedOnce } from '../../platform/db/prepared';
import type { RegisterTx } from '../../platform/db/transaction';
import { isStoreLinked } from '../store-link/link-settings';
import { queueHoldForStore, queueHoldReleaseForStore } from '../store-link/store-commands';

type Reader = RegisterDb | RegisterTx;

/** A package's batch: its own production batch, else the batch on its product's certificate of analysis. */
export function batchOfPackage(db: Reader, tag: string): { batch: string | null; productId: string } | null {
  const row = packageBatch(db).get({ tag });
  return row === undefined ? null : { batch: row.batch, productId: row.productId };
}

export interface ActiveHold {
  readonly holdId: string;
  readonly scope: 'package' | 'batch';
  readonly batch: string | null;
  readonly reason: string;
}

/** The hold keeping this package off sale (on the package itself or on its batch), or null. */
export function activeHoldFor(db: Reader, tag: string): ActiveHold | null {
  return packageSaleState(db, tag)?.hold ?? null;
}

/**
 * What a scan or a sale asks of a package, in one statement (issue #18):
 * its status and lab state, and the hold keeping it off sale (its own, else
 * its batch's), or null when the tag is not in the store.
 */
export function packageSaleState(
  db: Reader,
  tag: string,
): { readonly status: (typeof packages.$inferSelect)['status']; readonly lab: string; readonly hold: ActiveHold | null } | null {
  const row = saleStateOf(db).get({ tag });
  if (row === undefined) return null;
  const hold = row.holdId === null ? null : { holdId: row.holdId, scope: row.holdScope ?? 'package', batch: row.holdBatch, reason: row.holdReason ?? '' };
  return { status: row.status, lab: row.lab, hold };
}

const short = (tag: string) => `${tag.slice(0, 3)}…${tag.slice(-6)}`;

export function holdRefusal(tag: string, hold: ActiveHold): AppError {
  const what = hold.scope === 'batch' ? `Batch ${hold.batch ?? ''} (package ${short(tag)})` : `Package ${short(tag)}`;
  return new AppError('PACKAGE_HELD', `${what} is on hold and cannot be sold: ${hold.reason}. Set it aside for a manager.`, {
    tag,
    holdId: hold.holdId,
    scope: hold.scope,
    batch: hold.batch,
    reason: hold.reason,
  });
}

/** Refuses a package that is on hold (the scan and the sale both ask). */
export function requireNotHeld(db: Reader, tag: string): void {
  const hold = activeHoldFor(db, tag);
  if (hold !== null) throw holdRefusal(tag, hold);
}

/** The first hold on any package of a product, to explain why a UPC or SKU scan found nothing to sell. */
export function holdOnProduct(db: Reader, productId: string): { tag: string; hold: ActiveHold } | null {
  for (const { tag } of db.select({ tag: packages.tag }).from(packages).where(eq(packages.productId, productId)).all()) {
    const hold = activeHoldFor(db, tag);
    if (hold !== null) return { tag, hold };
  }
  return null;
}

export interface HoldRequest {
  readonly storeId: string;
  readonly scope: 'package' | 'batch';
  /** The package scanned (for a batch hold: any package of the batch), or the batch named directly. */
  readonly packageTag?: string | undefined;
  readonly batch?: string | undefined;
  readonly reason: string;
  readonly incidentId: string | null;
  readonly staffId: string;
  readonly terminalId: string;
  readonly now: Date;
}

export function placeHold(tx: RegisterTx, request: HoldRequest): { holdId: string; batch: string | null; packageTag: string | null } {
  let batch = request.batch ?? null;
  const packageTag = request.packageTag ?? null;
  if (packageTag !== null) {
    const found = batchOfPackage(tx, packageTag);
    if (found === null) throw new AppError('PACKAGE_NOT_IN_STORE', `Tag ${short(packageTag)} is not in this store's inventory.`, { tag: packageTag });
    if (request.scope === 'batch') batch = found.batch;
  }
  if (request.scope === 'batch' && batch === null) throw new AppError('BATCH_UNKNOWN', 'This package has no batch on record: hold the package itself instead.');
  if (request.scope === 'package' && packageTag === null) throw new AppError('HOLD_TARGET_MISSING', 'Scan the package to put on hold.');
  const holdId = randomUUID();
  const hold = {
    id: holdId,
    storeId: request.storeId,
    scope: request.scope,
    packageTag: request.scope === 'package' ? packageTag : null,
    batch: request.scope === 'batch' ? batch : null,
    reason: request.reason,
    incidentId: request.incidentId,
    placedBy: request.staffId,
    placedAt: request.now,
  };
  tx.insert(productHolds).values(hold).run();
  // In a store with a server, every register refuses what it covers.
  if (isStoreLinked(tx)) queueHoldForStore(tx, hold);
  appendAudit(tx, {
    at: request.now,
    staffId: request.staffId,
    terminalId: request.terminalId,
    action: 'hold.place',
    entityType: 'product_hold',
    entityId: holdId,
    after: { scope: request.scope, packageTag, batch, reason: request.reason, incidentId: request.incidentId },
  });
  return { holdId, batch, packageTag };
}

export function releaseHold(tx: RegisterTx, request: { holdId: string; note: string; staffId: string; terminalId: string; now: Date }): void {
  const hold = tx.select().from(productHolds).where(eq(productHolds.id, request.holdId)).get();
  if (hold === undefined) throw new AppError('HOLD_NOT_FOUND', 'No such hold.');
  if (hold.releasedAt !== null) throw new AppError('HOLD_ALREADY_RELEASED', 'This hold was already released.');
  tx.update(productHolds).set({ releasedAt: request.now, releasedBy: request.staffId, releaseNote: request.note }).where(eq(productHolds.id, hold.id)).run();
  if (isStoreLinked(tx)) queueHoldReleaseForStore(tx, { holdId: hold.id, releasedBy: request.staffId, releasedAt: request.now, note: request.note });
  appendAudit(tx, {
    at: request.now,
    staffId: request.staffId,
    terminalId: request.terminalId,
    action: 'hold.release',
    entityType: 'product_hold',
    entityId: hold.id,
    before: { releasedAt: null },
    after: { note: request.note },
  });
}

export function activeHolds(db: Reader, storeId: string) {
  return db
    .select()
    .from(productHolds)
    .where(and(eq(productHolds.storeId, storeId), isNull(productHolds.releasedAt)))
    .all();
}

// Prepared once per connection: every scan and sale line asks saleStateOf.
const p = sql.placeholder;
const packageBatch = preparedOnce((db) =>
  db
    .select({ batch: sql<string | null>`coalesce(${packages.productionBatch}, ${products.coaBatchNumber})`, productId: packages.productId })
    .from(packages)
    .innerJoin(products, eq(products.id, packages.productId))
    .where(eq(packages.tag, p('tag')))
    .prepare(),
);
// The package's own hold first, then its batch's (its own batch, else its product's certificate's,
// as packageBatch reads it): each an indexed look; one OR between them made SQLite build a row set.
const saleStateOf = preparedOnce((db) => {
  const held = sql`coalesce(
    (SELECT h.id FROM ${productHolds} h WHERE h.package_tag = ${packages.tag} AND h.released_at IS NULL LIMIT 1),
    (SELECT h.id FROM ${productHolds} h WHERE h.batch = coalesce(${packages.productionBatch}, ${products.coaBatchNumber}) AND h.released_at IS NULL LIMIT 1))`;
  return db
    .select({
      status: packages.status,
      lab: packages.labTestingState,
      holdId: productHolds.id,
      holdScope: productHolds.scope,
      holdBatch: productHolds.batch,
      holdReason: productHolds.reason,
    })
    .from(packages)
    .innerJoin(products, eq(products.id, packages.productId))
    .leftJoin(productHolds, eq(productHolds.id, held))
    .where(eq(packages.tag, p('tag')))
    .prepare();
});
