/**
 * The status a store sends back to a marketplace (issue #21), by Leafly's
 * Order API v1 rules (docs: ../shared/reference/orders.md): forward-only,
 * partners never set `pending` or `expired`, and `picked_up`, `canceled`,
 * `expired` are final. A later status supersedes an earlier one still queued.
 */
export const platformStatuses = ['confirmed', 'ready', 'out_for_delivery', 'arrived_at_customer', 'picked_up', 'canceled'] as const;
export type PlatformStatus = (typeof platformStatuses)[number];

export const cancelReasons = ['not_picked_up', 'customer', 'dispensary', 'pos', 'delivery_partner', 'ecommerce_partner', 'order_api_unacknowledged'] as const;
export type CancelReason = (typeof cancelReasons)[number];

const RANK: Record<string, number> = {
  pending: 0,
  confirmed: 1,
  ready: 2,
  out_for_delivery: 3,
  arrived_at_customer: 4,
  picked_up: 5,
  canceled: 5,
  expired: 5,
};

/** A status's place in the forward-only order; unknown statuses rank nowhere (-1). */
export const statusRank = (status: string): number => RANK[status] ?? -1;

export const isFinalStatus = (status: string): boolean => status === 'picked_up' || status === 'canceled' || status === 'expired';

/**
 * Whether `to` may follow `from` (null: nothing sent yet). The same status
 * again is not a move (the caller treats it as already done).
 */
export function canMove(from: string | null, to: PlatformStatus): boolean {
  if (from === null) return true;
  if (isFinalStatus(from)) return false;
  return statusRank(to) > statusRank(from);
}
