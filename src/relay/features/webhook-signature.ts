import { createHmac, timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { AppError } from '../../shared/errors';

/** A timestamped webhook's replay window, each way. */
export const REPLAY_WINDOW_MS = 5 * 60_000;

/** Compares a secret or signature in constant time. */
export function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

export function hmacHex(secret: string, data: Buffer | string): string {
  return createHmac('sha256', secret).update(data).digest('hex');
}

/**
 * The signing of Greentill's own webhooks that reach the relay (the order
 * webhook v1, prefix `v1=`; the SMS gateway's inbound texts, prefix
 * `sha256=`): `X-Greentill-Timestamp` in unix seconds, and
 * `X-Greentill-Signature: <prefix><hex HMAC-SHA256 of "<timestamp>.<raw body>">`.
 * A timestamp outside the replay window is refused as stale; a missing or
 * wrong signature with the caller's own refusal.
 */
export function verifyTimestampedSignature(
  request: { readonly secret: string; readonly headers: IncomingHttpHeaders; readonly raw: Buffer; readonly now: Date },
  prefix: 'v1=' | 'sha256=',
  refuse: () => AppError,
): void {
  const timestamp = String(request.headers['x-greentill-timestamp'] ?? '');
  if (!/^\d{1,12}$/.test(timestamp)) throw refuse();
  if (Math.abs(request.now.getTime() - Number(timestamp) * 1000) > REPLAY_WINDOW_MS)
    throw new AppError('RELAY_WEBHOOK_STALE', 'The webhook timestamp is outside the 5-minute replay window: check the sender’s clock.');
  const signature = String(request.headers['x-greentill-signature'] ?? '');
  const given = signature.startsWith(prefix) ? signature.slice(prefix.length) : signature;
  if (!sameSecret(given, hmacHex(request.secret, Buffer.concat([Buffer.from(`${timestamp}.`), request.raw])))) throw refuse();
}

/** The headers a sender of such a webhook adds. */
export function timestampedSignatureHeaders(secret: string, raw: string, now: Date, prefix: 'v1=' | 'sha256='): Record<string, string> {
  const timestamp = String(Math.floor(now.getTime() / 1000));
  return { 'x-greentill-timestamp': timestamp, 'x-greentill-signature': `${prefix}${hmacHex(secret, `${timestamp}.${raw}`)}` };
}
