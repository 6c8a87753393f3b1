import { MENU_LANE } from '../lanes';
import { DestinationUnavailable, PermanentRefusal, type ItemOutcome, type LaneAdapter, type OutboxItem } from '../../../../shared/sync/lane';
import { menuEvent, type MenuEvent, type MenuWebhookBody } from './events';
import { MenuWebhook, type MenuWebhookOptions } from './webhook';

export interface MenuLaneOptions extends MenuWebhookOptions {
  readonly storeId: string;
  /** Events per POST. */
  readonly batchSize?: number;
}

type Pending = { readonly item: OutboxItem; readonly event: MenuEvent };

/**
 * The online menu lane: stock changes POSTed as signed webhook batches.
 * Every event has a stable id and receivers dedupe by it, so anything whose
 * outcome is unknown (timeout, reset, 5xx) is simply sent again: the menu
 * applies each change once. There is nothing to look up first, unlike Metrc.
 */
export class MenuLane implements LaneAdapter {
  readonly destination = MENU_LANE;
  readonly batchSize: number;
  readonly #webhook: MenuWebhook;
  readonly #storeId: string;

  constructor(options: MenuLaneOptions) {
    this.#webhook = new MenuWebhook(options);
    this.#storeId = options.storeId;
    this.batchSize = options.batchSize ?? 25;
  }

  /** A signed batch with no events: proves the address, the receiver and the secret in one cheap request. */
  async probe(): Promise<void> {
    await this.#webhook.post(this.#body([]));
  }

  async deliver(items: readonly OutboxItem[]): Promise<ReadonlyMap<number, ItemOutcome>> {
    const outcomes = new Map<number, ItemOutcome>();
    const batch: Pending[] = [];
    for (const item of items) {
      const built = menuEvent(item);
      if ('error' in built) outcomes.set(item.id, { status: 'dead', error: built.error });
      else batch.push({ item, event: built.event });
    }
    try {
      await this.#send(batch, outcomes);
    } catch (error) {
      if (!(error instanceof DestinationUnavailable)) throw error;
      // What the receiver already answered for stays settled; the rest waits for the destination.
      for (const item of items) if (!outcomes.has(item.id)) outcomes.set(item.id, { status: 'retry', error: error.message, unavailable: error });
    }
    return outcomes;
  }

  /** A batch refused as malformed is sent one event at a time, so one bad event never parks the others. */
  async #send(batch: readonly Pending[], outcomes: Map<number, ItemOutcome>): Promise<void> {
    if (batch.length === 0) return;
    try {
      const verdicts = await this.#webhook.post(this.#body(batch.map((p) => p.event)));
      for (const { item, event } of batch) {
        const verdict = verdicts.get(event.id);
        outcomes.set(
          item.id,
          verdict?.status === 'rejected'
            ? { status: 'dead', error: `The online menu refused this change: ${verdict.message ?? 'no reason given'}` }
            : { status: 'done' },
        );
      }
    } catch (error) {
      if (!(error instanceof PermanentRefusal)) throw error;
      if (error.code === 'MENU_VALIDATION' && batch.length > 1) {
        for (const single of batch) await this.#send([single], outcomes);
        return;
      }
      // A refused secret or a wrong address parks the batch with the fix in words, as the Metrc lane does with refused keys.
      for (const { item } of batch) outcomes.set(item.id, { status: 'dead', error: error.message });
    }
  }

  #body(events: readonly MenuEvent[]): MenuWebhookBody {
    return { version: 1, store: this.#storeId, events };
  }
}
