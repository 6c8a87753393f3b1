import { randomUUID } from 'node:crypto';
import { and, eq, gte, isNull, lt, sql } from 'drizzle-orm';
import { businessDay, dayWindow } from '../../../shared/domain/store-calendar';
import { complianceFlags, idCheckTallies, idVerifications, stores } from '../../platform/db/schema';
import type { RegisterTx } from '../../platform/db/transaction';
import { bound, preparedOnce } from '../../platform/db/prepared';

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
  const already = storeFlagOfDay(tx).get({ storeId: facts.storeId, day });
  if (already !== undefined) return false;
  const { start, end } = dayWindow(day, facts.timeZone);
  // Summed from the quarter-hour tallies (schema/check-in.ts), which already know the store's state; a day
  // not bounded by quarter hours (no zone in use has one today) is counted check by check against it.
  const counts =
    start.getTime() % QUARTER_HOUR_MS === 0 && end.getTime() % QUARTER_HOUR_MS === 0
      ? talliesOfDay(tx).get({ storeId: facts.storeId, from: start.getTime() / QUARTER_HOUR_MS, to: end.getTime() / QUARTER_HOUR_MS })
      : checksByState(tx, facts.storeId, start, end);
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

// Every sale runs these: prepared once per connection (issue #18).
const storeFlagOfDay = preparedOnce((db) =>
  db
    .select({ id: complianceFlags.id })
    .from(complianceFlags)
    .where(
      and(
        eq(complianceFlags.storeId, sql.placeholder('storeId')),
        eq(complianceFlags.businessDay, sql.placeholder('day')),
        eq(complianceFlags.kind, 'out_of_state_customers'),
        isNull(complianceFlags.customerId),
      ),
    )
    .prepare(),
);

const stateOfStore = preparedOnce((db) =>
  db
    .select({ state: stores.state })
    .from(stores)
    .where(eq(stores.id, sql.placeholder('storeId')))
    .prepare(),
);

const QUARTER_HOUR_MS = 900_000;

function checksByState(tx: RegisterTx, storeId: string, start: Date, end: Date): { checks: number; outOfState: number } | undefined {
  const store = stateOfStore(tx).get({ storeId });
  return store === undefined ? undefined : checksOfDay(tx).get({ storeId, state: store.state, start, end });
}

const talliesOfDay = preparedOnce((db) =>
  db
    .select({ checks: sql<number>`coalesce(sum(${idCheckTallies.checks}), 0)`, outOfState: sql<number>`coalesce(sum(${idCheckTallies.outOfState}), 0)` })
    .from(idCheckTallies)
    .where(
      and(
        eq(idCheckTallies.storeId, sql.placeholder('storeId')),
        gte(idCheckTallies.quarterHour, sql.placeholder('from')),
        lt(idCheckTallies.quarterHour, sql.placeholder('to')),
      ),
    )
    .prepare(),
);

const checksOfDay = preparedOnce((db) =>
  db
    .select({
      checks: sql<number>`count(*)`,
      outOfState: sql<number>`coalesce(sum(CASE WHEN ${idVerifications.issuer} IS NOT NULL AND upper(${idVerifications.issuer}) <> ${sql.placeholder('state')} THEN 1 ELSE 0 END), 0)`,
    })
    .from(idVerifications)
    .where(
      and(
        eq(idVerifications.storeId, sql.placeholder('storeId')),
        eq(idVerifications.outcome, 'accepted'),
        gte(idVerifications.verifiedAt, bound(idVerifications.verifiedAt, 'start')),
        lt(idVerifications.verifiedAt, bound(idVerifications.verifiedAt, 'end')),
      ),
    )
    .prepare(),
);
