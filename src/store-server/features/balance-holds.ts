import { and, eq, gt, inArray, sql } from 'drizzle-orm';
import type { BalanceHoldRequest, BalanceHoldResponse } from '../../shared/contract/store-server';
import { balanceHolds, storeCredits, storeLoyalty } from '../db/schema';
import type { StoreDb } from '../db/open';
import type { Terminal } from './terminals';
import { RESERVATION_TTL_MS } from './limit-reservations';

type Tx = Parameters<Parameters<StoreDb['transaction']>[0]>[0];

/**
 * Holds the points or store credit a cart spends, across every register of
 * the store (the contract's balanceHoldRequestSchema says what counts).
 * Serialised per customer record by a transaction-scoped advisory lock, as
 * limits are per person: two registers spending the same balance at the
 * same moment are decided one after the other, and the second sees the
 * first's hold. Keyed by the cart: a retry answers as the first call did.
 */
export async function holdBalances(db: StoreDb, terminal: Terminal, request: BalanceHoldRequest, now: Date): Promise<BalanceHoldResponse> {
  return db.transaction(async (tx) => {
    const record = request.customerIds[0] ?? '';
    await tx.execute(sql`SELECT pg_advisory_xact_lock(hashtextextended(${`balance:${record}`}, 21))`);
    const [existing] = await tx.select().from(balanceHolds).where(eq(balanceHolds.saleKey, request.saleId));
    if (existing !== undefined && existing.status !== 'released') return { outcome: 'held' };
    const available = await availableTo(tx, request, now);
    if (request.points > available.points || request.creditCents > available.creditCents) return { outcome: 'refused', available };
    const values = {
      saleKey: request.saleId,
      customerIds: request.customerIds,
      points: request.points,
      creditCents: request.creditCents,
      terminalId: terminal.id,
      status: 'held' as const,
      createdAt: now,
      expiresAt: new Date(now.getTime() + RESERVATION_TTL_MS),
    };
    await tx.insert(balanceHolds).values(values).onConflictDoUpdate({ target: balanceHolds.saleKey, set: values });
    return { outcome: 'held' };
  });
}

/** A cart not paid (abandoned, refused at payment): its hold goes back at once. Releasing twice is not an error. */
export async function releaseBalances(db: StoreDb, terminal: Terminal, saleKey: string): Promise<void> {
  await db
    .update(balanceHolds)
    .set({ status: 'released' })
    .where(and(eq(balanceHolds.saleKey, saleKey), eq(balanceHolds.terminalId, terminal.id), eq(balanceHolds.status, 'held')));
}

/** The sale was recorded: its own ledger rows (sent before it, in the same order) now spend what the hold held. */
export async function confirmBalances(tx: Tx, saleKey: string): Promise<void> {
  await tx
    .update(balanceHolds)
    .set({ status: 'confirmed' })
    .where(and(eq(balanceHolds.saleKey, saleKey), eq(balanceHolds.status, 'held')));
}

/** What the customer's records can spend now: every register's rows, the asker's unsent ones not yet here, less other carts' holds. */
async function availableTo(tx: Tx, request: BalanceHoldRequest, now: Date): Promise<{ points: number; creditCents: number }> {
  const ids = request.customerIds;
  const [points] = await tx
    .select({ sum: sql<string>`coalesce(sum(${storeLoyalty.points}), 0)` })
    .from(storeLoyalty)
    .where(inArray(storeLoyalty.customerId, ids));
  const [credit] = await tx
    .select({ sum: sql<string>`coalesce(sum(${storeCredits.amountCents}), 0)` })
    .from(storeCredits)
    .where(inArray(storeCredits.customerId, ids));
  const knownLoyalty =
    request.unsentLoyalty.length === 0
      ? new Set<string>()
      : new Set(
          (
            await tx
              .select({ sourceId: storeLoyalty.sourceId, kind: storeLoyalty.kind })
              .from(storeLoyalty)
              .where(
                inArray(
                  storeLoyalty.sourceId,
                  request.unsentLoyalty.map((r) => r.sourceId),
                ),
              )
          ).map((r) => `${r.sourceId}:${r.kind}`),
        );
  const knownCredits =
    request.unsentCredits.length === 0
      ? new Set<string>()
      : new Set(
          (
            await tx
              .select({ id: storeCredits.id })
              .from(storeCredits)
              .where(
                inArray(
                  storeCredits.id,
                  request.unsentCredits.map((r) => r.id),
                ),
              )
          ).map((r) => r.id),
        );
  const unsentPoints = request.unsentLoyalty.filter((r) => !knownLoyalty.has(`${r.sourceId}:${r.kind}`)).reduce((sum, r) => sum + r.points, 0);
  const unsentCredit = request.unsentCredits.filter((r) => !knownCredits.has(r.id)).reduce((sum, r) => sum + r.amountCents, 0);
  // Holds are few (carts being paid for right now): read them all and keep those on these records.
  const holds = (
    await tx
      .select()
      .from(balanceHolds)
      .where(and(eq(balanceHolds.status, 'held'), gt(balanceHolds.expiresAt, now)))
  ).filter((h) => h.saleKey !== request.saleId && h.customerIds.some((id) => ids.includes(id)));
  return {
    points: Number(points?.sum ?? 0) + unsentPoints - holds.reduce((sum, h) => sum + h.points, 0),
    creditCents: Number(credit?.sum ?? 0) + unsentCredit - holds.reduce((sum, h) => sum + h.creditCents, 0),
  };
}
