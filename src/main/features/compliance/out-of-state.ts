import { randomUUID } from 'node:crypto';
import { and, eq, gte, isNull, lt, sql } from 'drizzle-orm';
import { businessDay } from '../../../shared/domain/store-calendar';
import { complianceFlags, idVerifications, stores } from '../../platform/db/schema';
import type { RegisterTx } from '../../platform/db/transaction';
import { dayWindow } from '../../../shared/domain/store-calendar';

/**
 * A store-level FinCEN red flag a register can see (FIN-2014-G001: "a
 * substantial number of customers from out of state"): over half of the
 * day's accepted ID checks on IDs issued by another state, once enough
 * checks make the share meaningful. One flag per store per day, for
 * review; it never blocks a sale.
 */
export const OUT_OF_STATE_SHARE = { minimumChecks: 20, shareBp: 5_000 } as const;

export function raiseOutOfStateFlag(
  tx: RegisterTx,
  facts: { readonly storeId: string; readonly saleId: string; readonly timeZone: string; readonly at: Date },
): boolean {
  const day = businessDay(facts.at, facts.timeZone);
  const already = tx
    .select({ id: complianceFlags.id })
    .from(complianceFlags)
    .where(
      and(
        eq(complianceFlags.storeId, facts.storeId),
        eq(complianceFlags.businessDay, day),
        eq(complianceFlags.kind, 'out_of_state_customers'),
        isNull(complianceFlags.customerId),
      ),
    )
    .get();
  if (already !== undefined) return false;
  const store = tx.select({ state: stores.state }).from(stores).where(eq(stores.id, facts.storeId)).get();
  if (store === undefined) return false;
  const { start, end } = dayWindow(day, facts.timeZone);
  const counts = tx
    .select({
      checks: sql<number>`count(*)`,
      outOfState: sql<number>`coalesce(sum(CASE WHEN ${idVerifications.issuer} IS NOT NULL AND upper(${idVerifications.issuer}) <> ${store.state} THEN 1 ELSE 0 END), 0)`,
    })
    .from(idVerifications)
    .where(
      and(
        eq(idVerifications.storeId, facts.storeId),
        eq(idVerifications.outcome, 'accepted'),
        gte(idVerifications.verifiedAt, start),
        lt(idVerifications.verifiedAt, end),
      ),
    )
    .get();
  const checks = counts?.checks ?? 0;
  const outOfState = counts?.outOfState ?? 0;
  if (checks < OUT_OF_STATE_SHARE.minimumChecks || outOfState * 10_000 <= checks * OUT_OF_STATE_SHARE.shareBp) return false;
  tx.insert(complianceFlags)
    .values({
      id: randomUUID(),
      storeId: facts.storeId,
      kind: 'out_of_state_customers',
      customerId: null,
      saleId: facts.saleId,
      businessDay: day,
      details: { checks, outOfState },
      citation: 'FinCEN FIN-2014-G001 (red flag: a substantial number of customers from out of state)',
      createdAt: facts.at,
    })
    .run();
  return true;
}
