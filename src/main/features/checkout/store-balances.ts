import { and, eq, inArray } from 'drizzle-orm';
import type { BalanceHoldRequest } from '../../../shared/contract/store-server';
import type { TenderInput } from '../../../shared/domain/pricing/tenders';
import { AppError } from '../../../shared/errors';
import { formatCents } from '../../../shared/money';
import { cartLoyaltyRedemptions, customers, loyaltyLedger, outbox, storeCredits } from '../../platform/db/schema';
import type { RegisterDb } from '../../platform/db/open';
import { parseOutboxMessage } from '../sync/outbox-messages';
import { STORE_LANE } from '../sync/lanes';
import { StoreUnreachable } from '../store-link/store-client';
import type { StoreLinkMonitor } from '../store-link/store-connection';
import { requireOpenCart } from './cart';

/**
 * Before payment, on a register of a store with a server: a cart that spends
 * the customer's points or store credit holds them at the store server, so a
 * second register cannot spend the same balance in the same moment (the
 * store's balance is every register's ledger rows). Refused there: refused
 * here, with what the store can spend. Server unreachable: this register's
 * own balance decides, as on a register alone (the sale checks it again in
 * its transaction). Returns the hold's key (the cart's id), or null when
 * nothing was held.
 */
export async function holdStoreBalances(
  db: RegisterDb,
  link: StoreLinkMonitor,
  request: { readonly cartId: string; readonly terminalId: string; readonly tenders: readonly TenderInput[] },
): Promise<string | null> {
  if (!link.state().linked) return null;
  const cart = requireOpenCart(db, request.cartId, request.terminalId);
  if (cart.customerId === null) return null;
  const redemption = db.select().from(cartLoyaltyRedemptions).where(eq(cartLoyaltyRedemptions.cartId, cart.id)).get();
  const points = redemption?.customerId === cart.customerId ? redemption.points : 0;
  const creditCents = request.tenders.reduce((sum, t) => sum + (t.tender === 'store_credit' ? t.amountCents : 0), 0);
  if (points === 0 && creditCents === 0) return null;
  const customerIds = recordsOf(db, cart.customerId);
  const hold: BalanceHoldRequest = { saleId: cart.id, customerIds, points, creditCents, ...unsentRows(db, customerIds) };
  try {
    const answer = await link.holdBalances(hold);
    if (answer.outcome === 'refused') {
      const short = [
        ...(points > answer.available.points ? [`${Math.max(0, answer.available.points)} points`] : []),
        ...(creditCents > answer.available.creditCents ? [`${formatCents(Math.max(0, answer.available.creditCents))} of store credit`] : []),
      ];
      throw new AppError(
        'STORE_BALANCE_SHORT',
        `Counting every register in the store, the customer can spend only ${short.join(' and ')} right now (another register may be spending them): lower the amount, or pay the rest another way.`,
        { available: answer.available },
      );
    }
    return cart.id;
  } catch (error) {
    if (error instanceof StoreUnreachable) return null;
    throw error;
  }
}

/** The customer's record and every record merged into it (a duplicate's points and credit are the record's). */
function recordsOf(db: RegisterDb, customerId: string): string[] {
  const ids = [customerId];
  for (let i = 0; i < ids.length && ids.length < 20; i++) {
    const merged = db
      .select({ id: customers.id })
      .from(customers)
      .where(eq(customers.mergedInto, ids[i] ?? ''))
      .all();
    for (const { id } of merged) if (!ids.includes(id)) ids.push(id);
  }
  return ids.slice(0, 20);
}

/** This register's ledger rows for these records still on their way to the store (the server counts each one it lacks). */
function unsentRows(db: RegisterDb, customerIds: readonly string[]): Pick<BalanceHoldRequest, 'unsentLoyalty' | 'unsentCredits'> {
  const items = db
    .select({ kind: outbox.kind, payload: outbox.payload })
    .from(outbox)
    .where(
      and(
        eq(outbox.destination, STORE_LANE),
        inArray(outbox.kind, ['store.loyalty', 'store.credit']),
        inArray(outbox.status, ['pending', 'in_flight']),
        inArray(outbox.aggregateId, [...customerIds]),
      ),
    )
    .all();
  const entryIds = items.flatMap((i) => {
    const parsed = i.kind === 'store.loyalty' ? parseOutboxMessage('store.loyalty', i.payload) : null;
    return parsed?.ok === true ? [parsed.message.entryId] : [];
  });
  const creditIds = items.flatMap((i) => {
    const parsed = i.kind === 'store.credit' ? parseOutboxMessage('store.credit', i.payload) : null;
    return parsed?.ok === true ? [parsed.message.creditId] : [];
  });
  const loyalty =
    entryIds.length === 0
      ? []
      : db
          .select({ sourceId: loyaltyLedger.sourceId, kind: loyaltyLedger.kind, points: loyaltyLedger.points })
          .from(loyaltyLedger)
          .where(inArray(loyaltyLedger.id, entryIds))
          .all();
  const credits =
    creditIds.length === 0
      ? []
      : db.select({ id: storeCredits.id, amountCents: storeCredits.amountCents }).from(storeCredits).where(inArray(storeCredits.id, creditIds)).all();
  return { unsentLoyalty: loyalty.slice(0, 1000), unsentCredits: credits.slice(0, 1000) };
}
