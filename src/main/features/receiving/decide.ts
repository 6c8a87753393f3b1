import { randomUUID } from 'node:crypto';
import { and, eq, isNull } from 'drizzle-orm';
import { receiptAcknowledgementFor } from '../../../shared/domain/receiving/receipt-acknowledgement';
import { businessDay } from '../../../shared/domain/store-calendar';
import { AppError } from '../../../shared/errors';
import { appendAudit } from '../../platform/audit/log';
import { incomingManifests, incomingPackages, labTestingStates, outbox, packages, products, stores } from '../../platform/db/schema';
import type { RegisterDb } from '../../platform/db/open';
import { writeTransaction, type RegisterTx } from '../../platform/db/transaction';
import { registerQuantity, type RegisterQuantity } from '../sync/metrc/package-quantity';
import { TRACEABILITY_LANE } from '../sync/lanes';
import type { OutboxMessage } from '../sync/outbox-messages';
import { isStoreLinked } from '../store-link/link-settings';
import { queueReceivedForStore } from '../store-link/store-commands';

type IncomingRow = typeof incomingPackages.$inferSelect;

export interface Decider {
  readonly storeId: string;
  readonly staffId: string;
  readonly terminalId: string;
  readonly now: Date;
}

/** The shipped quantity in our units, when Metrc's unit is one we keep. */
export function shippedInRegisterUnits(row: Pick<IncomingRow, 'shippedQuantity' | 'unitOfMeasure'>): RegisterQuantity | null {
  const read = registerQuantity(Number(row.shippedQuantity), row.unitOfMeasure);
  return read.ok ? read.value : null;
}

function requirePending(tx: RegisterTx, storeId: string, incomingPackageId: string): IncomingRow & { manifestNumber: string } {
  const row = tx
    .select({ pkg: incomingPackages, manifestNumber: incomingManifests.manifestNumber })
    .from(incomingPackages)
    .innerJoin(incomingManifests, eq(incomingManifests.id, incomingPackages.manifestId))
    .where(and(eq(incomingPackages.id, incomingPackageId), eq(incomingManifests.storeId, storeId)))
    .get();
  if (row === undefined) throw new AppError('INCOMING_PACKAGE_NOT_FOUND', 'There is no such package on a downloaded manifest.');
  if (row.pkg.status !== 'pending')
    throw new AppError('INCOMING_PACKAGE_DECIDED', `Package ${row.pkg.tag} was already ${row.pkg.status}: nothing was changed.`);
  return { ...row.pkg, manifestNumber: row.manifestNumber };
}

/** Maps the package, and every other waiting package of the same Metrc item in this store that has no product yet. */
export function mapIncomingPackage(db: RegisterDb, by: Decider, incomingPackageId: string, productId: string): { mapped: number } {
  return writeTransaction(db, (tx) => mapInside(tx, by, incomingPackageId, productId));
}

function mapInside(tx: RegisterTx, by: Decider, incomingPackageId: string, productId: string): { mapped: number } {
  const pkg = requirePending(tx, by.storeId, incomingPackageId);
  const product = tx
    .select({ id: products.id })
    .from(products)
    .where(and(eq(products.id, productId), eq(products.storeId, by.storeId)))
    .get();
  if (product === undefined) throw new AppError('PRODUCT_NOT_FOUND', 'There is no such product in this store’s catalog.');
  tx.update(incomingPackages).set({ productId }).where(eq(incomingPackages.id, pkg.id)).run();
  const siblings = tx
    .select({ id: incomingPackages.id })
    .from(incomingPackages)
    .innerJoin(incomingManifests, eq(incomingManifests.id, incomingPackages.manifestId))
    .where(
      and(
        eq(incomingManifests.storeId, by.storeId),
        eq(incomingPackages.itemName, pkg.itemName),
        eq(incomingPackages.status, 'pending'),
        isNull(incomingPackages.productId),
      ),
    )
    .all();
  for (const s of siblings) tx.update(incomingPackages).set({ productId }).where(eq(incomingPackages.id, s.id)).run();
  appendAudit(tx, {
    at: by.now,
    staffId: by.staffId,
    terminalId: by.terminalId,
    action: 'receiving.map',
    entityType: 'incoming_package',
    entityId: pkg.id,
    after: { tag: pkg.tag, itemName: pkg.itemName, productId, alsoMapped: siblings.length },
  });
  return { mapped: 1 + siblings.length };
}

export interface NewProduct {
  readonly name: string;
  readonly brand: string;
  readonly category: (typeof products.$inferInsert)['category'];
  readonly sellingMode: 'each' | 'weight';
  readonly priceCents: number;
  readonly netWeightMg: number;
  readonly thcMg: number;
}

