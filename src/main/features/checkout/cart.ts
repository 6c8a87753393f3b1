import { randomUUID } from 'node:crypto';
import { and, asc, eq, sql } from 'drizzle-orm';
import { AppError } from '../../../shared/errors';
import { cartLines, carts, customers, packages } from '../../platform/db/schema';
import type { RegisterTx } from '../../platform/db/transaction';
import type { RegisterDb } from '../../platform/db/open';
import { bound, preparedOnce } from '../../platform/db/prepared';
import { resolveScan, type ScanRequest } from './scan-to-cart';
import { heldElsewhere } from './stock';

type Reader = RegisterDb | RegisterTx;
export type CartRow = typeof carts.$inferSelect;

export function openCart(tx: RegisterTx, terminalId: string, staffId: string | null, now: Date): string {
  const id = randomUUID();
  tx.insert(carts).values({ id, terminalId, staffId, status: 'open', createdAt: now, updatedAt: now }).run();
  return id;
}

/** A cart that may still change: open, at this terminal. */
export function requireOpenCart(db: Reader, cartId: string, terminalId: string): CartRow {
  const cart = cartById(db).get({ cartId });
  if (cart === undefined || cart.terminalId !== terminalId) throw new AppError('CART_NOT_FOUND', 'That cart does not exist at this terminal.');
  switch (cart.status) {
    case 'open':
      return cart;
    case 'parked':
      throw new AppError('CART_PARKED', 'This cart is parked — resume it first.');
    case 'completed':
      throw new AppError('CART_COMPLETED', 'This cart was already completed as a sale.');
    case 'abandoned':
      throw new AppError('CART_ABANDONED', 'This cart was abandoned — start a new one.');
  }
}

/**
 * Adds a scan to the cart. A packaged product scanned again from the same
 * package adds to its line; weighed goods always get their own line.
 */
export function addScanToCart(tx: RegisterTx, request: ScanRequest & { readonly now: Date }): { lineId: string } {
  const resolved = resolveScan(tx, request);
  const existing = resolved.product.sellingMode === 'each' ? cartLineOfPackage(tx).get({ cartId: request.cartId, packageTag: resolved.packageTag }) : undefined;
  if (existing !== undefined) {
    setLineQuantityTo(tx).run({ lineId: existing.id, quantity: existing.quantity + resolved.quantity });
    touch(tx, request.cartId, request.now);
    return { lineId: existing.id };
  }
  const lineId = randomUUID();
  const next = nextLineNumber(tx).get({ cartId: request.cartId });
  insertCartLine(tx).run({
    id: lineId,
    cartId: request.cartId,
    lineNumber: next?.n ?? 1,
    productId: resolved.product.id,
    packageTag: resolved.packageTag,
    quantity: resolved.quantity,
  });
  touch(tx, request.cartId, request.now);
  return { lineId };
}

/** Sets a line's quantity (units, or mg for weighed goods); never more than the package can give this cart. */
export function setLineQuantity(tx: RegisterTx, cartId: string, lineId: string, quantity: number, now: Date): void {
  const line = requireLine(tx, cartId, lineId);
  const pkg = tx.select({ onHand: packages.quantityOnHand }).from(packages).where(eq(packages.tag, line.packageTag)).get();
  const otherLinesSamePackage = tx
    .select({ q: sql<number>`coalesce(sum(${cartLines.quantity}), 0)` })
    .from(cartLines)
    .where(and(eq(cartLines.cartId, cartId), eq(cartLines.packageTag, line.packageTag), sql`${cartLines.id} != ${lineId}`))
    .get();
  const available = (pkg?.onHand ?? 0) - heldElsewhere(tx, line.packageTag, cartId) - (otherLinesSamePackage?.q ?? 0);
  if (quantity > available) {
    throw new AppError('NOT_ENOUGH_STOCK', `Only ${Math.max(available, 0)} can be sold from package …${line.packageTag.slice(-6)} right now.`, { available });
  }
  tx.update(cartLines).set({ quantity }).where(eq(cartLines.id, lineId)).run();
  touch(tx, cartId, now);
}

export function removeLine(tx: RegisterTx, cartId: string, lineId: string, now: Date): void {
  requireLine(tx, cartId, lineId);
  tx.delete(cartLines).where(eq(cartLines.id, lineId)).run();
  touch(tx, cartId, now);
}

