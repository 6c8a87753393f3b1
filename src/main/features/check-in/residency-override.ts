import { eq } from 'drizzle-orm';
import { AppError } from '../../../shared/errors';
import { appendAudit } from '../../platform/audit/log';
import { idVerifications } from '../../platform/db/schema';
import type { RegisterDb } from '../../platform/db/open';
import { writeTransaction } from '../../platform/db/transaction';
import { requireOpenCart } from '../checkout/cart';

/**
 * Residency comes from the ID's issuer; a manager may correct it (a
 * resident with an out-of-state licence, say) with a written reason. The
 * change is kept on the ID check the sale uses and in the audit log.
 */
export function overrideResidency(
  db: RegisterDb,
  input: { cartId: string; resident: boolean; reason: string; terminalId: string; staffId: string; approvedBy: string; now: Date },
): { resident: boolean } {
  return writeTransaction(db, (tx) => {
    const cart = requireOpenCart(tx, input.cartId, input.terminalId);
    const check = cart.idVerificationId === null ? undefined : tx.select().from(idVerifications).where(eq(idVerifications.id, cart.idVerificationId)).get();
    if (check === undefined || check.outcome !== 'accepted')
      throw new AppError('CHECK_IN_REQUIRED', 'Check the customer in first: residency is read from their ID.');
    tx.update(idVerifications)
      .set({ resident: input.resident, residencyOverriddenBy: input.approvedBy, residencyOverrideReason: input.reason })
      .where(eq(idVerifications.id, check.id))
      .run();
    appendAudit(tx, {
      at: input.now,
      staffId: input.staffId,
      terminalId: input.terminalId,
      action: 'check_in.residency_override',
      entityType: 'id_verification',
      entityId: check.id,
      before: { resident: check.resident },
      after: { resident: input.resident, reason: input.reason, approvedBy: input.approvedBy },
    });
    return { resident: input.resident };
  });
}
