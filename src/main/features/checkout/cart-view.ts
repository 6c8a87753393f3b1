import { and, desc, eq, sql } from 'drizzle-orm';
import type { CartView } from '../../../shared/contract/cart';
import { AppError } from '../../../shared/errors';
import { carts } from '../../platform/db/schema';
import type { RegisterDb } from '../../platform/db/open';
import { preparedOnce } from '../../platform/db/prepared';
import type { RegisterTx } from '../../platform/db/transaction';
import type { SaleLineInput } from '../../../shared/domain/pricing/sale-line';
import { priceCart } from './pricing-service';
import { saleLineInputs } from './sale-lines';
import { saleSubject } from '../compliance/sale-subject';
import { prepaymentOfCart } from './prepaid-order';

const prepaidOf = (p: { amountCents: number; reference: string } | null) => (p === null ? null : { amountCents: p.amountCents, reference: p.reference });

type Reader = RegisterDb | RegisterTx;

/** The cart as the counter sees it, priced as the sale would be now. */
export function cartView(db: Reader, cartId: string, terminalId: string, now: Date): CartView {
  const cart = cartAtTerminal(db).get({ cartId, terminalId });
  if (cart === undefined) throw new AppError('CART_NOT_FOUND', 'That cart does not exist at this terminal.');
  // One read of the lines serves both the list and the totals (the pricing engine's own input).
  const inputs = saleLineInputs(db, cart.id);
  const lines = inputs.map(({ lineId, lineNumber, productId, name, brand, category, packageTag, sellingMode, quantity, unitPriceCents }) => ({
    lineId,
    lineNumber,
    productId,
    name,
    brand,
    category,
    packageTag,
    sellingMode,
    quantity,
    unitPriceCents,
  }));
  return {
    cartId,
    status: cart.status,
    parkedLabel: cart.parkedLabel,
    customerId: cart.customerId,
    customerType: cart.customerType,
    lines,
    totals: totals(db, cart, inputs, now),
    prepaid: prepaidOf(prepaymentOfCart(db, cart.id)),
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

function totals(db: Reader, cart: typeof carts.$inferSelect, inputs: readonly SaleLineInput[], now: Date): CartView['totals'] {
  const subject = saleSubject(db, cart.terminalId, cart.customerId, cart.customerType, now);
  let priced;
  try {
    priced = priceCart(db, inputs, { ...subject, cartId: cart.id });
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
