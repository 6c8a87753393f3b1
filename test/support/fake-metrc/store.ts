import { type Answer, json, message } from './http';
import type { FakeMetrcReceipt } from './types';
import type { ValidReceipt } from './validate';

const DAY_MS = 24 * 60 * 60 * 1000;
const MAX_PAGE_SIZE = 20;

/** Server timestamps carry an explicit offset, like Metrc's `...+00:00`. */
export function serverTime(): string {
  return new Date().toISOString().replace('Z', '+00:00');
}

/** ISO-8601 instant; without an offset it is read as UTC so results do not depend on the test machine's zone. */
function parseInstant(value: string): number {
  const withZone = /T/.test(value) && !/(Z|[+-]\d{2}:?\d{2})$/i.test(value) ? `${value}Z` : value;
  return /^\d{4}-\d{2}-\d{2}/.test(value) ? Date.parse(withZone) : Number.NaN;
}

function totals(lines: ReadonlyArray<Record<string, unknown>>): { TotalPackages: number; TotalPrice: number } {
  const labels = new Set(lines.map((l) => l['PackageLabel']));
  const cents = lines.reduce((sum, l) => sum + Math.round(Number(l['TotalAmount']) * 100), 0);
  return { TotalPackages: labels.size, TotalPrice: cents / 100 };
}

export class ReceiptStore {
  readonly #byId = new Map<number, FakeMetrcReceipt>();
  #nextId = 1;

