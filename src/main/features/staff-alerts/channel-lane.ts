import { eq } from 'drizzle-orm';
import type { RegisterDb } from '../../platform/db/open';
import { staffAlerts } from '../../platform/db/schema';
import { DestinationUnavailable, type ItemOutcome, type LaneAdapter, type OutboxItem } from '../../../shared/sync/lane';
import { STAFF_ALERTS_LANE } from '../sync/lanes';
import { parseOutboxMessage } from '../sync/outbox-messages';
import { greentillSignature } from '../sync/menu/signature';

const TIMEOUT_MS = 15_000;

/**
 * The staff channel's lane (issue #21): each alert once to the store's
 * webhook (a chat bridge, a pager, the owner's phone gateway), signed like
 * every Greentill webhook — `X-Greentill-Timestamp`, `X-Greentill-Signature:
 * sha256=<hex HMAC-SHA256 of "<timestamp>.<body>">` — with the alert's id as
 * `Idempotency-Key` and in the body, the same on every retry. Body:
 * `{ version: 1, id, kind, title, detail, raisedAt }`. 2xx: done; 408, 429,
 * 5xx or no answer: retried; other answers park the alert on the Sync screen.
 */
export class StaffAlertLane implements LaneAdapter {
  readonly destination = STAFF_ALERTS_LANE;
  readonly batchSize = 10;
  readonly #db: RegisterDb;
  readonly #channel: () => { url: string; secret: string } | null;
  readonly #now: () => Date;

  constructor(options: { db: RegisterDb; channel: () => { url: string; secret: string } | null; now?: () => Date }) {
    this.#db = options.db;
    this.#channel = options.channel;
    this.#now = options.now ?? (() => new Date());
  }

  async deliver(items: readonly OutboxItem[]): Promise<ReadonlyMap<number, ItemOutcome>> {
    const outcomes = new Map<number, ItemOutcome>();
    for (const item of items) {
      const parsed = parseOutboxMessage('staff_alert.send', item.payload);
      if (!parsed.ok) {
        outcomes.set(item.id, { status: 'dead', error: parsed.error });
        continue;
      }
      const alert = this.#db.select().from(staffAlerts).where(eq(staffAlerts.id, parsed.message.alertId)).get();
      if (alert === undefined) {
        outcomes.set(item.id, { status: 'dead', error: `No staff alert ${parsed.message.alertId}.` });
        continue;
      }
      const channel = this.#channel();
      if (channel === null) {
        outcomes.set(item.id, { status: 'retry', error: 'No staff channel is set up for this store.' });
        continue;
      }
      const body = JSON.stringify({
        version: 1,
        id: alert.id,
        kind: alert.kind,
        title: alert.title,
        detail: alert.detail,
        raisedAt: alert.raisedAt.toISOString(),
      });
      const timestamp = Math.floor(this.#now().getTime() / 1000);
      let res: Response;
      try {
        res = await fetch(channel.url, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            'idempotency-key': alert.id,
            'x-greentill-timestamp': String(timestamp),
            'x-greentill-signature': greentillSignature(channel.secret, timestamp, body),
          },
          body,
          redirect: 'manual',
          signal: AbortSignal.timeout(TIMEOUT_MS),
        });
        await res.arrayBuffer();
      } catch (error) {
        const unavailable = new DestinationUnavailable(
          'unreachable',
          `The staff channel cannot be reached: ${error instanceof Error ? error.message : String(error)}`,
          {
            maybeDelivered: true,
          },
        );
        outcomes.set(item.id, { status: 'retry', error: unavailable.message, unavailable });
        break;
      }
      if (res.ok) {
        outcomes.set(item.id, { status: 'done' });
        continue;
      }
      if (res.status === 408 || res.status === 429 || res.status >= 500) {
        const unavailable = new DestinationUnavailable(res.status === 429 ? 'rate_limited' : 'server_error', `The staff channel answered ${res.status}.`, {
          maybeDelivered: true,
        });
        outcomes.set(item.id, { status: 'retry', error: unavailable.message, unavailable });
        break;
      }
      outcomes.set(item.id, { status: 'dead', error: `The staff channel refused the alert (${res.status}): check its address and secret.` });
    }
    return outcomes;
  }

  async probe(): Promise<void> {
    if (this.#channel() === null) throw new DestinationUnavailable('unreachable', 'No staff channel is set up for this store.', { maybeDelivered: false });
  }
}
