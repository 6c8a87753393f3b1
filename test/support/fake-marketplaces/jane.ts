import { WebhookDelivery } from './delivery';

/**
 * A fake Jane (Roots) post-checkout webhook sender: `Authorization: Bearer
 * <secret>`, retried until a 2xx. ⚠ Cart field names are this fake's
 * choice (Jane's payload document is partner-only); statuses are the ones
 * in ../shared/reference/orders.md.
 */
export interface FakeJane {
  readonly secret: string;
  readonly delivery: WebhookDelivery;
  setWebhookUrl(url: string): void;
  checkout(cartId: string, products: ReadonlyArray<{ product_id: string; name: string; count: number; price_cents: number }>): void;
  cancel(cartId: string): void;
  close(): void;
}

export function startFakeJane(options: { secret?: string; retryMs?: number } = {}): FakeJane {
  const secret = options.secret ?? 'jane-shared-secret-00001';
  let webhookUrl = '';
  const delivery = new WebhookDelivery(
    () => webhookUrl,
    (s) => s >= 200 && s < 300,
    options.retryMs ?? 100,
  );
  const send = (body: unknown) => delivery.send(JSON.stringify(body), () => ({ authorization: `Bearer ${secret}` }));
  return {
    secret,
    delivery,
    setWebhookUrl: (u) => {
      webhookUrl = u;
    },
    checkout: (cartId, products) => send({ cart_id: cartId, status: 'pending', customer: { full_name: 'Sam R.' }, products }),
    cancel: (cartId) => send({ cart_id: cartId, status: 'cancelled' }),
    close: () => delivery.close(),
  };
}
