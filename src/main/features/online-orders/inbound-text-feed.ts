import { eq } from 'drizzle-orm';
import type { RelayInboundText } from '../../../shared/contract/relay';
import { AppError } from '../../../shared/errors';
import type { RegisterDb } from '../../platform/db/open';
import { onlineOrderFeed } from '../../platform/db/schema';
import { writeTransaction } from '../../platform/db/transaction';
import type { PiiKeys } from '../../platform/security/pii-crypto';
import { takeInboundIn } from '../notifications/ledger';
import { replyToHelpIn } from '../notifications/help-reply';
import { feedCursor } from './queue';
import type { RelayClient } from './relay-client';

/** The texts feed's cursor row in online_order_feed (the orders feed is `relay`). */
export const TEXTS_FEED_ID = 'relay-texts';

export interface TextsPass {
  readonly texts: number;
  readonly stops: number;
  readonly starts: number;
  /** Texts from a number no text can go to (nothing to stop): skipped, the cursor moves on. */
  readonly skipped: number;
  /** HELP (or INFO) texts answered: the answer queued on the SMS lane. */
  readonly helpReplies: number;
}

/**
 * The register's pull of texts customers sent in, from the order relay
 * (issue #21): each page goes through the consent ledger's own rules
 * (takeInbound: STOP, START by their words alone; HELP is answered once,
 * see help-reply.ts; anything else changes nothing) and moves the texts cursor in the same transaction, so a
 * STOP is applied exactly once and never skipped. A STOP is final until the
 * same number texts START: no later grant reopens it (the ledger's rule).
 */
export async function pullInboundTexts(db: RegisterDb, client: RelayClient, keys: PiiKeys, now: () => Date): Promise<TextsPass> {
  const totals = { texts: 0, stops: 0, starts: 0, skipped: 0, helpReplies: 0 };
  for (;;) {
    const page = await client.pullTexts(feedCursor(db, TEXTS_FEED_ID));
    if (page.texts.length === 0) return totals;
    writeTransaction(db, (tx) => {
      for (const text of page.texts) {
        const meaning = applyOne(text);
        totals.texts += 1;
        if (meaning === 'stop') totals.stops += 1;
        else if (meaning === 'start') totals.starts += 1;
        else if (meaning === 'skipped') totals.skipped += 1;
        // HELP gets its one answer, in this transaction with the cursor (pulled twice, answered once).
        else if (meaning === 'help' && replyToHelpIn(tx, keys, { from: text.from, now: now() }) === 'queued') totals.helpReplies += 1;
      }
      const at = now();
      tx.insert(onlineOrderFeed)
        .values({ id: TEXTS_FEED_ID, cursor: page.next, lastPulledAt: at, lastError: null })
        .onConflictDoUpdate({ target: onlineOrderFeed.id, set: { cursor: page.next, lastPulledAt: at, lastError: null } })
        .run();

      function applyOne(text: RelayInboundText) {
        try {
          return takeInboundIn(tx, keys, { from: text.from, text: text.body, messageId: `${text.provider}:${text.messageId}`, at: new Date(text.receivedAt) });
        } catch (error) {
          if (error instanceof AppError && error.code === 'SMS_PHONE_INVALID') return 'skipped' as const;
          throw error;
        }
      }
    });
  }
}

export function recordTextsFeedError(db: RegisterDb, error: string): void {
  db.update(onlineOrderFeed).set({ lastError: error }).where(eq(onlineOrderFeed.id, TEXTS_FEED_ID)).run();
}