/** Parking keeps the cart's holds on stock, so a parked customer's items are not sold to someone else. */
export function parkCart(tx: RegisterTx, cartId: string, label: string, now: Date): void {
  tx.update(carts).set({ status: 'parked', parkedLabel: label, updatedAt: now }).where(eq(carts.id, cartId)).run();
}

export function resumeCart(tx: RegisterTx, cartId: string, terminalId: string, now: Date): void {
  const cart = tx.select().from(carts).where(eq(carts.id, cartId)).get();
  if (cart === undefined || cart.terminalId !== terminalId) throw new AppError('CART_NOT_FOUND', 'That cart does not exist at this terminal.');
  if (cart.status !== 'parked') throw new AppError('CART_NOT_PARKED', 'Only a parked cart can be resumed.');
  tx.update(carts).set({ status: 'open', parkedLabel: null, updatedAt: now }).where(eq(carts.id, cartId)).run();
}

export function attachCustomer(tx: RegisterTx, cartId: string, customerId: string | null, now: Date): void {
  if (customerId === null) {
    tx.update(carts).set({ customerId: null, customerType: 'adult', idVerificationId: null, updatedAt: now }).where(eq(carts.id, cartId)).run();
    return;
  }
  const customer = tx
    .select({ id: customers.id, type: customers.customerType, mergedInto: customers.mergedInto })
    .from(customers)
    .where(eq(customers.id, customerId))
    .get();
  if (customer === undefined) throw new AppError('CUSTOMER_NOT_FOUND', 'That customer is not in this store.');
  if (customer.mergedInto !== null) throw new AppError('CUSTOMER_MERGED', 'That record was merged into another: search for the customer again.');
  // Another person's ID check does not carry over: the customer picked shows their own ID before paying.
  tx.update(carts).set({ customerId, customerType: customer.type, idVerificationId: null, updatedAt: now }).where(eq(carts.id, cartId)).run();
}

export function cartLinesOf(db: Reader, cartId: string) {
  return db.select().from(cartLines).where(eq(cartLines.cartId, cartId)).orderBy(asc(cartLines.lineNumber)).all();
}

function requireLine(tx: RegisterTx, cartId: string, lineId: string) {
  const line = tx
    .select()
    .from(cartLines)
    .where(and(eq(cartLines.id, lineId), eq(cartLines.cartId, cartId)))
    .get();
  if (line === undefined) throw new AppError('CART_LINE_NOT_FOUND', 'That line is no longer in the cart.');
  return line;
}

function touch(tx: RegisterTx, cartId: string, now: Date): void {
  touchCart(tx).run({ cartId, updatedAt: now });
}

// Every scan runs these: prepared once per connection (issue #18).
const p = sql.placeholder;

const cartById = preparedOnce((db) =>
  db
    .select()
    .from(carts)
    .where(eq(carts.id, p('cartId')))
    .prepare(),
);

const cartLineOfPackage = preparedOnce((db) =>
  db
    .select()
    .from(cartLines)
    .where(and(eq(cartLines.cartId, p('cartId')), eq(cartLines.packageTag, p('packageTag'))))
    .prepare(),
);

const setLineQuantityTo = preparedOnce((db) =>
  db
    .update(cartLines)
    .set({ quantity: sql`${p('quantity')}` })
    .where(eq(cartLines.id, p('lineId')))
    .prepare(),
);

const nextLineNumber = preparedOnce((db) =>
  db
    .select({ n: sql<number>`coalesce(max(${cartLines.lineNumber}), 0) + 1` })
    .from(cartLines)
    .where(eq(cartLines.cartId, p('cartId')))
    .prepare(),
);

const insertCartLine = preparedOnce((db) =>
  db
    .insert(cartLines)
    .values({ id: p('id'), cartId: p('cartId'), lineNumber: p('lineNumber'), productId: p('productId'), packageTag: p('packageTag'), quantity: p('quantity') })
    .prepare(),
);

const touchCart = preparedOnce((db) =>
  db
    .update(carts)
    .set({ updatedAt: bound(carts.updatedAt, 'updatedAt') })
    .where(eq(carts.id, p('cartId')))
    .prepare(),
);
