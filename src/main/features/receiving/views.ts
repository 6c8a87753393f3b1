import { and, asc, desc, eq, inArray, isNull } from 'drizzle-orm';
import type { IncomingManifestView, IncomingPackageView } from '../../../shared/contract/receiving';
import { AppError } from '../../../shared/errors';
import { incomingManifests, incomingPackages, products } from '../../platform/db/schema';
import type { RegisterDb } from '../../platform/db/open';
import { shippedInRegisterUnits } from './decide';

function packageViews(db: RegisterDb, manifestIds: readonly string[]): Array<IncomingPackageView & { manifestId: string }> {
  if (manifestIds.length === 0) return [];
  return db
    .select({ pkg: incomingPackages, productName: products.name })
    .from(incomingPackages)
    .leftJoin(products, eq(products.id, incomingPackages.productId))
    .where(inArray(incomingPackages.manifestId, [...manifestIds]))
    .orderBy(asc(incomingPackages.tag))
    .all()
    .map(({ pkg, productName }) => ({
      manifestId: pkg.manifestId,
      id: pkg.id,
      tag: pkg.tag,
      itemName: pkg.itemName,
      itemCategory: pkg.itemCategory,
      shippedQuantity: pkg.shippedQuantity,
      unitOfMeasure: pkg.unitOfMeasure,
      shipped: shippedInRegisterUnits(pkg),
      labTestingState: pkg.labTestingState,
      productId: pkg.productId,
      productName: productName ?? null,
      status: pkg.status,
      receivedQuantity: pkg.receivedQuantity,
      rejectionReason: pkg.rejectionReason,
    }));
}

export function listManifests(db: RegisterDb, storeId: string, status: 'open' | 'all'): IncomingManifestView[] {
  const manifests = db
    .select()
    .from(incomingManifests)
    .where(status === 'open' ? and(eq(incomingManifests.storeId, storeId), isNull(incomingManifests.completedAt)) : eq(incomingManifests.storeId, storeId))
    .orderBy(desc(incomingManifests.downloadedAt), asc(incomingManifests.manifestNumber))
    .limit(200)
    .all();
  const pkgs = packageViews(
    db,
    manifests.map((m) => m.id),
  );
  return manifests.map((m) => ({
    id: m.id,
    manifestNumber: m.manifestNumber,
    shipperName: m.shipperName,
    shipperLicense: m.shipperLicense,
    downloadedAt: m.downloadedAt.toISOString(),
    completedAt: m.completedAt?.toISOString() ?? null,
    packages: pkgs.filter((p) => p.manifestId === m.id).map(({ manifestId: _m, ...view }) => view),
  }));
}

export function incomingPackageView(db: RegisterDb, incomingPackageId: string): IncomingPackageView {
  const row = db.select({ manifestId: incomingPackages.manifestId }).from(incomingPackages).where(eq(incomingPackages.id, incomingPackageId)).get();
  const view = row === undefined ? undefined : packageViews(db, [row.manifestId]).find((p) => p.id === incomingPackageId);
  if (view === undefined) throw new AppError('INCOMING_PACKAGE_NOT_FOUND', 'There is no such package on a downloaded manifest.');
  const { manifestId: _m, ...rest } = view;
  return rest;
}
