import { outbox } from '../../../platform/db/schema';
import type { RegisterTx } from '../../../platform/db/transaction';
import { LOYALTY_FEED_LANE } from '../lanes';
import { loyaltyFeedEnabled } from './settings';

/** A sale as the loyalty platform's POS feed takes it: no names or contact details, the register's own ids. */
export interface FeedSale {
  readonly saleId: string;
  readonly saleNumber: string;
  readonly memberId: string;
  readonly completedAt: string;
  readonly status: 'completed' | 'voided';
  readonly totalCents: number;
  readonly lines: ReadonlyArray<{
    readonly lineId: string;
    readonly productId: string;
    readonly name: string;
    readonly category: string;
    readonly quantity: number;
    readonly returnedQuantity: number;
    readonly netCents: number;
  }>;
  readonly pointsEarned: number;
  readonly pointsRedeemed: number;
}

export interface FeedMember {
  readonly memberId: string;
  readonly tier: string;
  readonly balance: number;
}

/**
 * Queues, inside the sale's (or void's) own transaction, the member and the
 * sale for the loyalty platform — only when the store has the feed switched
 * on, and only for a saved customer. Each is keyed by the sale (and kind) in
 * the outbox payload, so the platform's create-or-update takes a resend as
 * the same sale.
 */
export function queueLoyaltyFeed(tx: RegisterTx, item: { sale: FeedSale; member: FeedMember; now: Date }): void {
  if (!loyaltyFeedEnabled(tx)) return;
  for (const [kind, payload] of [
    ['member.create_update', item.member],
    ['sale.create_update', item.sale],
  ] as const) {
    tx.insert(outbox)
      .values({
        destination: LOYALTY_FEED_LANE,
        kind,
        aggregateId: item.sale.saleId,
        payload,
        nextAttemptAt: item.now,
        createdAt: item.now,
        updatedAt: item.now,
      })
      .run();
  }
}
