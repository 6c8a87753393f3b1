import { localClock } from '../store-calendar';
import type { Promotion } from './promotion';

export interface PromotionMoment {
  readonly at: Date;
  readonly timeZone: string;
  readonly customerGroups: readonly string[];
  /** Sales each promotion has already applied to. */
  readonly usage: Readonly<Record<string, number>>;
}

/** Whether a promotion may apply now, to this customer, with uses left. Times are the store's own. */
export function isEligible(promotion: Promotion, moment: PromotionMoment): boolean {
  if (promotion.startsAt !== undefined && moment.at < new Date(promotion.startsAt)) return false;
  if (promotion.endsAt !== undefined && moment.at >= new Date(promotion.endsAt)) return false;
  // The store's clock only for a promotion that asks for it (localClock: no zone conversion on a plain day).
  if (promotion.daysOfWeek !== undefined || promotion.timeOfDay !== undefined) {
    const local = localClock(moment.at, moment.timeZone);
    if (promotion.daysOfWeek !== undefined && !promotion.daysOfWeek.includes(local.weekday)) return false;
    if (promotion.timeOfDay !== undefined && (local.hhmm < promotion.timeOfDay.from || local.hhmm >= promotion.timeOfDay.to)) return false;
  }
  if (promotion.customerGroups !== undefined && !promotion.customerGroups.some((g) => moment.customerGroups.includes(g))) return false;
  if (promotion.usageLimit !== undefined && (moment.usage[promotion.id] ?? 0) >= promotion.usageLimit) return false;
  return true;
}
