import { noAnswer } from '../../../../shared/sync/network-failure';
import { retryAfterMs } from '../../../../shared/sync/retry-after';
import { DestinationUnavailable, PermanentRefusal, type ItemOutcome, type LaneAdapter, type OutboxItem } from '../../../../shared/sync/lane';
import { LOYALTY_FEED_LANE } from '../lanes';
import type { LoyaltyFeedSettings } from './settings';

const NAME = 'The loyalty platform (Alpine IQ)';

/**
 * The loyalty platform's POS feed, one request per outbox item, in order:
 * `member.create_update` → POST {base}/createUpdateMember, `sale.create_update`
 * → POST {base}/createUpdateSale, header `X-APIKEY`. Both are create-or-update
 * keyed by the register's own member and sale ids, so an item whose outcome is
 * unknown (timeout, reset, 5xx) is simply sent again.
 *
 * ⚠ verify against Alpine IQ's published API before a store relies on it: the
 * operation names and the header come from ../shared/reference/orders.md
 * (secondary source); the base URL is the store's setting so the exact path
 * prefix can follow the account's documentation without a code change.
 */
export class AlpineIqLane implements LaneAdapter {
  readonly destination = LOYALTY_FEED_LANE;
  readonly batchSize = 10;
  readonly #settings: LoyaltyFeedSettings;
  readonly #timeoutMs: number;

  constructor(settings: LoyaltyFeedSettings, options: { timeoutMs?: number } = {}) {
    this.#settings = settings;
    this.#timeoutMs = options.timeoutMs ?? 15_000;
  }

  async probe(): Promise<void> {
    await this.#post('createUpdateMember', { probe: true });
  }

  async deliver(items: readonly OutboxItem[]): Promise<ReadonlyMap<number, ItemOutcome>> {
    const outcomes = new Map<number, ItemOutcome>();
    for (const item of items) {
      const operation = item.kind === 'member.create_update' ? 'createUpdateMember' : item.kind === 'sale.create_update' ? 'createUpdateSale' : null;
      if (operation === null) {
        outcomes.set(item.id, { status: 'dead', error: `Unknown loyalty feed item “${item.kind}”.` });
        continue;
      }
      try {
        await this.#post(operation, item.payload);
        outcomes.set(item.id, { status: 'done' });
      } catch (error) {
        if (error instanceof PermanentRefusal) {
          outcomes.set(item.id, { status: 'dead', error: error.message });
          continue;
        }
        if (!(error instanceof DestinationUnavailable)) throw error;
        // The rest waits, in order, for the platform to answer again.
        for (const rest of items) if (!outcomes.has(rest.id)) outcomes.set(rest.id, { status: 'retry', error: error.message, unavailable: error });
        break;
      }
    }
    return outcomes;
  }

  async #post(operation: string, payload: unknown): Promise<void> {
    let response: Response;
    try {
      response = await fetch(`${this.#settings.baseUrl.replace(/\/+$/, '')}/${operation}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-apikey': this.#settings.apiKey },
        body: JSON.stringify(payload),
        redirect: 'manual',
        signal: AbortSignal.timeout(this.#timeoutMs),
      });
    } catch (error) {
      throw noAnswer(NAME, error, { write: true });
    }
    let text = '';
    try {
      text = await response.text();
    } catch (error) {
      throw noAnswer(NAME, error, { write: true, afterHeaders: true });
    }
    const status = response.status;
    if (status >= 200 && status < 300) return;
    const message = text.trim().slice(0, 300) || `HTTP ${status}`;
    if (status === 429)
      throw new DestinationUnavailable('rate_limited', `${NAME} is rate limiting the register: ${message}`, {
        retryAfterMs: retryAfterMs(response.headers.get('retry-after')),
        maybeDelivered: false,
      });
    if (status === 408 || status >= 500)
      throw new DestinationUnavailable('server_error', `${NAME} answered ${status}: ${message}`, { retryAfterMs: undefined, maybeDelivered: status !== 408 });
    if (status === 401 || status === 403)
      throw new PermanentRefusal(
        'LOYALTY_FEED_UNAUTHORIZED',
        `${NAME} refused the API key (${status}). Enter the key from the Alpine IQ account again, then retry these items.`,
      );
    throw new PermanentRefusal('LOYALTY_FEED_REFUSED', `${NAME} refused this item (${status}: ${message}).`);
  }
}
