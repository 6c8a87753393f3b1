import { and, eq, sql } from 'drizzle-orm';
import { customers, promotions, promotionUsage as usageCounts } from '../../platform/db/schema';
import type { RegisterDb } from '../../platform/db/open';
import { preparedOnce } from '../../platform/db/prepared';
import type { RegisterTx } from '../../platform/db/transaction';
import { logger } from '../../platform/logging/logger';
import { promotionDefinition, type Promotion } from '../../../shared/domain/promotions/promotion';

type Reader = RegisterDb | RegisterTx;

/** The store's active promotions. One that no longer reads as a promotion is skipped (and logged), never guessed at. */
export function activePromotions(db: Reader, storeId: string): Promotion[] {
  return activeOfStore(db)
    .all({ storeId })
    .flatMap((row) => {
      const promotion = readPromotion(row);
      return promotion === null ? [] : [promotion];
    });
}

/**
 * Every scan and sale prices with the store's promotions, and validating a
 * definition costs more than reading it (issue #18): a promotion is parsed
 * once per version of its stored text and name, which is what the cache
 * compares (one that does not read is skipped, and logged, once per version).
 */
const parsedPromotions = new Map<string, { readonly text: string; readonly name: string; readonly promotion: Promotion | null }>();

function readPromotion(row: { readonly id: string; readonly name: string; readonly definition: string }): Promotion | null {
  const cached = parsedPromotions.get(row.id);
  if (cached !== undefined && cached.text === row.definition && cached.name === row.name) return cached.promotion;
  const promotion = parsePromotion(row);
  // Bounded by the store's promotions, ended ones included: a few hundred entries at most.
  parsedPromotions.set(row.id, { text: row.definition, name: row.name, promotion });
  return promotion;
}

function parsePromotion(row: { readonly id: string; readonly name: string; readonly definition: string }): Promotion | null {
  let json: unknown;
  try {
    json = JSON.parse(row.definition);
  } catch {
    json = undefined;
  }
  const parsed = promotionDefinition.safeParse(json);
  if (!parsed.success) {
    logger.warn({ promotionId: row.id, issues: parsed.error.issues }, 'promotion definition unreadable: skipped');
    return null;
  }
  return { ...parsed.data, id: row.id, name: row.name };
}

/**
 * How many sales each promotion with a usage limit has applied to: its
 * counter (one row per such promotion), read in constant time where the
 * count over every past promoted line grew with the store's history
 * (issue #18). Promotions without a limit are absent; nothing reads them.
 */
export function promotionUsage(db: Reader): Record<string, number> {
  const rows = usageOfPromotions(db).all();
  return Object.fromEntries(rows.map((r) => [r.promotionId, r.sales]));
}

/**
 * Counts one more sale for each promotion applied to it that has a usage
 * limit, inside the sale's transaction: the counter moves exactly when a
 * sale's promoted lines are written, as the count over them did. Voids and
 * returns leave both alone (a voided sale's lines stay on file).
 */
export function countPromotionUses(tx: RegisterTx, promotionIds: Iterable<string>): void {
  for (const promotionId of new Set(promotionIds)) countOneUse(tx).run({ promotionId });
}

/**
 * The groups a customer belongs to for promotions: their own list, their
 * type, and `loyalty:<tier>` (e.g. `loyalty:gold`) for the loyalty tier the
 * caller read from the customer's ledger (the tier moves with every sale,
 * return and void, so it is never a stored field).
 */
export function customerGroups(db: Reader, customerId: string | null, loyaltyTier: string | null): string[] {
  if (customerId === null) return [];
  const row = groupsOfCustomer(db).get({ customerId });
  if (row === undefined) return [];
  return [...row.groups, row.type, ...(loyaltyTier === null ? [] : [`loyalty:${loyaltyTier.toLowerCase()}`])];
}

// Every priced cart view and every sale reads these: prepared once per connection (issue #18).
const activeOfStore = preparedOnce((db) =>
  db
    // The definition as stored text: the parse cache above compares it.
    .select({ id: promotions.id, name: promotions.name, definition: sql<string>`${promotions.definition}` })
    .from(promotions)
    .where(and(eq(promotions.storeId, sql.placeholder('storeId')), eq(promotions.active, true)))
    .prepare(),
);

const usageOfPromotions = preparedOnce((db) => db.select().from(usageCounts).prepare());

// Only a promotion whose definition has a usage limit gets (or moves) a counter.
const countOneUse = preparedOnce((db) =>
  db
    .insert(usageCounts)
    .select(
      db
        .select({ promotionId: promotions.id, sales: sql<number>`1`.as('sales') })
        .from(promotions)
        .where(and(eq(promotions.id, sql.placeholder('promotionId')), sql`json_extract(${promotions.definition}, '$.usageLimit') IS NOT NULL`)),
    )
    .onConflictDoUpdate({ target: usageCounts.promotionId, set: { sales: sql`${usageCounts.sales} + 1` } })
    .prepare(),
);

const groupsOfCustomer = preparedOnce((db) =>
  db
    .select({ groups: customers.groups, type: customers.customerType })
    .from(customers)
    .where(eq(customers.id, sql.placeholder('customerId')))
    .prepare(),
);
