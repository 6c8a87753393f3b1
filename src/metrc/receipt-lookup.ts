import { PermanentRefusal } from '../shared/sync/lane';
import type { MetrcHttp } from './http';

export interface FoundReceipt {
  readonly Id: number;
  readonly ExternalReceiptNumber: string;
}

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Is our sale already in Metrc? v2 asks by external number. v1 has no such
 * call: it pages through active receipts last modified since our first
 * attempt, in the ≤ 24 h windows Metrc allows.
 */
export async function findReceipt(
  http: MetrcHttp,
  version: 'v1' | 'v2',
  externalNumber: string,
  since: Date,
  now: Date = new Date(),
): Promise<FoundReceipt | null> {
  if (version === 'v2') return findByExternalNumber(http, externalNumber);
  return findInWindows(http, externalNumber, since, now);
}

async function findByExternalNumber(http: MetrcHttp, externalNumber: string): Promise<FoundReceipt | null> {
  const response = await http.get(`/sales/v2/receipts/external/${encodeURIComponent(externalNumber)}`);
  if (response.status === 404) return null;
  // How Metrc answers a miss is not documented: accept an empty body, an empty list or an envelope too.
  return pick(response.body, externalNumber);
}

async function findInWindows(http: MetrcHttp, externalNumber: string, since: Date, now: Date): Promise<FoundReceipt | null> {
  // A minute of slack either side for clock skew between us and Metrc.
  for (let start = since.getTime() - 60_000; start < now.getTime() + 60_000; start += DAY_MS) {
    const end = Math.min(start + DAY_MS, now.getTime() + 60_000);
    const found = pick(
      (await http.get('/sales/v1/receipts/active', { lastModifiedStart: new Date(start).toISOString(), lastModifiedEnd: new Date(end).toISOString() })).body,
      externalNumber,
    );
    if (found !== null) return found;
  }
  return null;
}

function pick(body: unknown, externalNumber: string): FoundReceipt | null {
  const candidates = Array.isArray(body) ? body : isEnvelope(body) ? body.Data : body === null || body === '' ? [] : [body];
  const matches = candidates.filter(
    (c): c is FoundReceipt =>
      typeof c === 'object' && c !== null && (c as FoundReceipt).ExternalReceiptNumber === externalNumber && typeof (c as FoundReceipt).Id === 'number',
  );
  if (matches.length === 0) {
    if (candidates.length > 0 && Array.isArray(body) === false && !isEnvelope(body)) {
      // One object that is not our receipt: an answer we do not understand — never guess "absent" and post twice.
      throw new PermanentRefusal(
        'METRC_UNEXPECTED_ANSWER',
        'Metrc answered the receipt lookup with something unexpected; the item is parked so it is not posted twice.',
      );
    }
    return null;
  }
  // Two matches means an earlier client posted twice; take the first and leave the rest to the reconciliation report.
  return matches[0] ?? null;
}

function isEnvelope(body: unknown): body is { Data: unknown[] } {
  return typeof body === 'object' && body !== null && Array.isArray((body as { Data?: unknown }).Data);
}
