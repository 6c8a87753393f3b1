import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { appendAudit } from '../../platform/audit/log';
import { incomingManifests, incomingPackages, products } from '../../platform/db/schema';
import type { RegisterDb } from '../../platform/db/open';
import { writeTransaction } from '../../platform/db/transaction';
import type { PiiKeys } from '../../platform/security/pii-crypto';
import { MetrcHttp } from '../../../metrc/http';
import { downloadIncomingTransfers, type TransferDownloadOptions } from '../sync/metrc/incoming-transfers';
import { loadMetrcSettings } from '../sync/metrc-settings';
import { metrcNotSetUp } from '../sync/monitor';

export interface DownloadResult {
  readonly manifestsAdded: number;
  readonly packagesAdded: number;
  readonly manifestsSeen: number;
  readonly packagesSeen: number;
  readonly pagesRead: number;
}

/**
 * Downloads the incoming manifests (network first, outside any transaction)
 * and stores what is new in one transaction. A manifest or package already
 * here is left exactly as it is, decisions included: downloading again
 * changes nothing (keys: store + manifest + delivery; manifest + tag).
 */
export async function downloadManifests(
  db: RegisterDb,
  by: { readonly keys: PiiKeys; readonly storeId: string; readonly staffId: string; readonly terminalId: string; readonly now: Date },
  options: Omit<TransferDownloadOptions, 'now'> = {},
): Promise<DownloadResult> {
  const settings = loadMetrcSettings(db, by.keys, by.storeId);
  if (settings === null || !settings.enabled) throw metrcNotSetUp();
  const http = new MetrcHttp({ ...settings, timeoutMs: 10_000 });
  const download = await downloadIncomingTransfers(http, settings.apiVersion, { ...options, now: by.now });
  return writeTransaction(db, (tx) => {
    let manifestsAdded = 0;
    let packagesAdded = 0;
    for (const manifest of download.manifests) {
      const existing = tx
        .select({ id: incomingManifests.id })
        .from(incomingManifests)
        .where(
          and(
            eq(incomingManifests.storeId, by.storeId),
            eq(incomingManifests.manifestNumber, manifest.manifestNumber),
            eq(incomingManifests.metrcDeliveryId, manifest.deliveryId),
          ),
        )
        .get();
      let manifestId = existing?.id;
      if (manifestId === undefined) {
        manifestId = randomUUID();
        tx.insert(incomingManifests)
          .values({
            id: manifestId,
            storeId: by.storeId,
            manifestNumber: manifest.manifestNumber,
            metrcTransferId: manifest.transferId,
            metrcDeliveryId: manifest.deliveryId,
            shipperLicense: manifest.shipperLicense,
            shipperName: manifest.shipperName,
            metrcLastModified: manifest.lastModified,
            downloadedAt: by.now,
          })
          .run();
        manifestsAdded += 1;
      }
      for (const pkg of manifest.packages) {
        // A product received before under the same Metrc item name is suggested again.
        const known = tx
          .select({ productId: incomingPackages.productId })
          .from(incomingPackages)
          .innerJoin(products, eq(products.id, incomingPackages.productId))
          .where(and(eq(incomingPackages.itemName, pkg.itemName), eq(products.storeId, by.storeId)))
          .limit(1)
          .get();
        const inserted = tx
          .insert(incomingPackages)
          .values({
            id: randomUUID(),
            manifestId,
            tag: pkg.label,
            metrcPackageId: pkg.metrcPackageId,
            itemName: pkg.itemName,
            itemCategory: pkg.itemCategory,
            strain: pkg.strain,
            shippedQuantity: String(pkg.shippedQuantity),
            unitOfMeasure: pkg.unitOfMeasureName,
            labTestingState: pkg.labTestingState,
            packagedDate: pkg.packagedDate,
            productId: known?.productId ?? null,
            status: 'pending',
          })
          .onConflictDoNothing()
          .run();
        packagesAdded += inserted.changes;
      }
    }
    if (manifestsAdded + packagesAdded > 0)
      appendAudit(tx, {
        at: by.now,
        staffId: by.staffId,
        terminalId: by.terminalId,
        action: 'receiving.download',
        entityType: 'store',
        entityId: by.storeId,
        after: { manifestsAdded, packagesAdded, manifests: download.manifests.map((m) => m.manifestNumber) },
      });
    return {
      manifestsAdded,
      packagesAdded,
      manifestsSeen: download.manifests.length,
      packagesSeen: download.manifests.reduce((n, m) => n + m.packages.length, 0),
      pagesRead: download.pagesRead,
    };
  });
}
