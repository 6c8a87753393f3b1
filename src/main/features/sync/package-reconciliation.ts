import { eq } from 'drizzle-orm';
import { AppError } from '../../../shared/errors';
import { appendAudit } from '../../platform/audit/log';
import type { RegisterDb } from '../../platform/db/open';
import { packages, products, stores } from '../../platform/db/schema';
import { writeTransaction, type RegisterTx } from '../../platform/db/transaction';
import { downloadActivePackages, type ActivePackagesOptions } from './metrc/active-packages';
import type { MetrcApiVersion } from '../../../metrc/adapter';
import type { MetrcHttp } from '../../../metrc/http';
import { comparePackages, type LocalPackage, type PackageComparison } from './package-comparison';
import { undeliveredItemsByPackage } from './undelivered-by-package';

export interface PackageReconciliation extends PackageComparison {
  readonly ranAt: string;
  readonly licenseNumber: string;
  readonly apiVersion: MetrcApiVersion;
  /** The audit entry that records this run. */
  readonly auditSeq: number;
}

export interface ReconcilePackagesRequest {
  /** Connected with the facility's licence: its store's packages are the ones compared. */
  readonly http: MetrcHttp;
  readonly version: MetrcApiVersion;
  readonly staffId: string | null;
  readonly terminalId: string | null;
  readonly now: () => Date;
  readonly download?: ActivePackagesOptions;
}

/**
 * Inventory reconciliation for the manager and the compliance officer:
 * Metrc's active packages against the store's own. Read-only towards both
 * sides: nothing is adjusted here — a difference is explained and corrected
 * by a person, through an adjustment that Metrc also receives.
 *
 * The download runs first (network, outside any transaction); the local
 * side is then read in the same transaction that writes the audit entry,
 * so the entry describes exactly the rows compared. A failed download
 * writes nothing.
 */
export async function reconcilePackages(db: RegisterDb, request: ReconcilePackagesRequest): Promise<PackageReconciliation> {
  const licenseNumber = request.http.licenseNumber;
  const storeId = storeOfLicence(db, licenseNumber);
  const metrc = await downloadActivePackages(request.http, request.version, request.download ?? {});
  return writeTransaction(db, (tx) => {
    const comparison = comparePackages(localPackages(tx, storeId), metrc, undeliveredItemsByPackage(tx));
    const at = request.now();
    const { seq } = appendAudit(tx, {
      at,
      staffId: request.staffId,
      terminalId: request.terminalId,
      action: 'packages.reconcile',
      entityType: 'store',
      entityId: storeId,
      after: { licenseNumber, apiVersion: request.version, counts: comparison.counts },
    });
    return { ranAt: at.toISOString(), licenseNumber, apiVersion: request.version, auditSeq: seq, ...comparison };
  });
}

/** The store the licence belongs to: comparing one facility's Metrc list with another's shelves would report nonsense. */
function storeOfLicence(db: RegisterDb, licenseNumber: string): string {
  const store = db.select({ id: stores.id }).from(stores).where(eq(stores.licenseNumber, licenseNumber)).get();
  if (store !== undefined) return store.id;
  const known = db
    .select({ licenseNumber: stores.licenseNumber })
    .from(stores)
    .all()
    .map((s) => s.licenseNumber);
  throw new AppError(
    'LICENSE_NOT_IN_REGISTER',
    known.length === 0
      ? 'This database has no store yet, so there is nothing to reconcile.'
      : `No store in this database has licence ${licenseNumber} (it has ${known.join(', ')}). Use the store's own licence number.`,
  );
}

function localPackages(tx: RegisterTx, storeId: string): LocalPackage[] {
  return tx
    .select({ tag: packages.tag, productName: products.name, unit: packages.unit, quantityOnHand: packages.quantityOnHand, status: packages.status })
    .from(packages)
    .innerJoin(products, eq(products.id, packages.productId))
    .where(eq(packages.storeId, storeId))
    .all();
}
