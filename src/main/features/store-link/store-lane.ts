import { z } from 'zod';
import { AppError } from '../../../shared/errors';
import { DestinationUnavailable, type ItemOutcome, type LaneAdapter, type OutboxItem } from '../../../shared/sync/lane';
import { STORE_LANE } from '../sync/lanes';
import { parseOutboxMessage } from '../sync/outbox-messages';
import type { StoreLinkMonitor } from './store-connection';
import { StoreUnreachable, type StoreClient } from './store-client';
import type { StoreCommand } from '../../../shared/contract/store-server';
import type { RegisterDb } from '../../platform/db/open';
import type { PiiKeys } from '../../platform/security/pii-crypto';
import { isStoreRecordKind, storeRecordCommand } from './store-customers';

const applied = z.object({ applied: z.boolean(), incidents: z.number() });

/**
 * The store lane: each sale, void and stock move this register made goes to
 * the store server as a command under its own key (a customer's record,
 * points or credit made into one as it is sent). The server applies a key
 * once, so a command sent again after a crash or a lost answer changes
 * nothing — the lane may always resend. Items go in order, several per
 * pass; an unreachable server stops the pass and keeps the rest queued.
 */
export class StoreLane implements LaneAdapter {
  readonly destination = STORE_LANE;
  readonly batchSize = 50;
  readonly #link: StoreLinkMonitor;
  /** Where a customer's row is read when its item is sent, and the keys that open it (store-customers.ts). */
  readonly #records: { readonly db: RegisterDb; readonly keys: PiiKeys };

  constructor(link: StoreLinkMonitor, records: { readonly db: RegisterDb; readonly keys: PiiKeys }) {
    this.#link = link;
    this.#records = records;
  }

  async deliver(items: readonly OutboxItem[]): Promise<ReadonlyMap<number, ItemOutcome>> {
    const outcomes = new Map<number, ItemOutcome>();
    const client = this.#link.client();
    for (const item of items) {
      if (client === null) {
        outcomes.set(item.id, { status: 'retry', error: 'This register is not paired with a store server.' });
        continue;
      }
      const parsed = isStoreRecordKind(item.kind)
        ? storeRecordCommand(this.#records.db, this.#records.keys, { kind: item.kind, payload: item.payload })
        : parseOutboxMessage('store.command', item.payload);
      if (!parsed.ok) {
        outcomes.set(item.id, { status: 'dead', error: parsed.error });
        continue;
      }
      const outcome = await sendStoreCommand(client, parsed.message);
      outcomes.set(item.id, outcome);
      if (outcome.status === 'retry') break;
    }
    return outcomes;
  }

  probe(): Promise<void> {
    return probeStoreServer(this.#link.client());
  }
}

/**
 * One command to the store server, as a lane settles it: applied (the
 * server keeps its key, so sending it again is harmless), unreachable
 * (retry later), or refused as such — a bad payload, which retrying the
 * same data cannot help.
 */
export async function sendStoreCommand(
  client: StoreClient,
  command: StoreCommand,
  done: Omit<ItemOutcome & { status: 'done' }, 'status'> = {},
): Promise<ItemOutcome> {
  try {
    await client.call('POST', '/v1/commands', command, applied);
    return { status: 'done', ...done };
  } catch (error) {
    if (error instanceof StoreUnreachable) {
      const unavailable = new DestinationUnavailable('unreachable', error.message, { maybeDelivered: true });
      return { status: 'retry', error: error.message, unavailable };
    }
    return { status: 'dead', error: error instanceof AppError ? `${error.code}: ${error.message}` : String(error) };
  }
}

/** The store lanes' cheap request after an outage: is the server answering. */
export async function probeStoreServer(client: StoreClient | null): Promise<void> {
  if (client === null) throw new DestinationUnavailable('unreachable', 'This register is not paired with a store server.', { maybeDelivered: false });
  try {
    await client.call('GET', '/v1/health', undefined, z.object({ ok: z.boolean() }));
  } catch (error) {
    throw new DestinationUnavailable('unreachable', error instanceof Error ? error.message : String(error), { maybeDelivered: false });
  }
}
