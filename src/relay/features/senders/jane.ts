import type { PlatformStatus } from '../../../shared/domain/online-orders/platform-status';
import type { RelayConnection, RelayJob } from '../../db/schema';
import { judgeStatusAnswer, timedFetch, type SendOutcome } from './outcome';

/**
 * Statuses back to Jane (Roots). ⚠ verify: Jane's partner API is not public.
 * Only its cart status names are known (../shared/reference/orders.md, from
 * secondary sources); the calls below are this relay's assumption, isolated
 * here and followed by the fake Jane in test/:
 *   `GET  <api base>/carts/<cart id>`          → `{ "status": "<jane status>" }`
 *   `PUT  <api base>/carts/<cart id>/status`   ← `{ "status": "<jane status>", "cancellation_reason"?: "<reason>" }`
 * both with `Authorization: Bearer <api key>` (the partner key, not the
 * webhook's shared secret). The read first makes a lost answer harmless.
 */
export const JANE_STATUS: Record<PlatformStatus, string> = {
  confirmed: 'staff_member_review', // ⚠ verify: the store has taken the cart and is preparing it
  ready: 'ready_for_pickup',
  out_for_delivery: 'delivery_started',
  arrived_at_customer: 'delivery_finished',
  picked_up: 'finished',
  canceled: 'cancelled',
};

/** Jane's cart statuses in their forward order ⚠ verify (the store's reading of its lifecycle); final ones share the last rank. */
const JANE_RANK: Record<string, number> = {
  verification: 0,
  pending: 0,
  staff_member_review: 1,
  ready_for_pickup: 2,
  delivery_started: 3,
  delivery_finished: 4,
  finished: 5,
  finished_without_review: 5,
  with_review: 5,
  dismissed: 5,
  cancelled: 5,
};
export const janeStatusRank = (status: string): number => JANE_RANK[status] ?? -1;

export async function sendJaneStatus(connection: RelayConnection, job: RelayJob, timeoutMs: number): Promise<SendOutcome> {
  const cart = `${connection.apiBase ?? ''}/carts/${encodeURIComponent(job.orderId)}`;
  const headers = { authorization: `Bearer ${connection.apiKey ?? ''}` };
  const wanted = JANE_STATUS[(job.status ?? '') as PlatformStatus] ?? '';
  if (wanted === '') return { done: true, outcome: 'refused', error: `No Jane status for ${job.status ?? ''}` };
  const has = async () => {
    const res = await timedFetch(cart, { method: 'GET', headers }, timeoutMs);
    if (!res.ok) return false;
    const body = (await res.json().catch(() => null)) as { status?: unknown } | null;
    return typeof body?.status === 'string' && janeStatusRank(body.status) >= janeStatusRank(wanted);
  };
  if (await has()) return { done: true, outcome: 'already' };
  const body = wanted === 'cancelled' ? { status: wanted, cancellation_reason: job.reason } : { status: wanted };
  const res = await timedFetch(
    `${cart}/status`,
    { method: 'PUT', headers: { ...headers, 'content-type': 'application/json' }, body: JSON.stringify(body) },
    timeoutMs,
  );
  return judgeStatusAnswer('Jane', res, wanted, has);
}
