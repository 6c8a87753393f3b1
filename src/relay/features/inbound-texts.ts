import { createHash, randomUUID } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { and, asc, eq, gt, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { RelayInboundText } from '../../shared/contract/relay';
import { AppError } from '../../shared/errors';
import type { RelayDb } from '../db/open';
import { inboundTexts, relaySmsConnections, relayStores, relaySmsProviders, type RelaySmsProvider } from '../db/schema';
import type { RelayStore } from './stores';
import { recordTaken } from './retention';
import { sameSecret, timestampedSignatureHeaders, verifyTimestampedSignature } from './webhook-signature';

/**
 * Texts customers send in (STOP, START, HELP…), as the store's SMS provider
 * delivers them to the relay: verified, stored exactly once, then pulled by
 * the store after its texts cursor and applied to its consent ledger there
 * (the ledger and its rules live only at the store).
 *
 * - `gateway` (the generic HTTPS provider, ours: README "Inbound texts"):
 *   `X-Greentill-Timestamp` + `X-Greentill-Signature: sha256=<hex HMAC-SHA256
 *   of "<timestamp>.<raw body>">`, 5-minute window; body
 *   `{ "id", "from", "body", "receivedAt"? }`.
 * - `alpine_iq` ⚠ verify: Alpine IQ's inbound-message webhook is not in its
 *   public API summary; this assumes the shared secret as
 *   `Authorization: Bearer <secret>` and a body `{ "id"?, "phone", "message" }`.
 *   Without an id the dedupe key is the body's hash: a repeat of the very
 *   same body is taken once (STOP twice is still STOP).
 */

/** Serialises inserts so the texts cursor (seq) is commit order: a store never skips a STOP. */
const TEXTS_CURSOR_LOCK = 2_100_022;

const unsigned = (provider: string) =>
  new AppError('RELAY_SIGNATURE_INVALID', `The ${provider} inbound-text webhook's signature does not match this connection's secret.`);

export function verifyInboundText(provider: RelaySmsProvider, secret: string, headers: IncomingHttpHeaders, raw: Buffer, now: Date): void {
  if (provider === 'alpine_iq') {
    const given = /^Bearer (.+)$/.exec(String(headers.authorization ?? ''))?.[1] ?? '';
    if (!sameSecret(given, secret)) throw unsigned('Alpine IQ');
    return;
  }
  verifyTimestampedSignature({ secret, headers, raw, now }, 'sha256=', () => unsigned('SMS gateway'));
}

/** Signs an inbound-text body as the generic gateway must: the headers it adds. */
export function signInboundText(secret: string, raw: string, now: Date): Record<string, string> {
  return timestampedSignatureHeaders(secret, raw, now, 'sha256=');
}

const phone = z.string().trim().min(3).max(40);
const gatewayBody = z.object({ id: z.string().trim().min(1).max(200), from: phone, body: z.string().max(2000), receivedAt: z.string().optional() });
const alpineBody = z.object({ id: z.union([z.string(), z.number()]).transform(String).optional(), phone, message: z.string().max(2000) });

export interface ParsedText {
  readonly messageId: string;
  readonly from: string;
  readonly body: string;
}

export function parseInboundText(provider: RelaySmsProvider, raw: Buffer): ParsedText {
  let json: unknown;
  try {
    json = JSON.parse(raw.toString('utf8'));
  } catch {
    throw new AppError('INVALID_INPUT', 'The inbound-text body is not JSON.');
  }
  if (provider === 'gateway') {
    const body = gatewayBody.parse(json);
    return { messageId: body.id, from: body.from, body: body.body };
  }
  const body = alpineBody.parse(json);
  return { messageId: body.id ?? `sha256:${createHash('sha256').update(raw).digest('hex').slice(0, 32)}`, from: body.phone, body: body.message };
}

export async function findSmsConnection(db: RelayDb, connectionId: string) {
  const [row] = await db.select().from(relaySmsConnections).where(eq(relaySmsConnections.id, connectionId));
  return row ?? null;
}

/** Stores one inbound text once; a redelivery stores nothing. */
export async function ingestInboundText(
  db: RelayDb,
  connection: typeof relaySmsConnections.$inferSelect,
  text: ParsedText,
  now: Date,
): Promise<{ stored: boolean }> {
  return db.transaction(async (tx) => {
    await tx.execute(sql`SELECT pg_advisory_xact_lock(${TEXTS_CURSOR_LOCK})`);
    const inserted = await tx
      .insert(inboundTexts)
      .values({
        connectionId: connection.id,
        storeId: connection.storeId,
        provider: connection.provider,
        messageId: text.messageId,
        fromPhone: text.from,
        body: text.body,
        receivedAt: now,
      })
      .onConflictDoNothing()
      .returning({ seq: inboundTexts.seq });
    return { stored: inserted.length > 0 };
  });
}

const MAX_PULL = 500;

/**
 * The store's inbound texts after its texts cursor, oldest first. Asking
 * after N says the store has everything up to N: recorded for the purge.
 * A purged text (only ever one the store already took) is not served again.
 */
export async function pullInboundTexts(db: RelayDb, store: RelayStore, after: number, limit = 200): Promise<{ texts: RelayInboundText[]; next: number }> {
  await recordTaken(db, store.id, 'texts', after);
  const rows = await db
    .select()
    .from(inboundTexts)
    .where(and(eq(inboundTexts.storeId, store.id), gt(inboundTexts.seq, after)))
    .orderBy(asc(inboundTexts.seq))
    .limit(Math.max(1, Math.min(limit, MAX_PULL)));
  return {
    texts: rows.flatMap((r) =>
      r.fromPhone === null || r.body === null
        ? []
        : [
            {
              cursor: r.seq,
              connectionId: r.connectionId,
              provider: r.provider,
              messageId: r.messageId,
              from: r.fromPhone,
              body: r.body,
              receivedAt: r.receivedAt.toISOString(),
            },
          ],
    ),
    next: rows.at(-1)?.seq ?? after,
  };
}

/** Connects a store's SMS provider: the answer names the path to give the provider for inbound messages. */
export async function addSmsConnection(
  db: RelayDb,
  input: { storeId: string; provider: string; secret: string },
  now: Date,
): Promise<{ connectionId: string; webhookPath: string }> {
  if (!(relaySmsProviders as readonly string[]).includes(input.provider))
    throw new AppError('INVALID_INPUT', `The SMS provider is one of ${relaySmsProviders.join(', ')}.`);
  if (input.secret.length < 16 || input.secret.length > 200) throw new AppError('INVALID_INPUT', 'The shared secret must be 16–200 characters.');
  const [store] = await db.select().from(relayStores).where(eq(relayStores.id, input.storeId));
  if (store === undefined || store.retiredAt !== null) throw new AppError('RELAY_STORE_NOT_FOUND', `No active store ${input.storeId} on this relay.`);
  const connectionId = randomUUID();
  await db
    .insert(relaySmsConnections)
    .values({ id: connectionId, storeId: input.storeId, provider: input.provider as RelaySmsProvider, secret: input.secret, createdAt: now });
  return { connectionId, webhookPath: `/v1/sms/inbound/${connectionId}` };
}
