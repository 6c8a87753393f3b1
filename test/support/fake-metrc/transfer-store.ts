import { type Answer, json, message } from './http';
import { dateWindow, envelope, serverTime } from './store';
import type { FakeMetrcTransferSeed } from './types';

/**
 * Incoming transfers (manifests) for the facility, as a test seeded them.
 * Shapes follow Metrc's transfer lists: one incoming row per delivery
 * carrying its DeliveryId (a seed may leave it out, so the client must ask
 * `/{id}/deliveries`), packages per delivery with ShippedQuantity and
 * ShippedUnitOfMeasureName. v1 answers bare arrays, v2 the envelope (pageSize ≤ 20).
 */
export class TransferStore {
  #rows: Array<FakeMetrcTransferSeed & { Id: number; DeliveryId: number; LastModified: string }> = [];

  set(seeds: readonly FakeMetrcTransferSeed[]): void {
    const now = serverTime();
    this.#rows = seeds.map((seed, index) => ({
      ...seed,
      Id: seed.Id ?? 1000 + index,
      DeliveryId: seed.DeliveryId ?? 5000 + index,
      LastModified: seed.LastModified ?? now,
    }));
  }

  incoming(params: URLSearchParams, version: 'v1' | 'v2'): Answer {
    const window = dateWindow(params.get('lastModifiedStart'), params.get('lastModifiedEnd'));
    if (window !== undefined && 'kind' in window) return window;
    const rows = this.#rows
      .filter((t) => window === undefined || window.includes(t.LastModified))
      .map((t) => ({
        Id: t.Id,
        ManifestNumber: t.ManifestNumber,
        ShipmentLicenseType: 'Licensed',
        ShipperFacilityLicenseNumber: t.ShipperFacilityLicenseNumber ?? 'C11-0000574-LIC',
        ShipperFacilityName: t.ShipperFacilityName ?? 'Fake Distributor LLC',
        ...(t.omitDeliveryId === true ? {} : { DeliveryId: t.DeliveryId }),
        DeliveryCount: 1,
        PackageCount: t.packages.length,
        ReceivedPackageCount: 0,
        CreatedDateTime: t.LastModified,
        LastModified: t.LastModified,
      }));
    return version === 'v1' ? json(200, rows) : envelope(rows, params);
  }

  deliveries(transferId: number, params: URLSearchParams, version: 'v1' | 'v2'): Answer {
    const transfer = this.#rows.find((t) => t.Id === transferId);
    // An id that is not this facility's: 401, as Metrc answers.
    if (transfer === undefined) return message(401, 'Authorization has been denied for this request.');
    const rows = [
      { Id: transfer.DeliveryId, RecipientFacilityLicenseNumber: 'the facility', PlannedRoute: '', EstimatedArrivalDateTime: transfer.LastModified },
    ];
    return version === 'v1' ? json(200, rows) : envelope(rows, params);
  }

  packages(deliveryId: number, params: URLSearchParams, version: 'v1' | 'v2'): Answer {
    const transfer = this.#rows.find((t) => t.DeliveryId === deliveryId);
    if (transfer === undefined) return message(401, 'Authorization has been denied for this request.');
    const rows = transfer.packages.map((p, index) => ({
      PackageId: p.PackageId ?? deliveryId * 100 + index,
      PackageLabel: p.PackageLabel,
      PackageType: 'Product',
      ItemName: p.ItemName,
      ItemCategoryName: p.ItemCategoryName ?? 'Buds',
      ItemStrainName: p.ItemStrainName ?? null,
      LabTestingState: p.LabTestingState ?? 'TestPassed',
      PackagedDate: p.PackagedDate ?? '2026-11-01',
      ShippedQuantity: p.ShippedQuantity,
      ShippedUnitOfMeasureName: p.ShippedUnitOfMeasureName,
      ReceivedQuantity: null,
      ReceivedUnitOfMeasureName: null,
      ShipmentPackageState: 'Shipped',
    }));
    return version === 'v1' ? json(200, rows) : envelope(rows, params);
  }
}
