import { AppError } from '../../errors';
import { formatCents } from '../../money';

export type TenderInput =
  | { readonly tender: 'cash'; readonly tenderedCents: number }
  | { readonly tender: 'debit' | 'card'; readonly amountCents: number; readonly reference: string }
  /** What an online platform charged the customer (a prepaid order): never typed at the till, read from the order. */
  | { readonly tender: 'prepaid'; readonly amountCents: number; readonly reference: string }
  /** The customer's store credit (a quality resolution's credit): the caller checks their balance. */
  | { readonly tender: 'store_credit'; readonly amountCents: number };

export interface AppliedTender {
  readonly tender: 'cash' | 'debit' | 'card' | 'prepaid' | 'store_credit';
  readonly amountCents: number;
  readonly tenderedCents: number;
  readonly changeCents: number;
  readonly reference: string | null;
}

/** US notes and coins, largest first, for handing back change. */
const DENOMINATIONS_CENTS = [10_000, 5_000, 2_000, 1_000, 500, 100, 25, 10, 5, 1] as const;

/**
 * Applies the tenders to a total. Card and debit amounts are exact (the
 * external terminal charged them); cash covers the rest and gives change.
 * In cash-only mode a card tender is refused.
 *
 * A prepaid tender (an online order the platform charged) comes first and
 * is tendered at what the platform charged: it covers the sale up to that,
 * gives no change (more charged than the register's total is a price
 * difference the platform settles, recorded by the caller), and when it
 * covers less, the rest is never taken silently — the difference is named
 * and only a tender staff add for it (the customer agreeing) covers it.
 */
export function applyTenders(totalCents: number, tenders: readonly TenderInput[], cashOnly: boolean): AppliedTender[] {
  if (tenders.length === 0) throw new AppError('PAYMENT_MISSING', `Take payment: ${formatCents(totalCents)} is due.`);
  let remaining = totalCents;
  const applied: AppliedTender[] = [];
  for (const t of tenders) {
    if (t.tender !== 'prepaid') continue;
    const amountCents = Math.min(t.amountCents, remaining);
    applied.push({ tender: 'prepaid', amountCents, tenderedCents: t.amountCents, changeCents: 0, reference: t.reference });
    remaining -= amountCents;
  }
  const prepaidCents = applied.reduce((s, t) => s + t.tenderedCents, 0);
  if (applied.length > 0 && remaining > 0 && tenders.every((t) => t.tender === 'prepaid'))
    throw new AppError(
      'PREPAID_DIFFERENCE_DUE',
      `The platform charged ${formatCents(prepaidCents)} but the register's total is ${formatCents(totalCents)}: ` +
        `${formatCents(remaining)} more is due. Take it only if the customer agrees (add a tender for it), or correct the prices.`,
      { dueCents: remaining, prepaidCents, totalCents },
    );
  for (const t of tenders) {
    if (t.tender === 'cash' || t.tender === 'prepaid') continue;
    // Store credit is the register's own ledger, not the card terminal: it is taken in cash-only mode too.
    if (t.tender === 'store_credit') {
      if (t.amountCents > remaining)
        throw new AppError('STORE_CREDIT_OVERPAY', `Store credit of ${formatCents(t.amountCents)} is more than the ${formatCents(remaining)} still due.`);
      applied.push({ tender: 'store_credit', amountCents: t.amountCents, tenderedCents: t.amountCents, changeCents: 0, reference: null });
      remaining -= t.amountCents;
      continue;
    }
    if (cashOnly) {
      throw new AppError('CASH_ONLY_MODE', 'The card terminal is marked as down: take cash, or switch card payments back on when it works again.');
    }
    if (t.amountCents > remaining) {
      throw new AppError('CARD_OVERPAY', `The ${t.tender} amount ${formatCents(t.amountCents)} is more than the ${formatCents(remaining)} still due.`);
    }
    applied.push({ tender: t.tender, amountCents: t.amountCents, tenderedCents: t.amountCents, changeCents: 0, reference: t.reference });
    remaining -= t.amountCents;
  }
  const cashTendered = tenders.reduce((sum, t) => sum + (t.tender === 'cash' ? t.tenderedCents : 0), 0);
  if (cashTendered < remaining) {
    throw new AppError('PAYMENT_SHORT', `${formatCents(remaining - cashTendered)} is still due.`, { dueCents: remaining - cashTendered });
  }
  if (cashTendered > 0) {
    applied.push({ tender: 'cash', amountCents: remaining, tenderedCents: cashTendered, changeCents: cashTendered - remaining, reference: null });
  }
  return applied;
}

/** Change as notes and coins (greedy is optimal for US denominations). */
export function changeDenominations(changeCents: number): Array<{ readonly cents: number; readonly count: number }> {
  const result: Array<{ cents: number; count: number }> = [];
  let left = changeCents;
  for (const cents of DENOMINATIONS_CENTS) {
    const count = Math.floor(left / cents);
    if (count > 0) result.push({ cents, count });
    left -= count * cents;
  }
  return result;
}
