import { AppError } from '../../../shared/errors';
import { DestinationUnavailable, type ItemOutcome, type LaneAdapter, type OutboxItem } from '../../../shared/sync/lane';
import { ORDERS_LANE } from '../sync/lanes';
import { parseOutboxMessage } from '../sync/outbox-messages';
import type { RelayClient } from './relay-client';
import { RelayUnreachable } from './relay-client';

/**
 * The orders lane: each online order's status change goes to the relay
 * under its own id (the relay applies an id once, so the lane may always
 * resend), in order; the relay sends it on to the platform. A relay that
 * cannot be reached stops the pass and keeps the rest queued. A status the
 * platform's order can no longer take (it was cancelled there, or is final)
 * is done: there is nothing to send any more.
 */
export class RelayOrdersLane implements LaneAdapter {
  readonly destination = ORDERS_LANE;
  readonly batchSize = 50;
  readonly #client: () => RelayClient | null;

  constructor(client: () => RelayClient | null) {
    this.#client = client;
  }

  async deliver(items: readonly OutboxItem[]): Promise<ReadonlyMap<number, ItemOutcome>> {
    const outcomes = new Map<number, ItemOutcome>();
    const client = this.#client();
    for (const item of items) {
      if (client === null) {
        outcomes.set(item.id, { status: 'retry', error: 'This register is not connected to an order relay.' });
        continue;
      }
      const parsed = parseOutboxMessage('order.status', item.payload);
      if (!parsed.ok) {
        outcomes.set(item.id, { status: 'dead', error: parsed.error });
        continue;
      }
      try {
        await client.status(parsed.message);
        outcomes.set(item.id, { status: 'done' });
      } catch (error) {
        if (error instanceof RelayUnreachable) {
          outcomes.set(item.id, {
            status: 'retry',
            error: error.message,
            unavailable: new DestinationUnavailable('unreachable', error.message, { maybeDelivered: true }),
          });
          break;
        }
        if (error instanceof AppError && (error.code === 'RELAY_STATUS_FINAL' || error.code === 'RELAY_STATUS_BACKWARDS')) {
          outcomes.set(item.id, { status: 'done', externalIds: { skipped: error.message } });
          continue;
        }
        outcomes.set(item.id, { status: 'dead', error: error instanceof AppError ? `${error.code}: ${error.message}` : String(error) });
      }
    }
    return outcomes;
  }

  async probe(): Promise<void> {
    const client = this.#client();
    if (client === null) throw new DestinationUnavailable('unreachable', 'This register is not connected to an order relay.', { maybeDelivered: false });
    try {
      await client.pull(Number.MAX_SAFE_INTEGER - 1, 1);
    } catch (error) {
      throw new DestinationUnavailable('unreachable', error instanceof Error ? error.message : String(error), { maybeDelivered: false });
    }
  }
}
