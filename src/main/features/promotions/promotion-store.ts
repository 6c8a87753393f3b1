import { and, eq, isNotNull, sql } from 'drizzle-orm';
import { customers, promotions, saleDiscounts } from '../../platform/db/schema';
import type { RegisterDb } from '../../platform/db/open';
import type { RegisterTx } from '../../platform/db/transaction';
import { logger } from '../../platform/logging/logger';
import { promotionDefinition, type Promotion } from '../../../shared/domain/promotions/promotion';

type Reader = RegisterDb | RegisterTx;

/** The store's active promotions. One that no longer reads as a promotion is skipped (and logged), never guessed at. */
export function activePromotions(db: Reader, storeId: string): Promotion[] {
  return db
    .select()
    .from(promotions)
    .where(and(eq(promotions.storeId, storeId), eq(promotions.active, true)))
    .all()
    .flatMap((row) => {
      const parsed = promotionDefinition.safeParse(row.definition);
      if (!parsed.success) {
        logger.warn({ promotionId: row.id, issues: parsed.error.issues }, 'promotion definition unreadable: skipped');
        return [];
      }
      return [{ ...parsed.data, id: row.id, name: row.name }];
    });
}

/** How many sales each promotion has applied to (for usage limits). */
export function promotionUsage(db: Reader): Record<string, number> {
  const rows = db
    .select({ promotionId: saleDiscounts.promotionId, sales: sql<number>`count(DISTINCT ${saleDiscounts.saleId})` })
    .from(saleDiscounts)
    .where(isNotNull(saleDiscounts.promotionId))
    .groupBy(saleDiscounts.promotionId)
    .all();
  return Object.fromEntries(rows.map((r) => [r.promotionId ?? '', r.sales]));
}

/** The groups a customer belongs to for promotions: their own list, their type, their loyalty tier. */
export function customerGroups(db: Reader, customerId: string | null): string[] {
  if (customerId === null) return [];
  const row = db
    .select({ groups: customers.groups, type: customers.customerType, tier: customers.loyaltyTier })
    .from(customers)
    .where(eq(customers.id, customerId))
    .get();
  if (row === undefined) return [];
  return [...row.groups, row.type, ...(row.tier === null ? [] : [`loyalty:${row.tier}`])];
}
