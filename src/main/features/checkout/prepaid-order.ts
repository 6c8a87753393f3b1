import { eq, sql } from 'drizzle-orm';
import { onlineOrderPrepayments, onlineOrders } from '../../platform/db/schema';
import type { RegisterDb } from '../../platform/db/open';
import type { RegisterTx } from '../../platform/db/transaction';
import { preparedOnce } from '../../platform/db/prepared';

/**
 * A prepaid online order at the counter (issue #21). The sale reads the
 * payment from the order's own record (the tables, not the online-orders
 * feature, which builds on checkout): a prepaid tender is never typed at
 * the till, so nobody can mark an ordinary cart as paid.
 */
export function prepaymentOfCart(tx: RegisterDb | RegisterTx, cartId: string): { orderId: string; amountCents: number; reference: string } | null {
  return prepaymentByCart(tx).get({ cartId }) ?? null;
}

// Every sale and every cart view asks (issue #18: prepared once per connection, by the order's cart index).
const prepaymentByCart = preparedOnce((db) =>
  db
    .select({ orderId: onlineOrderPrepayments.orderId, amountCents: onlineOrderPrepayments.amountCents, reference: onlineOrderPrepayments.reference })
    .from(onlineOrderPrepayments)
    .innerJoin(onlineOrders, eq(onlineOrders.id, onlineOrderPrepayments.orderId))
    .where(eq(onlineOrders.cartId, sql.placeholder('cartId')))
    .prepare(),
);

/** Keeps what the register charged beside what the platform charged (platform − register), in the sale's transaction. */
export function recordPrepaidDifference(
  tx: RegisterTx,
  prepayment: { readonly orderId: string; readonly amountCents: number },
  saleId: string,
  registerTotalCents: number,
): void {
  tx.update(onlineOrderPrepayments)
    .set({ saleId, registerTotalCents, differenceCents: prepayment.amountCents - registerTotalCents })
    .where(eq(onlineOrderPrepayments.orderId, prepayment.orderId))
    .run();
}
