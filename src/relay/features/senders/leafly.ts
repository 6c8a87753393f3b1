import { statusRank } from '../../../shared/domain/online-orders/platform-status';
import type { RelayConnection, RelayJob } from '../../db/schema';
import { judgeStatusAnswer, retryableStatus, timedFetch, type SendOutcome } from './outcome';

/**
 * Leafly Order API v1 (../shared/reference/orders.md): acknowledge with
 * `POST /{key}/orders/{id}/acknowledge`, statuses with `POST …/status`
 * `{status, cancel_reason}`. A status job first reads the order (`GET
 * /{key}/orders/{id}`): a relay killed mid-call, or an answer lost on the
 * way back, must not send the same status twice.
 */
const orderUrl = (connection: RelayConnection, orderId: string) =>
  `${connection.apiBase ?? ''}/${encodeURIComponent(connection.apiKey ?? '')}/orders/${encodeURIComponent(orderId)}`;

export async function acknowledgeOnLeafly(connection: RelayConnection, orderId: string, timeoutMs: number): Promise<SendOutcome> {
  const res = await timedFetch(`${orderUrl(connection, orderId)}/acknowledge`, { method: 'POST' }, timeoutMs);
  await res.arrayBuffer().catch(() => undefined);
  if (res.ok) return { done: true, outcome: 'sent' };
  const error = `Leafly answered ${res.status} to the acknowledgement`;
  return retryableStatus(res.status) ? { done: false, error } : { done: true, outcome: 'refused', error };
}

export async function sendLeaflyStatus(connection: RelayConnection, job: RelayJob, timeoutMs: number): Promise<SendOutcome> {
  const base = orderUrl(connection, job.orderId);
  const wanted = job.status ?? '';
  const has = async () => {
    const res = await timedFetch(base, { method: 'GET' }, timeoutMs);
    if (!res.ok) return false;
    const order = (await res.json().catch(() => null)) as { status?: unknown } | null;
    return typeof order?.status === 'string' && statusRank(order.status) >= statusRank(wanted);
  };
  if (await has()) return { done: true, outcome: 'already' };
  const body = wanted === 'canceled' ? { status: wanted, cancel_reason: job.reason } : { status: wanted };
  const res = await timedFetch(base + '/status', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }, timeoutMs);
  return judgeStatusAnswer('Leafly', res, wanted, has);
}
