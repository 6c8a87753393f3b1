import { createHash } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { z } from 'zod';
import type { RelayOrder } from '../../shared/contract/relay';
import { AppError } from '../../shared/errors';
import type { RelayPlatform } from '../db/schema';
import { hmacHex, sameSecret, timestampedSignatureHeaders, verifyTimestampedSignature } from './webhook-signature';

/**
 * Each platform's webhook: how it is verified and what it means, as one
 * normalised event. Shapes follow ../shared/reference/orders.md; body field
 * names for Leafly and Jane are ⚠ unconfirmed against a live account (their
 * order payload documents are partner-only) and isolated here.
 */
export interface ParsedEvent {
  readonly orderId: string;
  readonly eventId: string;
  readonly kind: 'submit' | 'cancel' | 'status' | 'update';
  readonly order: RelayOrder | null;
  readonly status: string | null;
  readonly cancelReason: string | null;
}

const bodyHash = (raw: Buffer) => createHash('sha256').update(raw).digest('hex').slice(0, 32);
const unsigned = (platform: string) => new AppError('RELAY_SIGNATURE_INVALID', `The ${platform} webhook's signature does not match this connection's secret.`);

export function verifyWebhook(platform: RelayPlatform, secret: string, headers: IncomingHttpHeaders, raw: Buffer, now: Date): void {
  if (platform === 'leafly') {
    const given = String(headers['x-leafly-signature'] ?? '').toLowerCase();
    if (!sameSecret(given, hmacHex(secret, raw))) throw unsigned('Leafly');
    return;
  }
  if (platform === 'jane') {
    const given = /^Bearer (.+)$/.exec(String(headers.authorization ?? ''))?.[1] ?? '';
    if (!sameSecret(given, secret)) throw unsigned('Jane');
    return;
  }
  verifyTimestampedSignature({ secret, headers, raw, now }, 'v1=', () => unsigned('Greentill order'));
}

/** Signs a Greentill order webhook v1 body: the headers a sender adds. */
export function signGreentillWebhook(secret: string, raw: string, now: Date): Record<string, string> {
  return timestampedSignatureHeaders(secret, raw, now, 'v1=');
}

const cents = z.number().int().nonnegative().safe();
const leaflyBody = z.object({
  event: z.enum(['order_activate', 'order_deactivate', 'order_submit', 'order_preview', 'order_cancel', 'order_status']),
  order: z.object({
    id: z.union([z.string(), z.number()]).transform(String),
    status: z.string().optional(),
    cancel_reason: z.string().nullish(),
    customer: z.object({ name: z.string().nullish() }).nullish(),
    pickup_at: z.string().nullish(),
    line_items: z
      .array(
        z.object({ menu_item_id: z.union([z.string(), z.number()]).transform(String), name: z.string(), quantity: z.number().int().positive(), price: cents }),
      )
      .optional(),
  }),
});

const janeBody = z.object({
  cart_id: z.union([z.string(), z.number()]).transform(String),
  status: z.string(),
  customer: z.object({ full_name: z.string().nullish() }).nullish(),
  pickup_time: z.string().nullish(),
  products: z
    .array(
      z.object({ product_id: z.union([z.string(), z.number()]).transform(String), name: z.string(), count: z.number().int().positive(), price_cents: cents }),
    )
    .optional(),
});

const greentillBody = z.object({
  id: z.string().min(1).max(200),
  type: z.enum(['order.created', 'order.updated', 'order.cancelled']),
  order: z.object({
    id: z.string().min(1).max(200),
    customerName: z.string().nullish(),
    customerPhone: z.string().max(40).nullish(),
    textConsent: z.boolean().optional(),
    /** Prepaid on the platform (Greentill webhook v1 `order.payment`): only `status: "paid"` makes the order prepaid. */
    payment: z.object({ status: z.enum(['paid', 'unpaid']), amountCents: z.number().int().positive().safe(), reference: z.string().min(1).max(200) }).nullish(),
    pickupAt: z.string().nullish(),
    cancelReason: z.string().nullish(),
    items: z.array(z.object({ productRef: z.string().min(1), name: z.string(), quantity: z.number().int().positive(), unitPriceCents: cents })).optional(),
  }),
});

const JANE_CANCELLED = new Set(['cancelled', 'dismissed']);

/** What a verified webhook body means. A body the relay cannot read is refused (400), never half-stored. */
export function parseWebhook(platform: RelayPlatform, raw: Buffer): ParsedEvent | null {
  let json: unknown;
  try {
    json = JSON.parse(raw.toString('utf8'));
  } catch {
    throw new AppError('INVALID_INPUT', 'The webhook body is not JSON.');
  }
  const hash = bodyHash(raw);
  if (platform === 'leafly') {
    const body = leaflyBody.parse(json);
    const o = body.order;
    // Menu activation events concern the integration, not an order: answered 200, nothing stored.
    if (body.event === 'order_activate' || body.event === 'order_deactivate' || body.event === 'order_preview') return null;
    const order: RelayOrder | null =
      o.line_items === undefined
        ? null
        : {
            id: o.id,
            customerName: o.customer?.name ?? null,
            pickupAt: o.pickup_at ?? null,
            items: o.line_items.map((l) => ({ productRef: l.menu_item_id, name: l.name, quantity: l.quantity, unitPriceCents: l.price })),
          };
    const kind = body.event === 'order_submit' ? 'submit' : body.event === 'order_cancel' ? 'cancel' : 'status';
    // Leafly names no event id ⚠: an event is the kind plus the body, so a redelivery is the same event.
    return { orderId: o.id, eventId: `${body.event}:${hash}`, kind, order, status: o.status ?? null, cancelReason: o.cancel_reason ?? null };
  }
  if (platform === 'jane') {
    const body = janeBody.parse(json);
    const order: RelayOrder | null =
      body.products === undefined
        ? null
        : {
            id: body.cart_id,
            customerName: body.customer?.full_name ?? null,
            pickupAt: body.pickup_time ?? null,
            items: body.products.map((p) => ({ productRef: p.product_id, name: p.name, quantity: p.count, unitPriceCents: p.price_cents })),
          };
    const kind = JANE_CANCELLED.has(body.status) ? 'cancel' : order !== null && body.status === 'pending' ? 'submit' : order !== null ? 'update' : 'status';
    return { orderId: body.cart_id, eventId: `${body.status}:${hash}`, kind, order, status: body.status, cancelReason: null };
  }
  const body = greentillBody.parse(json);
  const o = body.order;
  const order: RelayOrder | null =
    o.items === undefined
      ? null
      : {
          id: o.id,
          customerName: o.customerName ?? null,
          pickupAt: o.pickupAt ?? null,
          items: o.items,
          customerPhone: o.customerPhone ?? null,
          textConsent: o.textConsent === true,
          prepaid: o.payment?.status === 'paid' ? { amountCents: o.payment.amountCents, reference: o.payment.reference } : null,
        };
  const kind = body.type === 'order.created' ? 'submit' : body.type === 'order.cancelled' ? 'cancel' : 'update';
  return { orderId: o.id, eventId: body.id, kind, order, status: null, cancelReason: o.cancelReason ?? null };
}
