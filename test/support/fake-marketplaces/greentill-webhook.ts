import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebhookDelivery } from './delivery';

/**
 * A fake menu platform on the "Greentill order webhook v1" (README): it
 * sends signed order webhooks (`X-Greentill-Timestamp`,
 * `X-Greentill-Signature: v1=<hex HMAC-SHA256 of "<ts>.<body>">`) and
 * receives the relay's signed status callbacks the way the README tells a
 * receiver to: check the signature over the raw bytes and the 5-minute
 * window, apply each status `id` once (a resend answers 200 again), refuse
 * a step back or anything after a final status with 409. Faults: 500s
 * (`failNextCalls`) and answers lost after the status was applied
 * (`loseNextAnswers`). Written from the README, not from the relay's code.
 */
const RANK: Record<string, number> = { confirmed: 1, ready: 2, out_for_delivery: 3, arrived_at_customer: 4, picked_up: 5, canceled: 5 };
const FINAL = new Set(['picked_up', 'canceled']);

export interface FakeGreentillOrder {
  readonly id: string;
  status: string;
  /** Statuses applied, in order, with the callback id each came under. */
  readonly history: Array<{ id: string; status: string; cancelReason: string | null }>;
  readonly refused: Array<{ status: string; answer: number }>;
}

export interface FakeGreentillPlatform {
  readonly statusUrl: string;
  readonly secret: string;
  readonly delivery: WebhookDelivery;
  readonly orders: Map<string, FakeGreentillOrder>;
  readonly calls: { received: number; duplicates: number; badSignature: number; failed: number; lost: number };
  setWebhookUrl(url: string): void;
  submit(
    orderId: string,
    items: ReadonlyArray<{ productRef: string; name: string; quantity: number; unitPriceCents: number }>,
    extra?: Record<string, unknown>,
  ): void;
  failNextCalls(n: number): void;
  loseNextAnswers(n: number): void;
  close(): Promise<void>;
}

const sign = (secret: string, data: string) => createHmac('sha256', secret).update(data).digest('hex');

export async function startFakeGreentillPlatform(options: { secret?: string; retryMs?: number } = {}): Promise<FakeGreentillPlatform> {
  const secret = options.secret ?? 'greentill-platform-secret-01';
  let webhookUrl = '';
  let failNext = 0;
  let loseNext = 0;
  let events = 0;
  const orders = new Map<string, FakeGreentillOrder>();
  const seen = new Set<string>();
  const calls = { received: 0, duplicates: 0, badSignature: 0, failed: 0, lost: 0 };
  const delivery = new WebhookDelivery(
    () => webhookUrl,
    (s) => s >= 200 && s < 300,
    options.retryMs ?? 100,
  );

  const server = createServer((req, res) => void handle(req, res));
  async function handle(req: IncomingMessage, res: ServerResponse) {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const raw = Buffer.concat(chunks).toString('utf8');
    const answer = (status: number, body?: unknown) => {
      res.writeHead(status, body === undefined ? {} : { 'content-type': 'application/json' });
      res.end(body === undefined ? undefined : JSON.stringify(body));
    };
    calls.received += 1;
    if (failNext > 0) {
      failNext -= 1;
      calls.failed += 1;
      return answer(500, { error: 'injected' });
    }
    const timestamp = String(req.headers['x-greentill-timestamp'] ?? '');
    const given = Buffer.from(String(req.headers['x-greentill-signature'] ?? ''));
    const wanted = Buffer.from(`v1=${sign(secret, `${timestamp}.${raw}`)}`);
    if (given.length !== wanted.length || !timingSafeEqual(given, wanted) || Math.abs(Date.now() / 1000 - Number(timestamp)) > 300) {
      calls.badSignature += 1;
      return answer(401, { error: 'bad signature' });
    }
    const body = JSON.parse(raw) as { version: number; id: string; type: string; orderId: string; status: string; cancelReason: string | null };
    if (body.version !== 1 || body.type !== 'order.status') return answer(400, { error: 'not a v1 status callback' });
    if (seen.has(body.id)) {
      calls.duplicates += 1;
      return answer(200, { ok: true, duplicate: true });
    }
    const order = orders.get(body.orderId);
    if (order === undefined) return answer(404, { error: 'no such order' });
    if (FINAL.has(order.status) || (RANK[body.status] ?? -1) <= (RANK[order.status] ?? 0)) {
      order.refused.push({ status: body.status, answer: 409 });
      return answer(409, { error: 'statuses only move forward' });
    }
    seen.add(body.id);
    order.status = body.status;
    order.history.push({ id: body.id, status: body.status, cancelReason: body.cancelReason });
    if (loseNext > 0) {
      loseNext -= 1;
      calls.lost += 1;
      res.destroy();
      return;
    }
    return answer(200, { ok: true });
  }
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));

  return {
    statusUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}/greentill/status`,
    secret,
    delivery,
    orders,
    calls,
    setWebhookUrl: (u) => {
      webhookUrl = u;
    },
    submit(orderId, items, extra = {}) {
      orders.set(orderId, { id: orderId, status: 'pending', history: [], refused: [] });
      const raw = JSON.stringify({ id: `evt-${++events}`, type: 'order.created', order: { id: orderId, customerName: 'Ana', items, ...extra } });
      delivery.send(raw, () => {
        const ts = String(Math.floor(Date.now() / 1000));
        return { 'x-greentill-timestamp': ts, 'x-greentill-signature': `v1=${sign(secret, `${ts}.${raw}`)}` };
      });
    },
    failNextCalls: (n) => {
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
