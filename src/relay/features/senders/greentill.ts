import type { RelayConnection, RelayJob } from '../../db/schema';
import { signGreentillWebhook } from '../platforms';
import { judgeStatusAnswer, timedFetch, type SendOutcome } from './outcome';

/**
 * The Greentill order webhook v1's status callback (ours; README "Status
 * callback"): `POST <status url>` with
 * `{ version: 1, id, type: "order.status", orderId, status, cancelReason, occurredAt }`,
 * signed as the order webhook is (`X-Greentill-Timestamp`,
 * `X-Greentill-Signature: v1=…` over "<timestamp>.<body>", the connection's
 * secret). `id` is the store's id for the change and is the same on every
 * retry: the receiver applies each id once, so a lost answer is harmless.
 * 2xx: taken (or already had); 408, 429, 5xx or no answer: sent again later;
 * any other answer (409: it has a later or final status) is kept as refused.
 */
export async function sendGreentillStatus(connection: RelayConnection, job: RelayJob, timeoutMs: number): Promise<SendOutcome> {
  const wanted = job.status ?? '';
  const raw = JSON.stringify({
    version: 1,
    id: job.dedupeKey,
    type: 'order.status',
    orderId: job.orderId,
    status: wanted,
    cancelReason: job.reason,
    occurredAt: job.createdAt.toISOString(),
  });
  const res = await timedFetch(
    connection.apiBase ?? '',
    { method: 'POST', headers: { 'content-type': 'application/json', ...signGreentillWebhook(connection.secret, raw, new Date()) }, body: raw },
    timeoutMs,
  );
  return judgeStatusAnswer('The Greentill webhook receiver', res, wanted, () => Promise.resolve(false));
}