/** The guided form's product, created and mapped in one transaction (audited as both). */
export function createProductForIncoming(db: RegisterDb, by: Decider, incomingPackageId: string, product: NewProduct): { productId: string; mapped: number } {
  return writeTransaction(db, (tx) => {
    const pkg = requirePending(tx, by.storeId, incomingPackageId);
    const shipped = shippedInRegisterUnits(pkg);
    if (shipped !== null && (shipped.unit === 'mg') !== (product.sellingMode === 'weight'))
      throw new AppError(
        'RECEIVING_UNIT_MISMATCH',
        `Metrc ships ${pkg.tag} in ${pkg.unitOfMeasure}: the product must be sold ${shipped.unit === 'mg' ? 'by weight' : 'per unit (each)'}.`,
      );
    const productId = randomUUID();
    tx.insert(products)
      .values({
        id: productId,
        storeId: by.storeId,
        // Metrc's package id keeps the SKU unique and traceable to the first delivery of the item.
        sku: `RCV-${pkg.metrcPackageId ?? pkg.tag.slice(-8)}`,
        upc: null,
        name: product.name,
        brand: product.brand,
        strain: pkg.strain,
        category: product.category,
        sellingMode: product.sellingMode,
        priceCents: product.priceCents,
        netWeightMg: product.netWeightMg,
        thcMg: product.thcMg,
      })
      .run();
    appendAudit(tx, {
      at: by.now,
      staffId: by.staffId,
      terminalId: by.terminalId,
      action: 'product.create',
      entityType: 'product',
      entityId: productId,
      after: { ...product, fromIncomingPackage: pkg.tag },
    });
    return { productId, ...mapInside(tx, by, incomingPackageId, productId) };
  });
}

const SELLABLE_LAB_STATES = new Set(['TestPassed', 'NotRequired', 'RetestPassed']);

/**
 * Receives a package into stock under its Metrc tag and id: in full (no
 * quantity) or in part (less than shipped, in the register's unit). A
 * package not lab-passed is received on hold (it cannot be sold until it
 * passes); a failed one must be rejected.
 */
export function receiveIncomingPackage(db: RegisterDb, by: Decider, incomingPackageId: string, quantity: number | undefined): void {
  writeTransaction(db, (tx) => {
    const pkg = requirePending(tx, by.storeId, incomingPackageId);
    if (pkg.productId === null)
      throw new AppError('RECEIVING_NOT_MAPPED', `Map ${pkg.tag} (${pkg.itemName}) to a product, or create one, before receiving it.`);
    const product = tx.select().from(products).where(eq(products.id, pkg.productId)).get();
    if (product === undefined) throw new AppError('PRODUCT_NOT_FOUND', 'There is no such product in this store’s catalog.');
    const shipped = shippedInRegisterUnits(pkg);
    if (shipped === null)
      throw new AppError(
        'RECEIVING_UNIT_UNKNOWN',
        `Metrc's unit "${pkg.unitOfMeasure}" for ${pkg.tag} is not one the register keeps: reject it, or receive it in Metrc by hand.`,
      );
    if ((shipped.unit === 'mg') !== (product.sellingMode === 'weight'))
      throw new AppError(
        'RECEIVING_UNIT_MISMATCH',
        `Metrc ships ${pkg.tag} in ${pkg.unitOfMeasure}, but ${product.name} is sold ${product.sellingMode === 'weight' ? 'by weight' : 'per unit'}: map it to another product.`,
      );
    const received = quantity ?? shipped.quantity;
    if (received > shipped.quantity)
      throw new AppError(
        'RECEIVING_MORE_THAN_SHIPPED',
        `Only ${shipped.quantity} ${shipped.unit} of ${pkg.tag} were shipped: a larger delivery is received in Metrc first.`,
      );
    if (pkg.labTestingState !== null && /fail/i.test(pkg.labTestingState))
      throw new AppError('RECEIVING_LAB_FAILED', `${pkg.tag} failed its lab test in Metrc (${pkg.labTestingState}): reject it.`);
    if (tx.select({ id: packages.id }).from(packages).where(eq(packages.tag, pkg.tag)).get() !== undefined)
      throw new AppError('RECEIVING_TAG_IN_STOCK', `A package with tag ${pkg.tag} is already in stock: nothing was received twice.`);
    const labState = (labTestingStates as readonly string[]).includes(pkg.labTestingState ?? '')
      ? (pkg.labTestingState as (typeof labTestingStates)[number])
      : 'NotSubmitted';
    const sellable = SELLABLE_LAB_STATES.has(pkg.labTestingState ?? '');
    const packageId = randomUUID();
    tx.insert(packages)
      .values({
        id: packageId,
        storeId: by.storeId,
        tag: pkg.tag,
        productId: product.id,
        unit: shipped.unit,
        quantityOnHand: received,
        packagedDate: pkg.packagedDate ?? businessDay(by.now, storeZone(tx, by.storeId)),
        labTestingState: labState === 'NotSubmitted' && sellable ? 'TestPassed' : labState,
        status: sellable ? 'active' : 'on_hold',
        metrcId: pkg.metrcPackageId,
      })
      .run();
    tx.update(incomingPackages)
      .set({ status: 'received', receivedQuantity: received, decidedBy: by.staffId, decidedAt: by.now, packageId })
      .where(eq(incomingPackages.id, pkg.id))
      .run();
    appendAudit(tx, {
      at: by.now,
      staffId: by.staffId,
      terminalId: by.terminalId,
      action: 'receiving.receive',
      entityType: 'package',
      entityId: packageId,
      after: {
        tag: pkg.tag,
        manifest: pkg.manifestNumber,
        unit: shipped.unit,
        shipped: shipped.quantity,
        received,
        partial: received < shipped.quantity,
        onHold: !sellable,
      },
    });
    // In a store with a server, every register can sell it (store-link/store-reads.ts applies it there).
    if (isStoreLinked(tx)) queueReceivedForStore(tx, packageId, received, by.now);
    completeIfDecided(tx, by, pkg.manifestId);
  });
}

