import type { CartLoyaltyView } from '../../../shared/contract/loyalty';
import { LOYALTY_PROGRAM, pointsEarned, rewardExclusionFor } from '../../../shared/domain/loyalty/program';
import { AppError } from '../../../shared/errors';
import type { RegisterDb } from '../../platform/db/open';
import { writeTransaction, type RegisterTx } from '../../platform/db/transaction';
import type { Handlers } from '../../core/handler';
import { signedIn } from '../../core/signed-in';
import { customerLoyalty } from '../loyalty/ledger';
import { cartRedemption, clearCartRedemption, redemptionProblemMessage, setCartRedemption } from '../loyalty/redemption';
import { saleSubject } from '../compliance/sale-subject';
import { requireOpenCart } from './cart';
import { priceCart } from './pricing-service';
import { saleLineInputs } from './sale-lines';

/** The cart's loyalty panel: priced as the sale would be, so what it shows is what the sale will write. */
function cartLoyalty(db: RegisterDb | RegisterTx, cartId: string, terminalId: string, now: Date): CartLoyaltyView {
  const cart = requireOpenCart(db, cartId, terminalId);
  const subject = saleSubject(db, terminalId, cart.customerId, cart.customerType, now);
  const exclusion = rewardExclusionFor(LOYALTY_PROGRAM, subject.state);
  const common = { cartId, minimumRedemptionPoints: LOYALTY_PROGRAM.minimumRedemptionPoints, exclusion: exclusion === null ? null : { ...exclusion } };
  if (cart.customerId === null) return { ...common, customerId: null, balance: 0, tier: null, redeemPoints: 0, appliedPoints: 0, problem: null, earnPoints: 0 };
  const lines = saleLineInputs(db, cart.id);
  const priced = priceCart(db, lines, { ...subject, cartId: cart.id });
  const loyalty = customerLoyalty(db, cart.customerId);
  const applied = priced.lines.reduce((s, l) => s + l.discounts.filter((d) => d.source === 'loyalty').reduce((t, d) => t + d.amountCents, 0), 0);
  const redemption = cartRedemption(
    db,
    cart.id,
    cart.customerId,
    subject.state,
    lines.map((l) => ({ lineId: l.lineId, category: l.category, netCents: 0 })),
  );
  const earn = pointsEarned(
    LOYALTY_PROGRAM,
    subject.state,
    loyalty.tier,
    lines.map((l) => ({ lineId: l.lineId, category: l.category, netCents: priced.lines.find((p) => p.lineId === l.lineId)?.netCents ?? 0 })),
  );
  const asked = redemption?.wantedPoints ?? 0;
  return {
    ...common,
    customerId: cart.customerId,
    balance: loyalty.balance,
    tier: { ...loyalty.tier },
    redeemPoints: asked,
    appliedPoints: applied,
    problem: asked > 0 && applied === 0 && redemption !== null && 'problem' in redemption.plan ? redemptionProblemMessage(redemption.plan.problem) : null,
    earnPoints: earn.reduce((s, l) => s + l.points, 0),
  };
}

export const cartLoyaltyHandlers: Handlers<'cart-loyalty' | 'cart-loyalty-redeem'> = {
  'cart-loyalty': (input, ctx) => cartLoyalty(ctx.db, input.cartId, ctx.terminalId, ctx.now()),

  'cart-loyalty-redeem': (input, ctx) =>
    writeTransaction(ctx.db, (tx) => {
      const staffId = signedIn(ctx);
      const now = ctx.now();
      const cart = requireOpenCart(tx, input.cartId, ctx.terminalId);
      if (cart.customerId === null) throw new AppError('LOYALTY_NO_CUSTOMER', 'Add the customer to the cart first: points belong to a customer.');
      const subject = saleSubject(tx, ctx.terminalId, cart.customerId, cart.customerType, now);
      const lines = saleLineInputs(tx, cart.id);
      // The plan is checked against what the lines cost before any points (points already on the cart are set aside first).
      clearCartRedemption(tx, cart.id);
      const before = priceCart(tx, lines, { ...subject, cartId: cart.id });
      setCartRedemption(tx, {
        cartId: cart.id,
        customerId: cart.customerId,
        points: input.points,
        state: subject.state,
        lines: lines.map((l, i) => ({ lineId: l.lineId, category: l.category, netCents: before.lines[i]?.netCents ?? 0 })),
        staffId,
        terminalId: ctx.terminalId,
        now,
      });
      return cartLoyalty(tx, cart.id, ctx.terminalId, now);
    }),
};
