import { asc, eq, sql } from 'drizzle-orm';
import { cartLines, packages, products } from '../../platform/db/schema';
import type { RegisterDb } from '../../platform/db/open';
import { preparedOnce } from '../../platform/db/prepared';
import type { RegisterTx } from '../../platform/db/transaction';
import type { SaleLineInput } from '../../../shared/domain/pricing/sale-line';

/** The cart's lines with what pricing and compliance need of each product and package. */
export function saleLineInputs(tx: RegisterDb | RegisterTx, cartId: string): SaleLineInput[] {
  return lineInputs(tx).all({ cartId });
}

// Read by every scan's cart view and by the sale: prepared once per connection (issue #18).
const lineInputs = preparedOnce((tx) =>
  tx
    .select({
      lineId: cartLines.id,
      lineNumber: cartLines.lineNumber,
      productId: products.id,
      name: products.name,
      brand: products.brand,
      category: products.category,
      sellingMode: products.sellingMode,
      packageTag: cartLines.packageTag,
      packageUnit: packages.unit,
      quantity: cartLines.quantity,
      unitPriceCents: products.priceCents,
      netWeightMg: products.netWeightMg,
      thcMg: products.thcMg,
      // The lab's potency where the catalogue has it: a tax banded by potency (IL) must not read a figure re-derived from rounded mg.
      thcPotencyBp: products.thcPercentBp,
    })
    .from(cartLines)
    .innerJoin(products, eq(products.id, cartLines.productId))
    .innerJoin(packages, eq(packages.tag, cartLines.packageTag))
    .where(eq(cartLines.cartId, sql.placeholder('cartId')))
    .orderBy(asc(cartLines.lineNumber))
    .prepare(),
);
