import { and, desc, eq, lt } from 'drizzle-orm';
import { AppError } from '../../../shared/errors';
import { appendAudit } from '../../platform/audit/log';
import { carts } from '../../platform/db/schema';
import type { RegisterDb } from '../../platform/db/open';
import { writeTransaction, type RegisterTx } from '../../platform/db/transaction';
import { readSetting } from '../store/settings';
import { idleCartSetting } from '../store/thresholds';

// Carts hold stock while open or parked. A cart nobody comes back to (a reload, a crash, a customer who
// left) would hold it for ever, so carts idle past a store setting (store/thresholds.ts) are abandoned —
// their holds released, audited — and those still holding stock at a till are listed on the Drawer screen
// and stop that drawer's close until someone completes or releases them.

/**
 * Abandons the carts idle past the setting — this till's (through its index, as each new cart
 * opens) or, with no till named, every till's (at start-up); returns how many.
 */
export function releaseIdleCarts(db: RegisterDb, now: Date, terminalId: string | null = null): { released: number } {
  return writeTransaction(db, (tx) => {
    const idle = readSetting(tx, idleCartSetting);
    const atTill = terminalId === null ? undefined : eq(carts.terminalId, terminalId);
    const stale = [
      ...tx
        .select({ id: carts.id, terminalId: carts.terminalId, status: carts.status })
        .from(carts)
        .where(and(atTill, eq(carts.status, 'open'), lt(carts.updatedAt, new Date(now.getTime() - idle.openMinutes * 60_000))))
        .all(),
      ...tx
        .select({ id: carts.id, terminalId: carts.terminalId, status: carts.status })
        .from(carts)
        .where(and(atTill, eq(carts.status, 'parked'), lt(carts.updatedAt, new Date(now.getTime() - idle.parkedMinutes * 60_000))))
        .all(),
    ];
    for (const cart of stale)
      abandon(tx, cart.id, cart.terminalId, null, `idle past ${cart.status === 'open' ? idle.openMinutes : idle.parkedMinutes} minutes`, now);
    return { released: stale.length };
  });
}

/**
 * The cart this person left open at this till (the page reloaded, the
 * register restarted, they signed in again): the newest one, to be shown
 * again rather than hold stock unseen. Someone else's open cart is not
 * handed over (the next person starts with an empty counter); it stays
 * listed on the Drawer screen until completed or released.
 */
export function currentCartId(db: RegisterDb | RegisterTx, terminalId: string, staffId: string): string | null {
  const cart = db
    .select({ id: carts.id })
    .from(carts)
    .where(and(eq(carts.terminalId, terminalId), eq(carts.staffId, staffId), eq(carts.status, 'open')))
    .orderBy(desc(carts.updatedAt), desc(carts.createdAt))
    .limit(1)
    .get();
  return cart?.id ?? null;
}

/** A person lets a cart go (the customer left): its holds are released, with who and why in the audit log. */
export function releaseCart(db: RegisterDb, input: { cartId: string; terminalId: string; staffId: string; reason: string; now: Date }): void {
  writeTransaction(db, (tx) => {
    const cart = tx.select().from(carts).where(eq(carts.id, input.cartId)).get();
    if (cart === undefined || cart.terminalId !== input.terminalId) throw new AppError('CART_NOT_FOUND', 'That cart does not exist at this terminal.');
    if (cart.status !== 'open' && cart.status !== 'parked') throw new AppError('CART_NOT_HELD', `This cart is ${cart.status}: there is nothing to release.`);
    abandon(tx, cart.id, cart.terminalId, input.staffId, input.reason, input.now);
  });
}

function abandon(tx: RegisterTx, cartId: string, terminalId: string, staffId: string | null, reason: string, now: Date): void {
  tx.update(carts).set({ status: 'abandoned', updatedAt: now }).where(eq(carts.id, cartId)).run();
  appendAudit(tx, { at: now, staffId, terminalId, action: 'cart.release', entityType: 'cart', entityId: cartId, after: { reason } });
}