  add(valid: ValidReceipt): number {
    const id = this.#nextId++;
    const now = serverTime();
    this.#byId.set(id, {
      Id: id,
      ReceiptNumber: String(id),
      ExternalReceiptNumber: valid.ExternalReceiptNumber,
      SalesDateTime: valid.SalesDateTime,
      SalesCustomerType: valid.SalesCustomerType,
      PatientLicenseNumber: valid.PatientLicenseNumber,
      CaregiverLicenseNumber: valid.CaregiverLicenseNumber,
      Transactions: valid.Transactions,
      ArchivedDate: null,
      LastModified: now,
      RecordedDateTime: now,
      IsFinal: false,
      ...totals(valid.Transactions),
    });
    return id;
  }

  has(id: number): boolean {
    return this.#byId.has(id);
  }

  /** Replaces the editable fields; an omitted ExternalReceiptNumber keeps the stored one. */
  update(id: number, valid: ValidReceipt): void {
    const r = this.#byId.get(id);
    if (!r) return;
    Object.assign(r, {
      ExternalReceiptNumber: valid.ExternalReceiptNumber || r.ExternalReceiptNumber,
      SalesDateTime: valid.SalesDateTime,
      SalesCustomerType: valid.SalesCustomerType,
      PatientLicenseNumber: valid.PatientLicenseNumber,
      CaregiverLicenseNumber: valid.CaregiverLicenseNumber,
      Transactions: valid.Transactions,
      LastModified: serverTime(),
      ...totals(valid.Transactions),
    });
  }

  /** Idempotent: a second void keeps the first ArchivedDate. */
  archive(id: number): boolean {
    const r = this.#byId.get(id);
    if (!r) return false;
    if (r.ArchivedDate === null) {
      r.ArchivedDate = serverTime();
      r.LastModified = r.ArchivedDate;
    }
    return true;
  }

  setFinal(id: number, final: boolean): void {
    const r = this.#byId.get(id);
    if (r && r.IsFinal !== final) {
      r.IsFinal = final;
      r.LastModified = serverTime();
    }
  }

  get(id: number): FakeMetrcReceipt | undefined {
    const r = this.#byId.get(id);
    return r && structuredClone(r);
  }

  /** The most recent receipt with that number: duplicates are stored, as Metrc does. */
  byExternal(external: string): FakeMetrcReceipt | undefined {
    const matches = [...this.#byId.values()].filter((r) => r.ExternalReceiptNumber === external);
    const last = matches[matches.length - 1];
    return last && structuredClone(last);
  }

  all(): FakeMetrcReceipt[] {
    return [...this.#byId.values()].map((r) => structuredClone(r));
  }

  /**
   * GET .../receipts/active|inactive. Active = neither voided nor finalized. Either the lastModified pair
   * or the salesDate pair (never both, each pair complete, ≤ 24 h); v2 pages with pageSize ≤ 20.
   */
  list(which: 'active' | 'inactive', params: URLSearchParams, version: 'v1' | 'v2', withTransactions: boolean): Answer {
    const lastModified = ['lastModifiedStart', 'lastModifiedEnd'].map((k) => params.get(k));
    const salesDate = ['salesDateStart', 'salesDateEnd'].map((k) => params.get(k));
    const present = (pair: Array<string | null>) => pair.some((v) => v !== null);
    if (present(lastModified) && present(salesDate)) return message(400, 'Specify either the last modified or the sales date range, not both.');
    let filter: (r: FakeMetrcReceipt) => boolean = () => true;
    for (const [pair, field] of [
      [lastModified, 'LastModified'],
      [salesDate, 'SalesDateTime'],
    ] as const) {
      const window = dateWindow(pair[0] ?? null, pair[1] ?? null);
      if (window === undefined) continue;
      if ('kind' in window) return window;
      filter = (r) => window.includes(r[field]);
    }
    const wanted = (r: FakeMetrcReceipt) => (r.ArchivedDate === null && !r.IsFinal) === (which === 'active');
    const rows = [...this.#byId.values()]
      .filter((r) => wanted(r) && filter(r))
      .map((r) => ({ ...structuredClone(r), ...(withTransactions ? {} : { Transactions: [] }) }));
    if (version === 'v1') return json(200, rows);
    return envelope(rows, params);
  }
}

/**
 * A start/end pair from the query string as a filter on a timestamp: undefined when neither is given,
 * else the 400 Metrc answers for a half pair, an unreadable date, an end before the start or more than 24 hours.
 */
export function dateWindow(startText: string | null, endText: string | null): { includes: (value: string) => boolean } | Answer | undefined {
  if (startText === null && endText === null) return undefined;
  const [start, end] = [startText, endText].map((v) => (v === null ? Number.NaN : parseInstant(v)));
  if (start === undefined || end === undefined || Number.isNaN(start) || Number.isNaN(end)) return message(400, 'The date range needs a valid start and end.');
  if (end < start) return message(400, 'The end of the date range is before its start.');
  if (end - start > DAY_MS) return message(400, 'The date range may not exceed 24 hours.');
  return {
    includes: (value) => {
      const t = parseInstant(value);
      return t >= start && t <= end;
    },
  };
}

/** v2 list envelope; without pageSize the list is unpaged (one page holding everything). */
export function envelope(rows: readonly unknown[], params: URLSearchParams): Answer {
  const sizeParam = params.get('pageSize');
  const numberParam = params.get('pageNumber');
  if (sizeParam === null) {
    return json(200, {
      Data: rows,
      Total: rows.length,
      TotalRecords: rows.length,
      PageSize: rows.length,
      RecordsOnPage: rows.length,
      Page: 1,
      CurrentPage: 1,
      TotalPages: rows.length === 0 ? 0 : 1,
    });
  }
  const size = Number(sizeParam);
  const page = numberParam === null ? 1 : Number(numberParam);
  if (!Number.isInteger(size) || size < 1 || size > MAX_PAGE_SIZE) return message(400, `pageSize must be between 1 and ${MAX_PAGE_SIZE}.`);
  if (!Number.isInteger(page) || page < 1) return message(400, 'pageNumber must be 1 or more.');
  const data = rows.slice((page - 1) * size, page * size);
  return json(200, {
    Data: data,
    Total: rows.length,
    TotalRecords: rows.length,
    PageSize: size,
    RecordsOnPage: data.length,
    Page: page,
    CurrentPage: page,
    TotalPages: Math.ceil(rows.length / size),
  });
}
