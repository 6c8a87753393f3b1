import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebhookDelivery } from './delivery';

/**
 * A fake Jane (Roots): the post-checkout webhook sender (`Authorization:
 * Bearer <secret>`, retried until a 2xx) and a partner API for statuses on
 * 127.0.0.1. ⚠ Cart field names and the status calls (`GET /carts/{id}`,
 * `PUT /carts/{id}/status` with the partner key as a bearer) are this
 * fake's choice, as in src/relay/features/senders/jane.ts: Jane's partner
 * documents are not public. Cart statuses are the ones in
 * ../shared/reference/orders.md; the fake holds them forward-only, final
 * states final, as a platform would. Faults: answers 500 (`failNextApiCalls`)
 * and answers lost after the change was made (`loseNextAnswers`).
 */
const RANK: Record<string, number> = {
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
const FINAL = new Set(['finished', 'finished_without_review', 'with_review', 'dismissed', 'cancelled']);

export interface FakeJaneCart {
  readonly id: string;
  status: string;
  /** Every status the cart took (the partner's, in order). */
  readonly history: Array<{ status: string; by: 'partner' | 'jane' }>;
  readonly refused: Array<{ status: string; answer: number }>;
}

export interface FakeJane {
  readonly url: string;
  readonly secret: string;
  readonly apiKey: string;
  readonly delivery: WebhookDelivery;
  readonly carts: Map<string, FakeJaneCart>;
  readonly apiCalls: { get: number; put: number; failed: number; lost: number };
  setWebhookUrl(url: string): void;
  checkout(cartId: string, products: ReadonlyArray<{ product_id: string; name: string; count: number; price_cents: number }>): void;
  cancel(cartId: string): void;
  failNextApiCalls(n: number): void;
  /** The next n status changes are made, then the connection is dropped before the answer. */
  loseNextAnswers(n: number): void;
  close(): Promise<void>;
}

export async function startFakeJane(options: { secret?: string; apiKey?: string; retryMs?: number } = {}): Promise<FakeJane> {
  const secret = options.secret ?? 'jane-shared-secret-00001';
  const apiKey = options.apiKey ?? 'jane-partner-key-00001';
  let webhookUrl = '';
  let failNext = 0;
  let loseNext = 0;
  const carts = new Map<string, FakeJaneCart>();
  const apiCalls = { get: 0, put: 0, failed: 0, lost: 0 };
  const delivery = new WebhookDelivery(
    () => webhookUrl,
    (s) => s >= 200 && s < 300,
    options.retryMs ?? 100,
  );
  const send = (body: unknown) => delivery.send(JSON.stringify(body), () => ({ authorization: `Bearer ${secret}` }));

  const server = createServer((req, res) => void handle(req, res));
  async function handle(req: IncomingMessage, res: ServerResponse) {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const answer = (status: number, body?: unknown) => {
      res.writeHead(status, body === undefined ? {} : { 'content-type': 'application/json' });
      res.end(body === undefined ? undefined : JSON.stringify(body));
    };
    const m = /^\/carts\/([^/]+)(\/status)?$/.exec(req.url ?? '');
    if (m === null) return answer(404, { error: 'no such route' });
    if (req.headers.authorization !== `Bearer ${apiKey}`) return answer(401, { error: 'unknown partner key' });
    if (m[2] === undefined) apiCalls.get += 1;
    else apiCalls.put += 1;
    if (failNext > 0) {
      failNext -= 1;
      apiCalls.failed += 1;
      return answer(503, { error: 'injected' });
    }
    const cart = carts.get(decodeURIComponent(m[1] ?? ''));
    if (cart === undefined) return answer(404, { error: 'cart not found' });
    if (req.method === 'GET' && m[2] === undefined) return answer(200, { cart_id: cart.id, status: cart.status });
    if (req.method !== 'PUT' || m[2] === undefined) return answer(405);
    let body: { status?: unknown };
    try {
      body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as typeof body;
    } catch {
      return answer(400, { error: 'not json' });
    }
    const status = typeof body.status === 'string' ? body.status : '';
    const refuse = (code: number, error: string) => {
      cart.refused.push({ status, answer: code });
      return answer(code, { error });
    };
    if (!(status in RANK) || status === 'pending' || status === 'verification') return refuse(422, 'not a status a partner sets');
    if (FINAL.has(cart.status)) return refuse(409, 'cart is final');
    if ((RANK[status] ?? -1) <= (RANK[cart.status] ?? 0)) return refuse(409, 'statuses only move forward');
    cart.status = status;
    cart.history.push({ status, by: 'partner' });
    if (loseNext > 0) {
      loseNext -= 1;
      apiCalls.lost += 1;
      res.destroy(); // made, but the partner never hears so
      return;
    }
    return answer(200, { cart_id: cart.id, status });
  }
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));

  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    secret,
    apiKey,
    delivery,
    carts,
    apiCalls,
    setWebhookUrl: (u) => {
      webhookUrl = u;
    },
    checkout: (cartId, products) => {
      carts.set(cartId, { id: cartId, status: 'pending', history: [{ status: 'pending', by: 'jane' }], refused: [] });
      send({ cart_id: cartId, status: 'pending', customer: { full_name: 'Sam R.' }, products });
    },
    cancel: (cartId) => {
      const cart = carts.get(cartId);
      if (cart !== undefined && !FINAL.has(cart.status)) {
        cart.status = 'cancelled';
        cart.history.push({ status: 'cancelled', by: 'jane' });
      }
      send({ cart_id: cartId, status: 'cancelled' });
    },
    failNextApiCalls: (n) => {
      failNext = n;
    },
    loseNextAnswers: (n) => {
      loseNext = n;
    },
    async close() {
      delivery.close();
      server.closeAllConnections();
      await new Promise<void>((r) => server.close(() => r()));
    },
  };
}
