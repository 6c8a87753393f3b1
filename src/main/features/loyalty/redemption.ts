import { eq, sql } from 'drizzle-orm';
import { AppError } from '../../../shared/errors';
import { LOYALTY_PROGRAM, planRedemption, type RedeemableLine, type RedemptionProblem } from '../../../shared/domain/loyalty/program';
import type { ManualDiscount } from '../../../shared/domain/pricing/sale-pricing';
import { appendAudit } from '../../platform/audit/log';
import { cartLoyaltyRedemptions } from '../../platform/db/schema';
import type { RegisterDb } from '../../platform/db/open';
import type { RegisterTx } from '../../platform/db/transaction';
import { preparedOnce } from '../../platform/db/prepared';
import { customerLoyalty } from './ledger';

type Reader = RegisterDb | RegisterTx;

export const LOYALTY_DISCOUNT_NAME = 'Loyalty points';

export interface CartRedemption {
  readonly wantedPoints: number;
  readonly plan: { points: number; perLine: Array<{ lineId: string; points: number }> } | { problem: RedemptionProblem };
}

const PROBLEM_MESSAGES: Record<RedemptionProblem, string> = {
  below_minimum: `Redeem at least ${LOYALTY_PROGRAM.minimumRedemptionPoints} points.`,
  over_balance: 'The customer does not have that many points.',
  nothing_eligible: 'Nothing in this cart can be paid with points here (state rule: rewards only on non-cannabis goods).',
};

export function redemptionProblemMessage(problem: RedemptionProblem): string {
  return PROBLEM_MESSAGES[problem];
}

/** The cart's redemption, planned against the customer's balance now and the lines' net before points; null when none was asked for. */
export function cartRedemption(db: Reader, cartId: string, customerId: string, state: string, lines: readonly RedeemableLine[]): CartRedemption | null {
  const row = redemptionOfCart(db).get({ cartId });
  if (row === undefined) return null;
  // Points belong to the customer who was on the cart when they were redeemed: another customer's cart pays nothing with them.
  if (row.customerId !== customerId) return { wantedPoints: row.points, plan: { problem: 'over_balance' } };
  const { balance } = customerLoyalty(db, row.customerId);
  return { wantedPoints: row.points, plan: planRedemption(LOYALTY_PROGRAM, state, row.points, balance, lines) };
}

/** Whether points were asked for on this cart (the sale refuses to complete if they no longer apply). */
export function hasCartRedemption(db: Reader, cartId: string): boolean {
  return redemptionOfCart(db).get({ cartId }) !== undefined;
}

// Every pricing and every sale asks (issue #18: prepared once per connection).
const redemptionOfCart = preparedOnce((db) =>
  db
    .select()
    .from(cartLoyaltyRedemptions)
    .where(eq(cartLoyaltyRedemptions.cartId, sql.placeholder('cartId')))
    .prepare(),
);

/** A planned redemption as line discounts (a point is a cent), applied before tax by pricing. */
export function redemptionDiscounts(redemption: CartRedemption | null): ManualDiscount[] {
  if (redemption === null || 'problem' in redemption.plan) return [];
  return redemption.plan.perLine.map((l) => ({
    id: `loyalty:${l.lineId}`,
    kind: 'amount' as const,
    value: l.points,
    cartLineId: l.lineId,
    reason: `${LOYALTY_DISCOUNT_NAME} (${l.points} pts)`,
    source: 'loyalty' as const,
  }));
}

/** Takes points off a cart (no audit: the caller sets them again, or the cart is gone). */
export function clearCartRedemption(tx: RegisterTx, cartId: string): void {
  tx.delete(cartLoyaltyRedemptions).where(eq(cartLoyaltyRedemptions.cartId, cartId)).run();
}

/** Sets (or with 0 clears) the points to redeem on a cart, after checking the customer has them; audited. */
export function setCartRedemption(
  tx: RegisterTx,
  request: {
    cartId: string;
    customerId: string;
    points: number;
    state: string;
    lines: readonly RedeemableLine[];
    staffId: string;
    terminalId: string;
    now: Date;
  },
): void {
  clearCartRedemption(tx, request.cartId);
  if (request.points > 0) {
    const { balance } = customerLoyalty(tx, request.customerId);
    const plan = planRedemption(LOYALTY_PROGRAM, request.state, request.points, balance, request.lines);
    if ('problem' in plan) throw new AppError('LOYALTY_REDEMPTION_REFUSED', PROBLEM_MESSAGES[plan.problem], { problem: plan.problem, balance });
    tx.insert(cartLoyaltyRedemptions)
      .values({ cartId: request.cartId, customerId: request.customerId, points: request.points, staffId: request.staffId, createdAt: request.now })
      .run();
  }
  appendAudit(tx, {
    at: request.now,
    staffId: request.staffId,
    terminalId: request.terminalId,
    action: 'loyalty.redeem_set',
    entityType: 'cart',
    entityId: request.cartId,
    after: { customerId: request.customerId, points: request.points },
  });
}
