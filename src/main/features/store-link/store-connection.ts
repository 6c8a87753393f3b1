import { z } from 'zod';
import {
  balanceHoldResponseSchema,
  leaseResponseSchema,
  reserveResponseSchema,
  type BalanceHoldRequest,
  type BalanceHoldResponse,
  type ReserveRequest,
  type ReserveResponse,
} from '../../../shared/contract/store-server';
import { DEFAULT_ISOLATION_POLICY, type StoreIsolationPolicy } from '../../../shared/domain/compliance/isolation-policy';
import type { RegisterDb } from '../../platform/db/open';
import type { PiiKeys } from '../../platform/security/pii-crypto';
import { logger } from '../../platform/logging/logger';
import { loadStoreLink, recordContact, storeLinkView } from './link-settings';
import { StoreClient, StoreUnreachable } from './store-client';
import { StoreReads } from './store-reads';
import type { StoreRowApplier } from './store-read-tables';
import type { DownstreamBacklog } from '../../../shared/sync/lane';

/** Before the first answer: how long a register waits before it counts itself isolated. */
const DEFAULT_LEASE_MS = 5_000;

export interface StoreLinkState {
  readonly linked: boolean;
  /** Connected: the server answered within its lease. Isolated: paired, and it has not. */
  readonly mode: 'single' | 'connected' | 'isolated';
  readonly isolation: StoreIsolationPolicy;
  readonly designated: boolean;
  readonly configVersion: number;
  /** This register's clock minus the server's, at the last lease (ms). */
  readonly skewMs: number | null;
}

/** What the core asks of the store server: nothing at all on a single register. */
export interface StoreLinkMonitor {
  state(): StoreLinkState;
  /** Holds a cart's limits across the store; `StoreUnreachable` when it cannot be asked. */
  reserve(request: ReserveRequest): Promise<ReserveResponse>;
  /** Holds the points or store credit a cart spends across the store; `StoreUnreachable` when it cannot be asked. */
  holdBalances(request: BalanceHoldRequest): Promise<BalanceHoldResponse>;
  /** Gives back what a cart held (its limits, points and credit). */
  release(saleKey: string): Promise<void>;
  /** The pairing changed: reconnect with the new link. */
  relink(): void;
  /** The client for the store lane (null when unpaired). */
  client(): StoreClient | null;
  /** What the store's Metrc reporter still owes, as the last lease said (null: unpaired, or not told yet). */
  metrcBacklog(): DownstreamBacklog | null;
}

/**
 * This register's connection to its store server: renews the lease every
 * third of it, and counts itself isolated once a whole lease passes with no
 * answer (measured on the monotonic clock: a wall-clock jump neither
 * isolates nor reconnects a register). Every answer is kept in the
 * database, so a register restarted while cut off still follows the
 * store's isolation policy.
 */
export class StoreConnection implements StoreLinkMonitor {
  readonly #db: RegisterDb;
  readonly #keys: PiiKeys;
  #client: StoreClient | null = null;
  #timer: ReturnType<typeof setTimeout> | null = null;
  #leaseMs = DEFAULT_LEASE_MS;
  /** performance.now() of the last answer; null: none since start. */
  #lastAnswer: number | null = null;
  #skewMs: number | null = null;
  #metrc: DownstreamBacklog | null = null;
  #stopped = false;
  /** The read path (prices from the store server), when the pairing gave one. */
  readonly #reads: StoreReads;

  /** `renew: false` (support commands): no lease is kept, so the running register's is not disturbed. */
  constructor(db: RegisterDb, keys: PiiKeys, options: { readonly renew?: boolean; readonly tables?: Readonly<Record<string, StoreRowApplier>> } = {}) {
    this.#db = db;
    this.#keys = keys;
    this.#stopped = options.renew === false;
    this.#reads = new StoreReads(db, keys, options.tables);
    this.relink();
  }

