import { z } from 'zod';
import { AppError } from '../../../../shared/errors';
import type { MetrcApiVersion } from '../../../../metrc/adapter';
import { getWithRetry, parse } from './active-packages';
import type { MetrcHttp } from '../../../../metrc/http';
import { metrcReadError } from './read-error';

/**
 * Incoming transfers (manifests) for the connection's licence, with the
 * packages of each delivery:
 * - v2: `GET /transfers/v2/incoming` (envelope, paged), `GET /transfers/v2/{id}/deliveries`
 *   when a row carries no DeliveryId, `GET /transfers/v2/deliveries/{id}/packages` (paged);
 * - v1: the same lists as bare arrays, `GET /transfers/v1/delivery/{id}/packages`.
 * The list is read in 24-hour last-modified windows (Metrc's limit) over the
 * last few days. Reads go through the connection's pacer and are retried
 * after 429 (Retry-After) and 5xx; an unreadable answer fails the whole
 * download, never half a manifest.
 */

const DAY_MS = 24 * 60 * 60 * 1000;
const PAGE_SIZE = 20;
const MAX_PAGES = 500;

export interface IncomingPackage {
  readonly metrcPackageId: number | null;
  readonly label: string;
  readonly itemName: string;
  readonly itemCategory: string | null;
  readonly strain: string | null;
  /** As Metrc gives it (decimal), in `unitOfMeasureName`. */
  readonly shippedQuantity: number;
  readonly unitOfMeasureName: string;
  readonly labTestingState: string | null;
  readonly packagedDate: string | null;
  readonly shipmentState: string | null;
}

export interface IncomingManifest {
  readonly transferId: number;
  readonly manifestNumber: string;
  readonly deliveryId: number;
  readonly shipperLicense: string | null;
  readonly shipperName: string | null;
  readonly lastModified: string | null;
  readonly packages: readonly IncomingPackage[];
}

export interface TransferDownload {
  readonly manifests: readonly IncomingManifest[];
  /** Pages read (lists and packages), for the report and the tests. */
  readonly pagesRead: number;
}

const transferShape = z.object({
  Id: z.number().int(),
  ManifestNumber: z.string().min(1),
  DeliveryId: z.number().int().nullish(),
  ShipperFacilityLicenseNumber: z.string().nullish(),
  ShipperFacilityName: z.string().nullish(),
  LastModified: z.string().nullish(),
});
const deliveryShape = z.object({ Id: z.number().int() });
const packageShape = z.object({
  PackageId: z.number().int().nullish(),
  PackageLabel: z.string().regex(/^[0-9A-Za-z]{24}$/, 'expected a 24-character package tag'),
  ItemName: z.string(),
  ItemCategoryName: z.string().nullish(),
  ProductCategoryName: z.string().nullish(),
  ItemStrainName: z.string().nullish(),
  ShippedQuantity: z.number(),
  ShippedUnitOfMeasureName: z.string().min(1),
  LabTestingState: z.string().nullish(),
  PackagedDate: z.string().nullish(),
  ShipmentPackageState: z.string().nullish(),
});
const envelopeOf = <T extends z.ZodType>(row: T) => z.object({ Data: z.array(row), TotalPages: z.number().int().nonnegative() });

export interface TransferDownloadOptions {
  readonly now: Date;
  /** Days of last-modified history to read (one request window per day). */
  readonly days?: number;
  readonly pageSize?: number;
  readonly retryDelaysMs?: readonly number[];
}

export async function downloadIncomingTransfers(http: MetrcHttp, version: MetrcApiVersion, options: TransferDownloadOptions): Promise<TransferDownload> {
  const delays = options.retryDelaysMs ?? [1_000, 3_000];
  const pageSize = Math.min(options.pageSize ?? PAGE_SIZE, PAGE_SIZE);
  let pagesRead = 0;
  const list = async <T extends z.ZodType>(path: string, row: T, query: Record<string, string> = {}): Promise<Array<z.infer<T>>> => {
    if (version === 'v1') {
      pagesRead += 1;
      return parse(z.array(row), await getWithRetry(http, path, query, delays), `GET ${path}`);
    }
    const rows: Array<z.infer<T>> = [];
    for (let page = 1; ; page += 1) {
      const answer = parse(
        envelopeOf(row),
        await getWithRetry(http, path, { ...query, pageNumber: String(page), pageSize: String(pageSize) }, delays),
        `GET ${path} page ${page}`,
      );
      pagesRead += 1;
      rows.push(...(answer.Data as Array<z.infer<T>>));
      if (page >= answer.TotalPages) return rows;
      if (page >= MAX_PAGES) throw new AppError('METRC_UNEXPECTED_ANSWER', `Metrc kept paging ${path} past ${MAX_PAGES} pages: nothing was received.`);
    }
  };
  try {
    const days = Math.max(1, Math.min(options.days ?? 3, 14));
    const transfers = new Map<string, z.infer<typeof transferShape>>();
    for (let day = 0; day < days; day += 1) {
      const end = new Date(options.now.getTime() - day * DAY_MS);
      const start = new Date(end.getTime() - DAY_MS);
      const rows = await list(`/transfers/${version}/incoming`, transferShape, { lastModifiedStart: start.toISOString(), lastModifiedEnd: end.toISOString() });
      // A manifest modified on the window's edge can come back twice: one per manifest and delivery.
      for (const row of rows) transfers.set(`${row.ManifestNumber}|${row.DeliveryId ?? ''}`, row);
    }
    const manifests: IncomingManifest[] = [];
    for (const transfer of transfers.values()) {
      const deliveryIds =
        transfer.DeliveryId == null ? (await list(`/transfers/${version}/${transfer.Id}/deliveries`, deliveryShape)).map((d) => d.Id) : [transfer.DeliveryId];
      for (const deliveryId of deliveryIds) {
        const path = version === 'v1' ? `/transfers/v1/delivery/${deliveryId}/packages` : `/transfers/v2/deliveries/${deliveryId}/packages`;
        const packages = (await list(path, packageShape)).map((p): IncomingPackage => ({
          metrcPackageId: p.PackageId ?? null,
          label: p.PackageLabel.toUpperCase(),
          itemName: p.ItemName,
          itemCategory: p.ItemCategoryName ?? p.ProductCategoryName ?? null,
          strain: p.ItemStrainName ?? null,
          shippedQuantity: p.ShippedQuantity,
          unitOfMeasureName: p.ShippedUnitOfMeasureName,
          labTestingState: p.LabTestingState ?? null,
          packagedDate: p.PackagedDate ?? null,
          shipmentState: p.ShipmentPackageState ?? null,
        }));
        manifests.push({
          transferId: transfer.Id,
          manifestNumber: transfer.ManifestNumber,
          deliveryId,
          shipperLicense: transfer.ShipperFacilityLicenseNumber ?? null,
          shipperName: transfer.ShipperFacilityName ?? null,
          lastModified: transfer.LastModified ?? null,
          packages,
        });
      }
    }
    return { manifests, pagesRead };
  } catch (error) {
    throw metrcReadError(error);
  }
}
