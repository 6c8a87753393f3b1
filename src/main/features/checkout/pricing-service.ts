import { asc, eq, sql } from 'drizzle-orm';
import { cartManualDiscounts } from '../../platform/db/schema';
import type { RegisterDb } from '../../platform/db/open';
import { preparedOnce } from '../../platform/db/prepared';
import type { RegisterTx } from '../../platform/db/transaction';
import { taxRulesFor } from '../../../shared/domain/taxes/tax-tables';
import { localTaxesSetting } from '../taxes/local-tax-setting';
import { readSetting } from '../store/settings';
import { businessDay } from '../../../shared/domain/store-calendar';
import { activePromotions, customerGroups, promotionUsage } from '../promotions/promotion-store';
import type { PriceSale } from './price-sale';
import { priceSale, type ManualDiscount, type PricingInputs } from '../../../shared/domain/pricing/sale-pricing';
import { cartRedemption, redemptionDiscounts } from '../loyalty/redemption';
import { customerLoyalty } from '../loyalty/ledger';

/** The cart's approved manual discounts, oldest first. */
export function cartDiscounts(db: RegisterDb | RegisterTx, cartId: string): ManualDiscount[] {
  return discountsOfCart(db).all({ cartId });
}

// Every priced cart view and every sale reads them: prepared once per connection (issue #18).
const discountsOfCart = preparedOnce((db) =>
  db
    .select({
      id: cartManualDiscounts.id,
      kind: cartManualDiscounts.kind,
      value: cartManualDiscounts.value,
      cartLineId: cartManualDiscounts.cartLineId,
      reason: cartManualDiscounts.reason,
    })
    .from(cartManualDiscounts)
    .where(eq(cartManualDiscounts.cartId, sql.placeholder('cartId')))
    .orderBy(asc(cartManualDiscounts.createdAt))
    .prepare(),
);

/**
 * Pricing as the sale and the cart view see it: the store's promotions, manual discounts, the state's and the store's local
 * taxes on the store-local day; then, when points are redeemed on the cart, priced again with them as line discounts on the
 * net the first pass left (loyalty/redemption.ts: a point is a cent, before tax).
 */
export const priceCart: PriceSale = (tx, lines, subject) => {
  const inputs: PricingInputs = {
    manualDiscounts: cartDiscounts(tx, subject.cartId),
    taxRules: taxRulesFor(subject.state, businessDay(subject.at, subject.timeZone), readSetting(tx, localTaxesSetting)),
    customerType: subject.customerType,
    promotions: activePromotions(tx, subject.storeId),
    moment: {
      at: subject.at,
      timeZone: subject.timeZone,
      customerGroups: customerGroups(tx, subject.customerId, subject.customerId === null ? null : customerLoyalty(tx, subject.customerId).tier.name),
      usage: promotionUsage(tx),
    },
  };
  const base = priceSale(lines, inputs);
  if (subject.customerId === null) return base;
  const redemption = cartRedemption(
    tx,
    subject.cartId,
    subject.customerId,
    subject.state,
    lines.map((l, i) => ({ lineId: l.lineId, category: l.category, netCents: base.lines[i]?.netCents ?? 0 })),
  );
  const points = redemptionDiscounts(redemption);
  return points.length === 0 ? base : priceSale(lines, { ...inputs, manualDiscounts: [...inputs.manualDiscounts, ...points] });
};
