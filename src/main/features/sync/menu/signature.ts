import { createHash, createHmac } from 'node:crypto';

/**
 * How every Greentill webhook the register sends is signed (the menu
 * webhook v1, the staff channel, the SMS gateway): HMAC-SHA256, keyed with
 * the shared secret, over `<unix seconds>.<raw body>`. The timestamp is
 * signed too, so a receiver that refuses old timestamps (we suggest ±5
 * minutes) cannot be fed a captured request again later.
 */
export const TIMESTAMP_HEADER = 'X-Greentill-Timestamp';
export const SIGNATURE_HEADER = 'X-Greentill-Signature';

export function greentillSignature(secret: string, timestampSeconds: number, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestampSeconds}.${body}`, 'utf8').digest('hex')}`;
}

/**
 * The headers of one request. `Idempotency-Key` is a digest of the body:
 * the same batch sent again carries the same key (generic idempotency
 * middleware can replay its answer), a batch cut differently gets another
 * one. Receivers must still dedupe by event id — that is what makes a
 * resend after an unknown outcome safe.
 */
export function signedHeaders(secret: string, body: string, now: Date): Record<string, string> {
  const timestamp = Math.floor(now.getTime() / 1000);
  return {
    'content-type': 'application/json',
    accept: 'application/json',
    'idempotency-key': createHash('sha256').update(body, 'utf8').digest('hex'),
    [TIMESTAMP_HEADER.toLowerCase()]: String(timestamp),
    [SIGNATURE_HEADER.toLowerCase()]: greentillSignature(secret, timestamp, body),
  };
}
