import { randomUUID } from 'node:crypto';
import { AppError } from '../../../shared/errors';
import { and, eq, sql } from 'drizzle-orm';
import { outbox, packages, payments, sales } from '../../platform/db/schema';
import { moveStoreCredit } from './store-credit';
import { requireActiveDrawerSession } from '../cash-drawer/session';
import type { RegisterTx } from '../../platform/db/transaction';
import { MENU_LANE, TRACEABILITY_LANE } from '../sync/lanes';
import type { OutboxMessage } from '../sync/outbox-messages';

type Tender = 'cash' | 'debit' | 'card' | 'store_credit';

/**
 * Refunds go back on the tenders the customer paid with: card and debit
 * first (up to what each took, less earlier refunds), then store credit
 * (back to the customer's credit, in this transaction), cash last — so no
 * cash leaves the drawer for a sale paid by card or credit.
 */
export function refundByOriginalTender(
  tx: RegisterTx,
  refund: {
    readonly saleId: string;
    readonly refundCents: number;
    readonly returnId: string | null;
    readonly terminalId: string;
    /** Who gives the refund (named on credit given back). */
    readonly staffId: string;
    readonly now: Date;
  },
): Array<{ tender: Tender; amountCents: number }> {
  const { saleId, refundCents, returnId, now } = refund;
  // The money leaves the drawer of the terminal giving the refund, whichever sold the items.
  const drawer = requireActiveDrawerSession(tx, refund.terminalId);
  const rows = tx
    .select({ tender: payments.tender, direction: payments.direction, amount: payments.amountCents })
    .from(payments)
    .where(eq(payments.saleId, saleId))
    .all();
  // A prepaid online order's money is with the platform, not in any drawer: the platform refunds it.
  if (rows.some((r) => r.tender === 'prepaid'))
    throw new AppError('REFUND_PREPAID', 'This sale was prepaid online: refund it on the platform the customer paid through, not from the drawer.');
  const net = new Map<Tender, number>();
  for (const row of rows)
    if (row.tender !== 'prepaid') net.set(row.tender, (net.get(row.tender) ?? 0) + (row.direction === 'payment' ? row.amount : -row.amount));
  const order: Tender[] = ['card', 'debit', 'store_credit', 'cash'];
  let left = refundCents;
  const refunds: Array<{ tender: Tender; amountCents: number }> = [];
  for (const tender of order) {
    const amount = Math.min(left, Math.max(0, net.get(tender) ?? 0));
    if (amount === 0) continue;
    refunds.push({ tender, amountCents: amount });
    tx.insert(payments)
      .values({
        id: randomUUID(),
        saleId,
        direction: 'refund',
        returnId,
        // Credit given back never passes through the drawer.
        drawerSessionId: tender === 'store_credit' ? null : drawer.id,
        tender,
        amountCents: amount,
        tenderedCents: amount,
        changeCents: 0,
        reference: null,
        createdAt: now,
      })
      .run();
    if (tender === 'store_credit') creditBack(tx, saleId, amount, returnId === null ? 'voided' : 'returned', refund.staffId, now);
    left -= amount;
  }
  if (left !== 0) throw new Error(`refund of ${refundCents} exceeds what sale ${saleId} took`);
  return refunds;
}

/** Credit a void or return gives back goes to the customer the sale was made to. */
function creditBack(tx: RegisterTx, saleId: string, amountCents: number, how: 'voided' | 'returned', staffId: string, at: Date): void {
  const sale = tx.select({ storeId: sales.storeId, customerId: sales.customerId, saleNumber: sales.saleNumber }).from(sales).where(eq(sales.id, saleId)).get();
  // A sale paid with store credit always has its customer (the sale refuses otherwise).
  if (sale?.customerId == null) throw new Error(`sale ${saleId} took store credit but names no customer`);
  moveStoreCredit(tx, {
    storeId: sale.storeId,
    customerId: sale.customerId,
    saleId,
    amountCents,
    reason: `Credit back: sale ${sale.saleNumber} ${how}`,
    staffId,
    at,
  });
}

/** Puts stock back on its package (a delta, never an overwrite). */
export function restock(tx: RegisterTx, tag: string, quantity: number): void {
  tx.update(packages)
    .set({ quantityOnHand: sql`${packages.quantityOnHand} + ${quantity}` })
    .where(eq(packages.tag, tag))
    .run();
}

/**
 * The outbox item a follow-up (void, return) must wait for: the sale's
 * receipt, so the state never sees a change before the receipt it changes.
 */
export function receiptItemId(tx: RegisterTx, saleId: string): number | null {
  const row = tx
    .select({ id: outbox.id })
    .from(outbox)
    .where(and(eq(outbox.destination, TRACEABILITY_LANE), eq(outbox.kind, 'receipt.create'), eq(outbox.aggregateId, saleId)))
    .get();
  return row?.id ?? null;
}

/** Queues a follow-up behind the sale's receipt; returns its outbox id (for items that must wait on it in turn). */
export function enqueueFollowUp<K extends 'receipt.void' | 'receipt.return'>(
  tx: RegisterTx,
  saleId: string,
  kind: K,
  payload: OutboxMessage<K>,
  menuDeltas: ReadonlyArray<{ packageTag: string; delta: number }>,
  now: Date,
): number {
  const { id } = tx
    .insert(outbox)
    .values({
      destination: TRACEABILITY_LANE,
      kind,
      aggregateId: saleId,
      payload,
      dependsOn: receiptItemId(tx, saleId),
      nextAttemptAt: now,
      createdAt: now,
      updatedAt: now,
    })
    .returning({ id: outbox.id })
    .get();
  if (menuDeltas.length > 0) {
    tx.insert(outbox)
      .values({
        destination: MENU_LANE,
        kind: 'inventory.adjust',
        aggregateId: saleId,
        payload: { reason: kind, saleId, deltas: [...menuDeltas] } satisfies OutboxMessage<'inventory.adjust'>,
        nextAttemptAt: now,
        createdAt: now,
        updatedAt: now,
      })
      .run();
  }
  return id;
}
