import { and, asc, eq, inArray, ne, sql } from 'drizzle-orm';
import { cartLines, carts, packages } from '../../platform/db/schema';
import type { RegisterTx } from '../../platform/db/transaction';
import type { RegisterDb } from '../../platform/db/open';
import { sellablePackage } from '../catalog/search';

type Reader = RegisterDb | RegisterTx;

/** Units (or mg) of a package promised to open or parked carts other than `exceptCartId`. */
export function heldElsewhere(db: Reader, tag: string, exceptCartId: string | null): number {
  const row = db
    .select({ held: sql<number>`coalesce(sum(${cartLines.quantity}), 0)` })
    .from(cartLines)
    .innerJoin(carts, eq(carts.id, cartLines.cartId))
    .where(and(eq(cartLines.packageTag, tag), inArray(carts.status, ['open', 'parked']), exceptCartId === null ? undefined : ne(carts.id, exceptCartId)))
    .get();
  return row?.held ?? 0;
}

export interface PackagePick {
  readonly tag: string;
  readonly unit: 'each' | 'mg';
  readonly available: number;
}

/**
 * The package a UPC or SKU scan draws from: first in, first out by packaged
 * date (then tag, so the choice is stable), never an empty, on-hold,
 * recalled or untested package, and never stock another cart holds.
 */
export function pickPackageFifo(db: Reader, productId: string, wanted: number, cartId: string): PackagePick | null {
  const candidates = db
    .select({ tag: packages.tag, unit: packages.unit, onHand: packages.quantityOnHand })
    .from(packages)
    .where(and(eq(packages.productId, productId), sellablePackage))
    .orderBy(asc(packages.packagedDate), asc(packages.tag))
    .all();
  for (const candidate of candidates) {
    const inThisCart = heldInCart(db, candidate.tag, cartId);
    const available = candidate.onHand - heldElsewhere(db, candidate.tag, cartId) - inThisCart;
    if (available >= wanted) return { tag: candidate.tag, unit: candidate.unit, available };
  }
  return null;
}

export function heldInCart(db: Reader, tag: string, cartId: string): number {
  const row = db
    .select({ held: sql<number>`coalesce(sum(${cartLines.quantity}), 0)` })
    .from(cartLines)
    .where(and(eq(cartLines.packageTag, tag), eq(cartLines.cartId, cartId)))
    .get();
  return row?.held ?? 0;
}