  relink(): void {
    this.#client?.close();
    const link = loadStoreLink(this.#db, this.#keys);
    this.#client = link === null ? null : new StoreClient(link);
    this.#lastAnswer = null;
    if (this.#client !== null && this.#timer === null && !this.#stopped) this.#schedule(0);
    if (!this.#stopped) void this.#reads.restart();
  }

  client(): StoreClient | null {
    return this.#client;
  }

  metrcBacklog(): DownstreamBacklog | null {
    return this.#client === null ? null : this.#metrc;
  }

  state(): StoreLinkState {
    const view = this.#client === null ? null : storeLinkView(this.#db);
    if (view === null) return { linked: false, mode: 'single', isolation: DEFAULT_ISOLATION_POLICY, designated: false, configVersion: 0, skewMs: null };
    const connected = this.#lastAnswer !== null && performance.now() - this.#lastAnswer <= this.#leaseMs;
    return {
      linked: true,
      mode: connected ? 'connected' : 'isolated',
      isolation: view.isolation,
      designated: view.designated,
      configVersion: view.configVersion,
      skewMs: this.#skewMs,
    };
  }

  reserve(request: ReserveRequest): Promise<ReserveResponse> {
    return this.#hold('/v1/reservations', request, reserveResponseSchema);
  }

  holdBalances(request: BalanceHoldRequest): Promise<BalanceHoldResponse> {
    return this.#hold('/v1/balances/hold', request, balanceHoldResponseSchema);
  }

  /** A hold asked of the store server before payment: an answer is also a sign of life, as a lease's is. */
  async #hold<T>(path: string, request: unknown, schema: z.ZodType<T>): Promise<T> {
    const client = this.#client;
    if (client === null) throw new StoreUnreachable('this register is not paired');
    const answer = await client.call('POST', path, request, schema);
    this.#lastAnswer = performance.now();
    return answer;
  }

  async release(saleKey: string): Promise<void> {
    await this.#client?.call('POST', '/v1/reservations/release', { saleId: saleKey }, z.object({ released: z.boolean() }));
  }

  async renew(): Promise<void> {
    const client = this.#client;
    if (client === null) return;
    const sent = Date.now();
    const answer = await client.call('POST', '/v1/lease', {}, leaseResponseSchema, Math.max(500, Math.floor(this.#leaseMs / 2)));
    const received = Date.now();
    this.#lastAnswer = performance.now();
    this.#leaseMs = answer.leaseMs;
    this.#skewMs = Math.round((sent + received) / 2 - new Date(answer.serverTime).getTime());
    this.#metrc =
      answer.metrc === undefined
        ? null
        : {
            delivering: answer.metrc.reporting,
            pending: answer.metrc.queued,
            parked: answer.metrc.parked,
            oldestPendingAt: answer.metrc.oldestQueuedAt === null ? null : new Date(answer.metrc.oldestQueuedAt),
          };
    recordContact(this.#db, {
      at: new Date(received),
      isolation: answer.isolation,
      configVersion: answer.configVersion,
      designated: answer.designated,
      ordersPulled: answer.ordersPulled ?? false,
    });
  }

  #schedule(delayMs: number): void {
    this.#timer = setTimeout(() => {
      this.renew()
        .catch((error: unknown) => {
          if (!(error instanceof StoreUnreachable)) logger.warn({ err: error }, 'store server: lease not renewed');
        })
        .finally(() => {
          this.#timer = null;
          if (!this.#stopped && this.#client !== null) this.#schedule(Math.floor(this.#leaseMs / 3));
        });
    }, delayMs);
    this.#timer.unref();
  }

  async stop(): Promise<void> {
    if (this.#stopped) {
      this.#client?.close();
      return;
    }
    this.#stopped = true;
    if (this.#timer !== null) clearTimeout(this.#timer);
    this.#timer = null;
    await this.#reads.stop();
    // A clean sign-off: a register switched off is not an isolated one.
    await this.#client?.call('POST', '/v1/lease/end', {}, z.object({ ended: z.boolean() }), 1_000).catch(() => undefined);
    this.#client?.close();
  }
}

export const storeNotLinked: StoreLinkMonitor = {
  state: () => ({ linked: false, mode: 'single', isolation: DEFAULT_ISOLATION_POLICY, designated: false, configVersion: 0, skewMs: null }),
  reserve: () => Promise.reject(new StoreUnreachable('this register is not paired')),
  holdBalances: () => Promise.reject(new StoreUnreachable('this register is not paired')),
  release: () => Promise.resolve(),
  relink: () => undefined,
  client: () => null,
  metrcBacklog: () => null,
};
