import { type Answer, json } from './http';
import { dateWindow, envelope, serverTime } from './store';
import type { FakeMetrcPackage, FakeMetrcPackageSeed } from './types';

/** The facility's packages as a test seeded them. */
export class PackageStore {
  #rows: FakeMetrcPackage[] = [];

  set(seeds: readonly FakeMetrcPackageSeed[]): void {
    const now = serverTime();
    this.#rows = seeds.map((seed, index) => ({
      Id: index + 1,
      PackageType: 'Product',
      PackagedDate: '2026-08-01',
      LabTestingState: 'TestPassed',
      IsOnHold: false,
      IsFinished: false,
      ArchivedDate: null,
      LastModified: now,
      ...seed,
      Item: { Name: `Item ${seed.Label}`, ProductCategoryName: 'Buds', ...seed.Item },
    }));
  }

  all(): FakeMetrcPackage[] {
    return this.#rows.map((p) => structuredClone(p));
  }

  /**
   * GET .../packages/active: neither finished nor archived, in seed order. An optional lastModified
   * window (≤ 24 h) filters as the receipt lists do; v1 answers a bare array, v2 the envelope
   * (pageSize ≤ 20, unpaged without pageSize).
   */
  active(params: URLSearchParams, version: 'v1' | 'v2'): Answer {
    const window = dateWindow(params.get('lastModifiedStart'), params.get('lastModifiedEnd'));
    if (window !== undefined && 'kind' in window) return window;
    const rows = this.#rows
      .filter((p) => !p.IsFinished && p.ArchivedDate === null && (window === undefined || window.includes(p.LastModified)))
      .map((p) => structuredClone(p));
    return version === 'v1' ? json(200, rows) : envelope(rows, params);
  }
}
