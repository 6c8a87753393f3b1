import { and, desc, eq, inArray, lt, sql } from 'drizzle-orm';
import { z } from 'zod';
import { AppError } from '../../../shared/errors';
import { appendAudit } from '../../platform/audit/log';
import { cartLines, carts } from '../../platform/db/schema';
import type { RegisterDb } from '../../platform/db/open';
import { writeTransaction, type RegisterTx } from '../../platform/db/transaction';
import { readSetting, type Setting } from '../store/settings';

/**
 * Carts hold stock while open or parked. A cart nobody comes back to (a
 * reload, a crash, a customer who left) would hold it for ever, so carts idle
 * past a store setting are abandoned — their holds released, audited — and
 * those still holding stock at a till are listed on the Drawer screen and
 * stop that drawer's close until someone completes or releases them.
 */
export const idleCartSetting: Setting<{ openMinutes: number; parkedMinutes: number }> = {
  key: 'carts.idle_release',
  schema: z
    .object({
      openMinutes: z
        .number()
        .int()
        .min(5)
        .max(24 * 60),
      parkedMinutes: z
        .number()
        .int()
        .min(5)
        .max(7 * 24 * 60),
    })
    .strict(),
  defaultValue: { openMinutes: 30, parkedMinutes: 4 * 60 },
};

export interface HeldCart {
  readonly cartId: string;
  readonly status: 'open' | 'parked';
  readonly label: string | null;
  readonly lines: number;
  readonly units: number;
  readonly updatedAt: string;
}

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

/** Open and parked carts at this till that hold stock (at least one line), newest first. */
export function heldCarts(db: RegisterDb | RegisterTx, terminalId: string): HeldCart[] {
  return db
    .select({
      cartId: carts.id,
      status: carts.status,
      label: carts.parkedLabel,
      updatedAt: carts.updatedAt,
      lines: sql<number>`count(${cartLines.id})`,
      units: sql<number>`coalesce(sum(${cartLines.quantity}), 0)`,
    })
    .from(carts)
    .innerJoin(cartLines, eq(cartLines.cartId, carts.id))
    .where(and(eq(carts.terminalId, terminalId), inArray(carts.status, ['open', 'parked'])))
    .groupBy(carts.id)
    .orderBy(desc(carts.updatedAt))
    .all()
    .map((c) => ({ ...c, status: c.status as HeldCart['status'], updatedAt: c.updatedAt.toISOString() }));
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

/** Blocks a drawer close while carts at the till still hold stock. */
export function requireNoHeldCarts(tx: RegisterTx, terminalId: string): void {
  const held = heldCarts(tx, terminalId);
  if (held.length > 0) {
    throw new AppError(
      'CARTS_HOLD_STOCK',
      `${held.length} cart${held.length === 1 ? '' : 's'} at this till still hold${held.length === 1 ? 's' : ''} stock: complete ${held.length === 1 ? 'it' : 'them'} or release ${held.length === 1 ? 'it' : 'them'} on the Drawer screen before closing.`,
      {
        carts: held.map((c) => c.cartId),
      },
    );
  }
}

function abandon(tx: RegisterTx, cartId: string, terminalId: string, staffId: string | null, reason: string, now: Date): void {
  tx.update(carts).set({ status: 'abandoned', updatedAt: now }).where(eq(carts.id, cartId)).run();
  appendAudit(tx, { at: now, staffId, terminalId, action: 'cart.release', entityType: 'cart', entityId: cartId, after: { reason } });
}
