import { z } from 'zod';
import { AppError } from '../../../shared/errors';
import { DestinationUnavailable, type ItemOutcome, type LaneAdapter, type OutboxItem } from '../../../shared/sync/lane';
import { STORE_LANE } from '../sync/lanes';
import { parseOutboxMessage } from '../sync/outbox-messages';
import type { StoreLinkMonitor } from './store-connection';
import { StoreUnreachable } from './store-client';

const applied = z.object({ applied: z.boolean(), incidents: z.number() });

/**
 * The store lane: each sale, void and stock move this register made goes to
 * the store server as a command under its own key. The server applies a key
 * once, so a command sent again after a crash or a lost answer changes
 * nothing — the lane may always resend. Items go in order, several per
 * pass; an unreachable server stops the pass and keeps the rest queued.
 */
export class StoreLane implements LaneAdapter {
  readonly destination = STORE_LANE;
  readonly batchSize = 50;
  readonly #link: StoreLinkMonitor;

  constructor(link: StoreLinkMonitor) {
    this.#link = link;
  }

  async deliver(items: readonly OutboxItem[]): Promise<ReadonlyMap<number, ItemOutcome>> {
    const outcomes = new Map<number, ItemOutcome>();
    const client = this.#link.client();
    for (const item of items) {
      if (client === null) {
        outcomes.set(item.id, { status: 'retry', error: 'This register is not paired with a store server.' });
        continue;
      }
      const parsed = parseOutboxMessage('store.command', item.payload);
      if (!parsed.ok) {
        outcomes.set(item.id, { status: 'dead', error: parsed.error });
        continue;
      }
      try {
        await client.call('POST', '/v1/commands', parsed.message, applied);
        outcomes.set(item.id, { status: 'done' });
      } catch (error) {
        if (error instanceof StoreUnreachable) {
          const unavailable = new DestinationUnavailable('unreachable', error.message, { maybeDelivered: true });
          outcomes.set(item.id, { status: 'retry', error: error.message, unavailable });
          break;
        }
        // The server refused the command as such (a bad payload): retrying the same data cannot help.
        outcomes.set(item.id, { status: 'dead', error: error instanceof AppError ? `${error.code}: ${error.message}` : String(error) });
      }
    }
    return outcomes;
  }

  async probe(): Promise<void> {
    const client = this.#link.client();
    if (client === null) throw new DestinationUnavailable('unreachable', 'This register is not paired with a store server.', { maybeDelivered: false });
    try {
      await client.call('GET', '/v1/health', undefined, z.object({ ok: z.boolean() }));
    } catch (error) {
      throw new DestinationUnavailable('unreachable', error instanceof Error ? error.message : String(error), { maybeDelivered: false });
    }
  }
}
