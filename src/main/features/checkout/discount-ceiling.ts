import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { formatCents } from '../../../shared/money';
import { AppError } from '../../../shared/errors';
import { staffRoles, type StaffRole } from '../../../shared/permissions';
import { staff } from '../../platform/db/schema';
import type { RegisterTx } from '../../platform/db/transaction';
import { readSetting, type Setting } from '../store/settings';

/**
 * How large a manual discount each role may give or approve: a percent (in
 * basis points) and an amount (in cents). Without a ceiling a lead could
 * discount a cart 100 % and zero its taxes. The approving person's role
 * decides (a budtender's discount carries a lead's or manager's approval).
 */
const ceiling = z.object({ percentBp: z.number().int().min(0).max(10_000), amountCents: z.number().int().min(0).max(10_000_000) }).strict();
export type DiscountCeiling = z.infer<typeof ceiling>;
export const discountCeilingsSchema = z.partialRecord(z.enum(staffRoles), ceiling);
export type DiscountCeilings = z.infer<typeof discountCeilingsSchema>;

export const DEFAULT_DISCOUNT_CEILINGS: Readonly<Record<StaffRole, DiscountCeiling>> = {
  budtender: { percentBp: 0, amountCents: 0 },
  lead: { percentBp: 2_000, amountCents: 5_000 },
  manager: { percentBp: 5_000, amountCents: 50_000 },
  compliance_officer: { percentBp: 0, amountCents: 0 },
  admin: { percentBp: 10_000, amountCents: 10_000_000 },
};

export const discountCeilingsSetting: Setting<DiscountCeilings> = { key: 'discounts.manual_ceilings', schema: discountCeilingsSchema, defaultValue: {} };

export function ceilingFor(tx: RegisterTx, role: StaffRole): DiscountCeiling {
  return readSetting(tx, discountCeilingsSetting)[role] ?? DEFAULT_DISCOUNT_CEILINGS[role];
}

/** Refuses a manual discount over the approving person's ceiling, saying what they may give. */
export function checkDiscountCeiling(tx: RegisterTx, approvedBy: string, kind: 'percent' | 'amount', value: number): void {
  const approver = tx.select({ role: staff.role, name: staff.displayName }).from(staff).where(eq(staff.id, approvedBy)).get();
  if (approver === undefined) throw new AppError('STAFF_NOT_FOUND', 'The approving staff member is not on file.');
  const limit = ceilingFor(tx, approver.role);
  if (kind === 'percent' && value > limit.percentBp) {
    throw new AppError(
      'DISCOUNT_OVER_CEILING',
      `${approver.name} may give at most ${limit.percentBp / 100}% off; a manager with a higher ceiling must approve this discount.`,
      { ceiling: limit },
    );
  }
  if (kind === 'amount' && value > limit.amountCents) {
    throw new AppError(
      'DISCOUNT_OVER_CEILING',
      `${approver.name} may give at most ${formatCents(limit.amountCents)} off; a manager with a higher ceiling must approve this discount.`,
      { ceiling: limit },
    );
  }
}
