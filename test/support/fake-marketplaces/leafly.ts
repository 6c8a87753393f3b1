import { createHmac } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebhookDelivery } from './delivery';

/**
 * A fake Leafly Order API v1 on 127.0.0.1, following
 * ../shared/reference/orders.md: webhooks signed HMAC-SHA256 (hex) in
 * `X-Leafly-Signature`, only 200/201 count as received (anything else is
 * retried), acknowledgement within 15 minutes (by its own injectable clock)
 * or the order auto-cancels as `order_api_unacknowledged`, forward-only
 * statuses that partners may set (never `pending` or `expired`), final
 * states final, and an order retrievable for 24 h after a final state.
 * Written independently of the relay's code: it is the relay's examiner.
 * ⚠ Body field names (order.line_items, menu_item_id…) are this fake's
 * choice; Leafly's order payload document is partner-only.
 */
export const ACK_DEADLINE_MS = 15 * 60_000;
export const RETENTION_MS = 24 * 60 * 60_000;

const RANK: Record<string, number> = { pending: 0, confirmed: 1, ready: 2, out_for_delivery: 3, arrived_at_customer: 4, picked_up: 5, canceled: 5, expired: 5 };
const FINAL = new Set(['picked_up', 'canceled', 'expired']);
const REASONS = new Set(['not_picked_up', 'customer', 'dispensary', 'pos', 'delivery_partner', 'ecommerce_partner', 'order_api_unacknowledged']);

export interface FakeLeaflyLine {
  readonly menu_item_id: string;
  readonly name: string;
  readonly quantity: number;
  readonly price: number;
}

export interface FakeLeaflyOrder {
  readonly id: string;
  status: string;
  cancelReason: string | null;
  readonly lines: readonly FakeLeaflyLine[];
  readonly submittedAt: number;
  acknowledgedAt: number | null;
  acknowledgeCalls: number;
  finalAt: number | null;
  /** Every status the order took, in order (partner-set and Leafly's own). */
  readonly history: Array<{ status: string; by: 'partner' | 'leafly'; at: number }>;
  /** Status calls the fake refused (not forward, final, not allowed). */
  readonly refused: Array<{ status: string; answer: number }>;
}

export interface FakeLeafly {
  readonly url: string;
  readonly key: string;
  readonly secret: string;
  readonly orders: Map<string, FakeLeaflyOrder>;
  readonly delivery: WebhookDelivery;
  /** The fake's clock (ms): real time plus what `advance` added. */
  now(): number;
  advance(ms: number): void;
  /** Where webhooks go (the relay's address for this connection); may change as the relay restarts on the same port. */
  setWebhookUrl(url: string): void;
  submit(id: string, lines: readonly FakeLeaflyLine[], customer?: string): void;
  /** The customer cancels on Leafly. */
  cancelByCustomer(id: string): void;
  /** Applies the acknowledgement deadline now (the fake also does so on every API call). */
  expireUnacknowledged(): void;
  /** The next n API calls (acknowledge, status, get) answer 500. */
  failNextApiCalls(n: number): void;
  readonly apiCalls: { acknowledge: number; status: number; get: number; failed: number };
  close(): Promise<void>;
}