export function rejectIncomingPackage(db: RegisterDb, by: Decider, incomingPackageId: string, reason: string): void {
  writeTransaction(db, (tx) => {
    const pkg = requirePending(tx, by.storeId, incomingPackageId);
    tx.update(incomingPackages)
      .set({ status: 'rejected', rejectionReason: reason, decidedBy: by.staffId, decidedAt: by.now })
      .where(eq(incomingPackages.id, pkg.id))
      .run();
    appendAudit(tx, {
      at: by.now,
      staffId: by.staffId,
      terminalId: by.terminalId,
      action: 'receiving.reject',
      entityType: 'incoming_package',
      entityId: pkg.id,
      after: { tag: pkg.tag, manifest: pkg.manifestNumber, reason },
    });
    completeIfDecided(tx, by, pkg.manifestId);
  });
}

/**
 * Once every package on a manifest is received or rejected, the manifest is
 * complete and — where the state expects the receipt recorded in Metrc — one
 * `transfer.receive` goes into the outbox, in the same transaction.
 */
function completeIfDecided(tx: RegisterTx, by: Decider, manifestId: string): void {
  const rows = tx.select().from(incomingPackages).where(eq(incomingPackages.manifestId, manifestId)).all();
  if (rows.some((r) => r.status === 'pending')) return;
  const manifest = tx.select().from(incomingManifests).where(eq(incomingManifests.id, manifestId)).get();
  if (manifest === undefined || manifest.completedAt !== null) return;
  tx.update(incomingManifests).set({ completedAt: by.now }).where(eq(incomingManifests.id, manifestId)).run();
  const state = tx.select({ state: stores.state }).from(stores).where(eq(stores.id, by.storeId)).get()?.state ?? '';
  const rule = receiptAcknowledgementFor(state);
  if (!rule.required) return;
  const payload: OutboxMessage<'transfer.receive'> = {
    manifestNumber: manifest.manifestNumber,
    deliveryId: manifest.metrcDeliveryId,
    packages: rows.map((r) => ({
      packageTag: r.tag,
      unitOfMeasure: r.unitOfMeasure,
      shippedQuantity: r.shippedQuantity,
      acceptedQuantity: r.status === 'rejected' ? '0' : metrcDecimal(r),
      rejected: r.status === 'rejected',
      reason: r.rejectionReason,
    })),
    citation: rule.citation,
  };
  tx.insert(outbox)
    .values({
      destination: TRACEABILITY_LANE,
      kind: 'transfer.receive',
      aggregateId: manifestId,
      payload,
      nextAttemptAt: by.now,
      createdAt: by.now,
      updatedAt: by.now,
    })
    .run();
}

/** The received quantity back in Metrc's unit, as decimal text: exact for counts and for grams/milligrams; other weights to the milligram. */
function metrcDecimal(row: IncomingRow): string {
  const received = row.receivedQuantity ?? 0;
  const shipped = shippedInRegisterUnits(row);
  if (shipped === null || received === shipped.quantity) return row.shippedQuantity;
  const unit = row.unitOfMeasure.trim().toLowerCase();
  if (unit === 'each' || unit === 'milligrams') return String(received);
  if (unit === 'grams') return `${Math.trunc(received / 1000)}.${String(received % 1000).padStart(3, '0')}`.replace(/\.?0+$/, '');
  return `${received} mg`;
}

function storeZone(tx: RegisterTx, storeId: string): string {
  return tx.select({ timeZone: stores.timeZone }).from(stores).where(eq(stores.id, storeId)).get()?.timeZone ?? 'UTC';
}
