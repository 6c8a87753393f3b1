/** One outbox row as a destination adapter sees it. */
export interface OutboxItem {
  readonly id: number;
  readonly kind: string;
  readonly aggregateId: string;
  readonly payload: unknown;
  /** Including this attempt: above 1, an earlier attempt may have reached the destination. */
  readonly attempts: number;
  readonly firstAttemptAt: Date | null;
  /** When the change behind it was committed (a sale, void or return). */
  readonly createdAt: Date;
  /** What the destination returned for the item this one depends on (e.g. the receipt's Metrc Id). */
  readonly dependencyExternalIds: unknown;
  readonly dependencyPayload: unknown;
  /** Earlier items about the same thing in this lane (e.g. the returns before this one), oldest first. */
  readonly earlier: ReadonlyArray<{ readonly id: number; readonly kind: string; readonly payload: unknown }>;
}

export type ItemOutcome =
  | { readonly status: 'done'; readonly externalIds?: unknown; readonly confirmedByLookup?: boolean }
  | { readonly status: 'dead'; readonly error: string }
  | { readonly status: 'retry'; readonly error: string; readonly unavailable?: DestinationUnavailable };

/**
 * A destination (Metrc, an e-commerce menu, SMS). `deliver` gets a batch of
 * ready items in FIFO order and answers per item. When the destination
 * itself cannot be used right now it stops and answers `retry` with the
 * `DestinationUnavailable` it met (the circuit breaker counts those), keeping
 * what was already done.
 */
export interface LaneAdapter {
  readonly destination: string;
  /** Items per `deliver` call. */
  readonly batchSize: number;
  /**
   * The order the destination needs. `'lane'` (the default): first in, first
   * out across the whole lane, one batch at a time — the head waits out its
   * backoff and everything waits behind it. `'aggregate'`: only items about
   * the same thing keep their order — an item waits while the item it
   * depends on is not yet delivered, or while an earlier item of its
   * aggregate is out or waiting; the items behind it that do not depend on
   * it still fill the batch, and up to `inFlight` batches may be out at once.
   * Within one batch, `deliver` must keep the order of items of one aggregate.
   */
  readonly ordering?: 'lane' | 'aggregate';
  /** With `'aggregate'` ordering, how many batches may be out at once (default 1). */
  readonly inFlight?: number;
  deliver(items: readonly OutboxItem[]): Promise<ReadonlyMap<number, ItemOutcome>>;
  /** One cheap request that proves the destination answers again after an outage. */
  probe(): Promise<void>;
  /** A destination that relays further (the store server's Metrc reporter, issue #20): what it still owes, as it last said. */
  downstream?(): DownstreamBacklog | null;
}

/** What a relaying destination still owes the final one (counted in the register's backlog and reporting deadline). */
export interface DownstreamBacklog {
  /** It can deliver at all (the store server has the licence's Metrc keys). */
  readonly delivering: boolean;
  readonly pending: number;
  readonly parked: number;
  readonly oldestPendingAt: Date | null;
}

export type UnavailableReason = 'unreachable' | 'server_error' | 'rate_limited';

/** The destination cannot take work now; try again later. */
export class DestinationUnavailable extends Error {
  readonly reason: UnavailableReason;
  readonly retryAfterMs: number | undefined;
  /** The request may have reached the destination: look before sending again. */
  readonly maybeDelivered: boolean;

  constructor(reason: UnavailableReason, message: string, options: { readonly retryAfterMs?: number | undefined; readonly maybeDelivered: boolean }) {
    super(message);
    this.name = 'DestinationUnavailable';
    this.reason = reason;
    this.retryAfterMs = options.retryAfterMs;
    this.maybeDelivered = options.maybeDelivered;
  }
}

/** The destination refused the request for good: retrying the same data cannot help. */
/** One refused row of a batch, in the destination's words (Metrc's `[{row, message}]`). */
export interface RowError {
  readonly row: number;
  readonly message: string;
}

export class PermanentRefusal extends Error {
  readonly code: string;
  readonly rows: readonly RowError[];

  constructor(code: string, message: string, rows: readonly RowError[] = []) {
    super(message);
    this.name = 'PermanentRefusal';
    this.code = code;
    this.rows = rows;
  }
}
