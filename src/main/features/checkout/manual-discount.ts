import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { AppError } from '../../../shared/errors';
import { appendAudit } from '../../platform/audit/log';
import { cartLines, cartManualDiscounts, incidents } from '../../platform/db/schema';
import type { RegisterTx } from '../../platform/db/transaction';
import { storeIdOfTerminal } from '../store/terminal';
import { checkDiscountCeiling } from './discount-ceiling';

export interface ManualDiscountRequest {
  readonly cartId: string;
  readonly lineId: string | null;
  readonly kind: 'percent' | 'amount';
  readonly value: number;
  readonly reasonCode: 'promotion_failed' | 'damaged' | 'customer_service' | 'other';
  readonly reason: string;
  readonly staffId: string;
  readonly approvedBy: string;
  readonly terminalId: string;
  readonly now: Date;
}

/**
 * A manual discount, always with a reason and the person who approved it,
 * in the audit log; "promotion failed to apply" also opens an incident so
 * someone fixes the promotion rather than discounting by hand every day.
 */
export function addManualDiscount(tx: RegisterTx, request: ManualDiscountRequest): void {
  if (request.kind === 'percent' && request.value > 10_000) throw new AppError('DISCOUNT_TOO_LARGE', 'A percent discount cannot exceed 100%.');
  checkDiscountCeiling(tx, request.approvedBy, request.kind, request.value);
  if (
    request.lineId !== null &&
    tx
      .select({ id: cartLines.id })
      .from(cartLines)
      .where(and(eq(cartLines.id, request.lineId), eq(cartLines.cartId, request.cartId)))
      .get() === undefined
  ) {
    throw new AppError('CART_LINE_NOT_FOUND', 'That line is no longer in the cart.');
  }
  const id = randomUUID();
  tx.insert(cartManualDiscounts)
    .values({
      id,
      cartId: request.cartId,
      kind: request.kind,
      value: request.value,
      cartLineId: request.lineId,
      reason: request.reason,
      reasonCode: request.reasonCode,
      approvedBy: request.approvedBy,
      createdAt: request.now,
    })
    .run();
  appendAudit(tx, {
    at: request.now,
    staffId: request.staffId,
    terminalId: request.terminalId,
    action: 'discount.manual',
    entityType: 'cart',
    entityId: request.cartId,
    after: {
      kind: request.kind,
      value: request.value,
      lineId: request.lineId,
      reasonCode: request.reasonCode,
      reason: request.reason,
      approvedBy: request.approvedBy,
    },
  });
  if (request.reasonCode === 'promotion_failed') {
    tx.insert(incidents)
      .values({
        id: randomUUID(),
        storeId: storeIdOfTerminal(tx, request.terminalId),
        kind: 'promotion_failed',
        entityType: 'cart',
        entityId: request.cartId,
        staffId: request.staffId,
        description: request.reason,
        createdAt: request.now,
      })
      .run();
  }
}
