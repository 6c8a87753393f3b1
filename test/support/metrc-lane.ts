import type Database from 'better-sqlite3';
import type { RegisterDb } from '../../src/main/platform/db/open';
import { Dispatcher } from '../../src/main/features/sync/dispatcher';
import { metrcLane } from '../../src/main/features/sync/metrc-lane';
import { testPiiKeys } from './temp-db';

/** The keys and licence every test's fake Metrc accepts. */
export const testMetrcCredentials = { vendorKey: 'vendor-key-0001', userKey: 'user-key-0001', licenseNumber: 'C10-0000786-LIC' } as const;

/** Backoff and breaker timings in milliseconds, so a test's outage lasts a moment. */
export const fastSync = {
  retry: { initialDelayMs: 5, maxDelayMs: 200 },
  breaker: { failures: 2, halfOpenAfterMs: 20, maxHalfOpenAfterMs: 200 },
  idlePollMs: 20,
} as const;

/** A dispatcher for the traceability lane against a fake Metrc, built the way the register builds it. */
export function testMetrcDispatcher(db: RegisterDb, url: string, options: { apiVersion?: 'v1' | 'v2'; timeoutMs?: number } = {}): Dispatcher {
  const lane = metrcLane({ baseUrl: url, apiVersion: options.apiVersion ?? 'v2', timeoutMs: options.timeoutMs ?? 2_000, ...testMetrcCredentials }, testPiiKeys);
  return new Dispatcher({ db, adapters: [lane], ...fastSync });
}

export interface MetrcOutboxRow {
  readonly id: number;
  readonly kind: string;
  readonly saleId: string;
  readonly status: string;
  readonly error: string | null;
}

/** The traceability lane's outbox, in order. */
export function metrcOutboxRows(sqlite: Database.Database): MetrcOutboxRow[] {
  return sqlite
    .prepare("SELECT id, kind, aggregate_id AS saleId, status, last_error AS error FROM outbox WHERE destination = 'metrc' ORDER BY id")
    .all() as MetrcOutboxRow[];
}
