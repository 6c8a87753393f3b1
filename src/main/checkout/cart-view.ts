import { and, asc, desc, eq } from 'drizzle-orm';
import type { CartView } from '../../shared/contract/cart';
import { AppError } from '../../shared/errors';
import { cartLines, carts, products } from '../db/schema';
import type { RegisterDb } from '../db/open';
import type { RegisterTx } from '../db/transaction';

type Reader = RegisterDb | RegisterTx;

/** The cart as the counter sees it. */
export function cartView(db: Reader, cartId: string, terminalId: string): CartView {
  const cart = db.select().from(carts).where(and(eq(carts.id, cartId), eq(carts.terminalId, terminalId))).get();
  if (cart === undefined) throw new AppError('CART_NOT_FOUND', 'That cart does not exist at this terminal.');
  const lines = db
    .select({
      lineId: cartLines.id,
      lineNumber: cartLines.lineNumber,
      productId: products.id,
      name: products.name,
      brand: products.brand,
      category: products.category,
      packageTag: cartLines.packageTag,
      sellingMode: products.sellingMode,
      quantity: cartLines.quantity,
      unitPriceCents: products.priceCents,
    })
    .from(cartLines)
    .innerJoin(products, eq(products.id, cartLines.productId))
    .where(eq(cartLines.cartId, cartId))
    .orderBy(asc(cartLines.lineNumber))
    .all();
  return { cartId, status: cart.status, parkedLabel: cart.parkedLabel, customerId: cart.customerId, customerType: cart.customerType, lines };
}

export function parkedCarts(db: Reader, terminalId: string) {
  return db
    .select()
    .from(carts)
    .where(and(eq(carts.terminalId, terminalId), eq(carts.status, 'parked')))
    .orderBy(desc(carts.updatedAt))
    .all();
}
