import { randomUUID } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import { AppError } from '../../../shared/errors';
import { formatCents } from '../../../shared/money';
import { storeCredits } from '../../platform/db/schema';
import type { RegisterDb } from '../../platform/db/open';
import { preparedOnce } from '../../platform/db/prepared';
import type { RegisterTx } from '../../platform/db/transaction';

/**
 * Store credit at the till (issue #22): what a quality resolution gave a
 * customer, spent as a tender and given back by a void or a return — each
 * a row of the customer's credit ledger in the sale's (or refund's) own
 * transaction, so a balance is always the sum of its rows and a retried
 * completion (which answers the sale already made) never spends twice.
 */
export function storeCreditBalance(db: RegisterDb | RegisterTx, customerId: string): number {
  return balanceOf(db).get({ customerId })?.cents ?? 0;
}

/** Refuses a store-credit tender the cart's customer cannot cover; called before anything is written. */
export function requireStoreCredit(tx: RegisterTx, customerId: string | null, amountCents: number): void {
  if (amountCents <= 0) return;
  if (customerId === null) throw new AppError('STORE_CREDIT_NO_CUSTOMER', 'Store credit belongs to a customer: pick the customer on this cart first.');
  const balance = storeCreditBalance(tx, customerId);
  if (balance < amountCents)
    throw new AppError(
      'STORE_CREDIT_SHORT',
      `This customer has ${formatCents(balance)} of store credit, less than the ${formatCents(amountCents)} asked for.`,
      {
        balanceCents: balance,
      },
    );
}

/** A ledger row: negative when a sale spends credit, positive when a void or return gives it back. */
export function moveStoreCredit(
  tx: RegisterTx,
  move: { storeId: string; customerId: string; saleId: string; amountCents: number; reason: string; staffId: string; at: Date },
): void {
  if (move.amountCents === 0) return;
  tx.insert(storeCredits)
    .values({
      id: randomUUID(),
      storeId: move.storeId,
      customerId: move.customerId,
      amountCents: move.amountCents,
      incidentId: null,
      reason: move.reason,
      issuedBy: move.staffId,
      issuedAt: move.at,
      saleId: move.saleId,
    })
    .run();
}

// Read at every sale that offers store credit (issue #18: prepared once per connection).
const balanceOf = preparedOnce((db) =>
  db
    .select({ cents: sql<number>`coalesce(sum(${storeCredits.amountCents}), 0)` })
    .from(storeCredits)
    .where(eq(storeCredits.customerId, sql.placeholder('customerId')))
    .prepare(),
);
