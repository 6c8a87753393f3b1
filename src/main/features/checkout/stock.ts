import { and, asc, eq, inArray, ne, sql } from 'drizzle-orm';
import { cartLines, carts, packages } from '../../platform/db/schema';
import type { RegisterTx } from '../../platform/db/transaction';
import type { RegisterDb } from '../../platform/db/open';
import { preparedOnce } from '../../platform/db/prepared';
import { sellablePackage } from '../catalog/search';

type Reader = RegisterDb | RegisterTx;

/** Units (or mg) of a package promised to open or parked carts other than `exceptCartId`. */
export function heldElsewhere(db: Reader, tag: string, exceptCartId: string | null): number {
  const row = exceptCartId === null ? heldInAnyCart(db).get({ tag }) : heldInOtherCarts(db).get({ tag, exceptCartId });
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
  const candidates = sellablePackagesFifo(db).all({ productId });
  for (const candidate of candidates) {
    const inThisCart = heldInCart(db, candidate.tag, cartId);
    const available = candidate.onHand - heldElsewhere(db, candidate.tag, cartId) - inThisCart;
    if (available >= wanted) return { tag: candidate.tag, unit: candidate.unit, available };
  }
  return null;
}

export function heldInCart(db: Reader, tag: string, cartId: string): number {
  return heldInThisCart(db).get({ tag, cartId })?.held ?? 0;
}

// Every scan asks these per candidate package: prepared once per connection (issue #18).
const p = sql.placeholder;

const heldInCarts = (db: Reader, exceptCart: boolean) =>
  db
    .select({ held: sql<number>`coalesce(sum(${cartLines.quantity}), 0)` })
    .from(cartLines)
    .innerJoin(carts, eq(carts.id, cartLines.cartId))
    .where(and(eq(cartLines.packageTag, p('tag')), inArray(carts.status, ['open', 'parked']), exceptCart ? ne(carts.id, p('exceptCartId')) : undefined))
    .prepare();
const heldInAnyCart = preparedOnce((db) => heldInCarts(db, false));
const heldInOtherCarts = preparedOnce((db) => heldInCarts(db, true));

const sellablePackagesFifo = preparedOnce((db) =>
  db
    .select({ tag: packages.tag, unit: packages.unit, onHand: packages.quantityOnHand })
    .from(packages)
    .where(and(eq(packages.productId, p('productId')), sellablePackage))
    .orderBy(asc(packages.packagedDate), asc(packages.tag))
    .prepare(),
);

const heldInThisCart = preparedOnce((db) =>
  db
    .select({ held: sql<number>`coalesce(sum(${cartLines.quantity}), 0)` })
    .from(cartLines)
    .where(and(eq(cartLines.packageTag, p('tag')), eq(cartLines.cartId, p('cartId'))))
    .prepare(),
);
