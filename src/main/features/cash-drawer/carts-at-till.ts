import { and, desc, eq, inArray, sql } from 'drizzle-orm';
import { AppError } from '../../../shared/errors';
import { cartLines, carts } from '../../platform/db/schema';
import type { RegisterDb } from '../../platform/db/open';
import type { RegisterTx } from '../../platform/db/transaction';

/**
 * Carts at a till that still hold stock: listed on the Drawer screen, and a
 * drawer cannot close while any remain (their stock would stay held with no
 * one to sell or release it). Releasing them is checkout's (held-carts.ts).
 */
export interface HeldCart {
  readonly cartId: string;
  readonly status: 'open' | 'parked';
  readonly label: string | null;
  readonly lines: number;
  readonly units: number;
  readonly updatedAt: string;
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