export async function startFakeLeafly(options: { key?: string; secret?: string; retryMs?: number } = {}): Promise<FakeLeafly> {
  const key = options.key ?? 'disp-key-1';
  const secret = options.secret ?? 'leafly-webhook-secret-0001';
  let offset = 0;
  let webhookUrl = '';
  let failNext = 0;
  const now = () => Date.now() + offset;
  const orders = new Map<string, FakeLeaflyOrder>();
  const apiCalls = { acknowledge: 0, status: 0, get: 0, failed: 0 };
  const delivery = new WebhookDelivery(
    () => webhookUrl,
    (s) => s === 200 || s === 201,
    options.retryMs ?? 100,
  );

  const webhook = (event: string, order: FakeLeaflyOrder) => {
    const body = JSON.stringify({
      event,
      order: {
        id: order.id,
        status: order.status,
        cancel_reason: order.cancelReason,
        ...(event === 'order_submit' ? { customer: { name: 'Pat Q.' }, line_items: order.lines } : {}),
      },
    });
    delivery.send(body, () => ({ 'x-leafly-signature': createHmac('sha256', secret).update(body).digest('hex') }));
  };

  const setStatus = (order: FakeLeaflyOrder, status: string, by: 'partner' | 'leafly', reason: string | null) => {
    order.status = status;
    order.history.push({ status, by, at: now() });
    if (status === 'canceled') order.cancelReason = reason;
    if (FINAL.has(status)) order.finalAt = now();
  };

  const expireUnacknowledged = () => {
    for (const order of orders.values()) {
      if (order.acknowledgedAt === null && !FINAL.has(order.status) && now() - order.submittedAt > ACK_DEADLINE_MS) {
        setStatus(order, 'canceled', 'leafly', 'order_api_unacknowledged');
        webhook('order_cancel', order);
      }
    }
  };

  const retained = (id: string) => {
    const order = orders.get(id);
    if (order === undefined) return undefined;
    return order.finalAt !== null && now() - order.finalAt > RETENTION_MS ? undefined : order;
  };

  const server = createServer((req, res) => void handle(req, res));
  async function handle(req: IncomingMessage, res: ServerResponse) {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const answer = (status: number, body?: unknown) => {
      res.writeHead(status, body === undefined ? {} : { 'content-type': 'application/json' });
      res.end(body === undefined ? undefined : JSON.stringify(body));
    };
    const m = /^\/([^/]+)\/orders\/([^/]+)(?:\/(acknowledge|status))?$/.exec(req.url ?? '');
    if (m === null) return answer(404, { error: 'no such route' });
    if (decodeURIComponent(m[1] ?? '') !== key) return answer(401, { error: 'unknown dispensary key' });
    const kind = m[3] ?? 'get';
    if (kind === 'acknowledge') apiCalls.acknowledge += 1;
    else if (kind === 'status') apiCalls.status += 1;
    else apiCalls.get += 1;
    if (failNext > 0) {
      failNext -= 1;
      apiCalls.failed += 1;
      return answer(500, { error: 'injected' });
    }
    expireUnacknowledged();
    const order = retained(decodeURIComponent(m[2] ?? ''));
    if (order === undefined) return answer(404, { error: 'order not found' });
    if (req.method === 'GET' && kind === 'get') return answer(200, { id: order.id, status: order.status, cancel_reason: order.cancelReason });
    if (req.method !== 'POST') return answer(405);
    if (kind === 'acknowledge') {
      if (order.status === 'canceled' && order.acknowledgedAt === null) return answer(409, { error: 'order canceled' });
      order.acknowledgeCalls += 1;
      order.acknowledgedAt ??= now();
      return answer(204);
    }
    let body: { status?: unknown; cancel_reason?: unknown };
    try {
      body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as typeof body;
    } catch {
      return answer(400, { error: 'not json' });
    }
    const status = typeof body.status === 'string' ? body.status : '';
    const refuse = (code: number, error: string) => {
      order.refused.push({ status, answer: code });
      return answer(code, { error });
    };
    if (!(status in RANK) || status === 'pending' || status === 'expired') return refuse(422, 'partners cannot set this status');
    if (order.acknowledgedAt === null) return refuse(409, 'acknowledge the order first');
    if (FINAL.has(order.status)) return refuse(409, 'order is final');
    if ((RANK[status] ?? -1) <= (RANK[order.status] ?? 0)) return refuse(409, 'statuses only move forward');
    const reason = typeof body.cancel_reason === 'string' ? body.cancel_reason : null;
    if (status === 'canceled' && (reason === null || !REASONS.has(reason))) return refuse(422, 'cancel_reason required');
    setStatus(order, status, 'partner', reason);
    return answer(204);
  }
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    url,
    key,
    secret,
    orders,
    delivery,
    now,
    advance: (ms) => {
      offset += ms;
    },
    setWebhookUrl: (u) => {
      webhookUrl = u;
    },
    submit(id, lines) {
      const order: FakeLeaflyOrder = {
        id,
        status: 'pending',
        cancelReason: null,
        lines,
        submittedAt: now(),
        acknowledgedAt: null,
        acknowledgeCalls: 0,
        finalAt: null,
        history: [{ status: 'pending', by: 'leafly', at: now() }],
        refused: [],
      };
      orders.set(id, order);
      webhook('order_submit', order);
    },
    cancelByCustomer(id) {
      const order = orders.get(id);
      if (order === undefined || FINAL.has(order.status)) return;
      setStatus(order, 'canceled', 'leafly', 'customer');
      webhook('order_cancel', order);
    },
    expireUnacknowledged,
    failNextApiCalls: (n) => {
      failNext = n;
    },
    apiCalls,
    async close() {
      delivery.close();
      server.closeAllConnections();
      await new Promise<void>((r) => server.close(() => r()));
    },
  };
}
