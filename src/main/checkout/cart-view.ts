import { and, asc, desc, eq, sql } from 'drizzle-orm';
import type { CartView } from '../../shared/contract/cart';
import { AppError } from '../../shared/errors';
import { cartLines, carts, products } from '../db/schema';
import type { RegisterDb } from '../db/open';
import { preparedOnce } from '../db/prepared';
import type { RegisterTx } from '../db/transaction';
import { priceCart } from './pricing-service';
import { saleLineInputs } from './sale-lines';
import { saleSubject } from './sale-subject';

type Reader = RegisterDb | RegisterTx;

/** The cart as the counter sees it, priced as the sale would be now. */
export function cartView(db: Reader, cartId: string, terminalId: string, now: Date): CartView {
  const cart = cartAtTerminal(db).get({ cartId, terminalId });
  if (cart === undefined) throw new AppError('CART_NOT_FOUND', 'That cart does not exist at this terminal.');
  const lines = viewLines(db).all({ cartId });
  return {
    cartId,
    status: cart.status,
    parkedLabel: cart.parkedLabel,
    customerId: cart.customerId,
    customerType: cart.customerType,
    lines,
    totals: totals(db, cart, now),
  };
}

// The view follows every scan: prepared once per connection (issue #18).
const cartAtTerminal = preparedOnce((db) =>
  db
    .select()
    .from(carts)
    .where(and(eq(carts.id, sql.placeholder('cartId')), eq(carts.terminalId, sql.placeholder('terminalId'))))
    .prepare(),
);

const viewLines = preparedOnce((db) =>
  db
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
    .where(eq(cartLines.cartId, sql.placeholder('cartId')))
    .orderBy(asc(cartLines.lineNumber))
    .prepare(),
);

function totals(db: Reader, cart: typeof carts.$inferSelect, now: Date): CartView['totals'] {
  const subject = saleSubject(db, cart.terminalId, cart.customerId, cart.customerType, now);
  let priced;
  try {
    priced = priceCart(db, saleLineInputs(db, cart.id), { ...subject, cartId: cart.id });
  } catch (error) {
    if (error instanceof AppError && error.code === 'TAX_TABLE_MISSING') return null;
    throw error;
  }
  const taxes = new Map<string, { taxId: string; name: string; amountCents: number }>();
  const discounts = new Map<string, number>();
  for (const line of priced.lines) {
    for (const t of line.taxes) taxes.set(t.taxId, { taxId: t.taxId, name: t.name, amountCents: (taxes.get(t.taxId)?.amountCents ?? 0) + t.amountCents });
    for (const d of line.discounts) discounts.set(d.name, (discounts.get(d.name) ?? 0) + d.amountCents);
  }
  return {
    subtotalCents: priced.subtotalCents,
    discountCents: priced.discountCents,
    taxCents: priced.taxCents,
    totalCents: priced.totalCents,
    taxes: [...taxes.values()],
    discounts: [...discounts.entries()].map(([name, amountCents]) => ({ name, amountCents })),
  };
}

export function parkedCarts(db: Reader, terminalId: string) {
  return db
    .select()
    .from(carts)
    .where(and(eq(carts.terminalId, terminalId), eq(carts.status, 'parked')))
    .orderBy(desc(carts.updatedAt))
    .all();
}
