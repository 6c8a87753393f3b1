import { and, eq, isNotNull, sql } from 'drizzle-orm';
import { customers, promotions, saleDiscounts } from '../db/schema';
import type { RegisterDb } from '../db/open';
import { preparedOnce } from '../db/prepared';
import type { RegisterTx } from '../db/transaction';
import { logger } from '../logger';
import { promotionDefinition, type Promotion } from './promotion';

type Reader = RegisterDb | RegisterTx;

/** The store's active promotions. One that no longer reads as a promotion is skipped (and logged), never guessed at. */
export function activePromotions(db: Reader, storeId: string): Promotion[] {
  return activeOfStore(db)
    .all({ storeId })
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
  const rows = usageOfPromotions(db).all();
  return Object.fromEntries(rows.map((r) => [r.promotionId ?? '', r.sales]));
}

/** The groups a customer belongs to for promotions: their own list, their type, their loyalty tier. */
export function customerGroups(db: Reader, customerId: string | null): string[] {
  if (customerId === null) return [];
  const row = groupsOfCustomer(db).get({ customerId });
  if (row === undefined) return [];
  return [...row.groups, row.type, ...(row.tier === null ? [] : [`loyalty:${row.tier}`])];
}

// Every priced cart view and every sale reads these: prepared once per connection (issue #18).
const activeOfStore = preparedOnce((db) =>
  db
    .select()
    .from(promotions)
    .where(and(eq(promotions.storeId, sql.placeholder('storeId')), eq(promotions.active, true)))
    .prepare(),
);

const usageOfPromotions = preparedOnce((db) =>
  db
    .select({ promotionId: saleDiscounts.promotionId, sales: sql<number>`count(DISTINCT ${saleDiscounts.saleId})` })
    .from(saleDiscounts)
    .where(isNotNull(saleDiscounts.promotionId))
    .groupBy(saleDiscounts.promotionId)
    .prepare(),
);

const groupsOfCustomer = preparedOnce((db) =>
  db
    .select({ groups: customers.groups, type: customers.customerType, tier: customers.loyaltyTier })
    .from(customers)
    .where(eq(customers.id, sql.placeholder('customerId')))
    .prepare(),
);
