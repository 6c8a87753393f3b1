import { eq } from 'drizzle-orm';
import type { RegisterDb } from '../../platform/db/open';
import type { PiiKeys } from '../../platform/security/pii-crypto';
import { onlineOrderFeed } from '../../platform/db/schema';
import { applyRelayEvents, feedCursor, settleOrders } from './queue';
import type { RelayClient } from './relay-client';
import { pullInboundTexts, recordTextsFeedError, type TextsPass } from './inbound-text-feed';

export interface FeedPass {
  readonly pulled: number;
  readonly added: number;
  readonly cancelled: number;
  readonly completed: number;
  readonly expired: number;
  readonly error: string | null;
  /** Texts customers sent in, pulled in the same pass (only with the register's keys: the ledger seals numbers). */
  readonly texts?: TextsPass;
}

/**
 * The register's pull from the order relay: everything after its cursor,
 * page by page, each page entered with the new cursor in one transaction,
 * then the queue's clock (completions, expiries), then the texts customers
 * sent in (STOP, START…, inbound-text-feed.ts). Offline is normal: a pass
 * that cannot reach the relay records why and the next one carries on from
 * the same cursor; the queue's clock runs either way. `ordersFromStore`:
 * this register's store server pulls the store's orders (they arrive on the
 * read path, store-orders.ts), so only its texts are pulled here.
 */
export async function pullOrders(
  db: RegisterDb,
  client: RelayClient,
  now: () => Date,
  feedId = 'relay',
  keys: PiiKeys | null = null,
  ordersFromStore = false,
): Promise<FeedPass> {
  let pulled = 0;
  let added = 0;
  let cancelled = 0;
  let error: string | null = null;
  try {
    while (!ordersFromStore) {
      const page = await client.pull(feedCursor(db, feedId));
      if (page.events.length === 0) break;
      const applied = applyRelayEvents(db, feedId, page.events, page.next, now(), keys);
      pulled += page.events.length;
      added += applied.added;
      cancelled += applied.cancelled;
    }
  } catch (failure) {
    error = failure instanceof Error ? failure.message : String(failure);
    db.update(onlineOrderFeed).set({ lastError: error }).where(eq(onlineOrderFeed.id, feedId)).run();
  }
  const settled = settleOrders(db, now());
  let texts: TextsPass | undefined;
  if (keys !== null) {
    try {
      texts = await pullInboundTexts(db, client, keys, now);
    } catch (failure) {
      const why = failure instanceof Error ? failure.message : String(failure);
      recordTextsFeedError(db, why);
      error ??= why;
    }
  }
  return { pulled, added, cancelled, ...settled, error, ...(texts === undefined ? {} : { texts }) };
}

/** Pulls on a timer (and on demand); one pass at a time. */
export class OrderFeed {
  readonly #db: RegisterDb;
  readonly #client: () => RelayClient | null;
  readonly #now: () => Date;
  readonly #keys: PiiKeys | null;
  readonly #ordersFromStore: () => boolean;
  #timer: NodeJS.Timeout | null = null;
  #pass: Promise<FeedPass> | null = null;

  constructor(
    db: RegisterDb,
    client: () => RelayClient | null,
    now: () => Date = () => new Date(),
    keys: PiiKeys | null = null,
    ordersFromStore: () => boolean = () => false,
  ) {
    this.#db = db;
    this.#ordersFromStore = ordersFromStore;
    this.#keys = keys;
    this.#client = client;
    this.#now = now;
  }

  start(intervalMs = 15_000): void {
    this.#timer = setInterval(() => void this.pullNow().catch(() => undefined), intervalMs);
    this.#timer.unref();
  }

  pullNow(): Promise<FeedPass> {
    const client = this.#client();
    if (client === null) return Promise.resolve({ pulled: 0, added: 0, cancelled: 0, ...settleOrders(this.#db, this.#now()), error: 'not connected' });
    this.#pass ??= pullOrders(this.#db, client, this.#now, 'relay', this.#keys, this.#ordersFromStore()).finally(() => (this.#pass = null));
    return this.#pass;
  }

  stop(): void {
    if (this.#timer !== null) clearInterval(this.#timer);
  }
}
