import { eq } from 'drizzle-orm';
import { decideSend } from '../../../shared/domain/notifications/decide';
import type { RegisterDb } from '../../platform/db/open';
import { smsMessages } from '../../platform/db/schema';
import { writeTransaction } from '../../platform/db/transaction';
import { decryptField, type PiiKeys } from '../../platform/security/pii-crypto';
import { DestinationUnavailable, type ItemOutcome, type LaneAdapter, type OutboxItem } from '../../../shared/sync/lane';
import { SMS_LANE } from '../sync/lanes';
import { parseOutboxMessage } from '../sync/outbox-messages';
import { ledgerOf } from './ledger';
import type { SmsProvider } from './providers';
import { queueSend, SMS_PHONE_COLUMN, sentToNumberSince } from './texts';

const DAY_MS = 24 * 60 * 60_000;

/**
 * The SMS lane: each queued text is decided at the moment it would go —
 * the platform's rule, STOP, consent, the recipient's hours, the state's
 * 24 h cap — so nothing that changed since it was queued is missed. A text
 * that may never go is refused (kept, with why); one outside the hours or
 * at the cap waits for the time the rules name; a provider that cannot
 * take work keeps the rest queued (retries, then the Sync screen's dead
 * letters, as every lane).
 */
export class SmsLane implements LaneAdapter {
  readonly destination = SMS_LANE;
  readonly batchSize = 20;
  readonly #db: RegisterDb;
  readonly #keys: PiiKeys;
  readonly #provider: () => SmsProvider | null;
  readonly #now: () => Date;

  constructor(options: { db: RegisterDb; keys: PiiKeys; provider: () => SmsProvider | null; now?: () => Date }) {
    this.#db = options.db;
    this.#keys = options.keys;
    this.#provider = options.provider;
    this.#now = options.now ?? (() => new Date());
  }

  async deliver(items: readonly OutboxItem[]): Promise<ReadonlyMap<number, ItemOutcome>> {
    const outcomes = new Map<number, ItemOutcome>();
    for (const item of items) {
      const parsed = parseOutboxMessage('sms.send', item.payload);
      if (!parsed.ok) {
        outcomes.set(item.id, { status: 'dead', error: parsed.error });
        continue;
      }
      const message = this.#db.select().from(smsMessages).where(eq(smsMessages.id, parsed.message.messageId)).get();
      if (message === undefined || message.status !== 'queued') {
        outcomes.set(item.id, { status: 'done', externalIds: { skipped: message?.status ?? 'missing' } });
        continue;
      }
      const now = this.#now();
      const phone = decryptField(this.#keys.encryption, SMS_PHONE_COLUMN, message.phoneSealed);
      const decision = decideSend(
        {
          to: phone,
          kind: message.kind,
          orderPlatform: message.orderPlatform,
          recipient: { timeZone: message.recipientTimeZone, state: message.recipientState },
          answersKeyword: message.answersKeyword,
        },
        ledgerOf(this.#db, this.#keys, phone),
        sentToNumberSince(this.#db, message.phoneLookup, new Date(now.getTime() - DAY_MS)),
        now,
      );
      if (!decision.send) {
        writeTransaction(this.#db, (tx) => {
          tx.update(smsMessages)
            .set(decision.later ? { reason: `waiting: ${decision.reason}` } : { status: 'refused', reason: decision.reason })
            .where(eq(smsMessages.id, message.id))
            .run();
          // Outside the hours or at the cap: the text is due again when the rules allow it.
          if (decision.later) queueSend(tx, message.id, decision.retryAt);
        });
        outcomes.set(item.id, { status: 'done', externalIds: decision.later ? { deferredTo: decision.retryAt.toISOString() } : { refused: decision.reason } });
        continue;
      }
      const provider = this.#provider();
      if (provider === null) {
        outcomes.set(item.id, { status: 'retry', error: 'No SMS provider is set up for this store.' });
        continue;
      }
      try {
        const answer = await provider.send({ id: message.id, to: phone, body: message.body });
        this.#db
          .update(smsMessages)
          .set(
            answer.sent
              ? { status: 'sent', sentAt: now, providerMessageId: answer.providerMessageId, reason: null }
              : { status: 'refused', reason: answer.refused },
          )
          .where(eq(smsMessages.id, message.id))
          .run();
        outcomes.set(
          item.id,
          answer.sent ? { status: 'done', externalIds: { providerMessageId: answer.providerMessageId } } : { status: 'dead', error: answer.refused },
        );
      } catch (error) {
        if (!(error instanceof DestinationUnavailable)) throw error;
        outcomes.set(item.id, { status: 'retry', error: error.message, unavailable: error });
        break;
      }
    }
    return outcomes;
  }

  async probe(): Promise<void> {
    if (this.#provider() === null) throw new DestinationUnavailable('unreachable', 'No SMS provider is set up for this store.', { maybeDelivered: false });
  }
}
