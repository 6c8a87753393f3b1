import { createHash, createHmac } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MenuWebhook } from '../../../../../src/main/features/sync/menu/webhook';

/** A receiver that answers whatever the test sets, and keeps what it was sent. */
let server: Server;
let url: string;
let reply: { status: number; headers?: Record<string, string>; body?: string } = { status: 200 };
const received: Array<{ headers: IncomingHttpHeaders; body: string }> = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      received.push({ headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
      res.writeHead(reply.status, reply.headers ?? {});
      res.end(reply.body ?? '');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const SECRET = 'menu-signing-secret-0001';
const NOW = new Date('2026-12-06T18:00:00.500Z');
const webhook = () => new MenuWebhook({ endpointUrl: url, secret: SECRET, now: () => NOW, timeoutMs: 2_000 });
const body = {
  version: 1 as const,
  store: 'store-1',
  events: [
    {
      id: 'sale-1:0',
      type: 'inventory.adjust' as const,
      reason: 'sale' as const,
      saleId: 'sale-1',
      occurredAt: NOW.toISOString(),
      deltas: [{ packageTag: '1A4000000000000000000001', delta: -3_500, unit: 'mg' as const }],
    },
  ],
};

async function refusal(status: number, answer: { headers?: Record<string, string>; body?: string } = {}): Promise<unknown> {
  reply = { status, ...answer };
  return webhook()
    .post(body)
    .then(
      () => null,
      (error: unknown) => error,
    );
}

describe('the menu webhook request', () => {
  it('is signed HMAC-SHA256 over "<unix seconds>.<body>", with a body digest as Idempotency-Key', async () => {
    reply = { status: 204 };
    received.length = 0;
    await webhook().post(body);
    await webhook().post(body);
    const [first, second] = received;
    const raw = JSON.stringify(body);
    expect(first?.body).toBe(raw);
    expect(first?.headers['content-type']).toBe('application/json');
    expect(first?.headers['x-greentill-timestamp']).toBe('1796580000');
    expect(first?.headers['x-greentill-signature']).toBe(`sha256=${createHmac('sha256', SECRET).update(`1796580000.${raw}`).digest('hex')}`);
    expect(first?.headers['idempotency-key']).toBe(createHash('sha256').update(raw).digest('hex'));
    expect(second?.headers['idempotency-key']).toBe(first?.headers['idempotency-key']);
  });

  it('reads per-event verdicts from a 2xx answer, ignoring entries it cannot read', async () => {
    reply = {
      status: 200,
      body: JSON.stringify({ results: [{ id: 'sale-1:0', status: 'rejected', message: 'Unknown package' }, { id: 'x', status: 'maybe' }, 'junk'] }),
    };
    expect([...(await webhook().post(body))]).toEqual([['sale-1:0', { status: 'rejected', message: 'Unknown package' }]]);
  });

  it('sorts refusals into what the dispatcher must do', async () => {
    expect(await refusal(403, { body: '{"message":"bad signature"}' })).toMatchObject({
      name: 'PermanentRefusal',
      code: 'MENU_UNAUTHORIZED',
      message: expect.stringContaining('(403: bad signature)') as unknown,
    });
    expect(await refusal(422, { body: '{"error":"deltas must be integers"}' })).toMatchObject({
      name: 'PermanentRefusal',
      code: 'MENU_VALIDATION',
      message: 'The online menu rejected the change: deltas must be integers',
    });
    expect(await refusal(404)).toMatchObject({
      name: 'PermanentRefusal',
      code: 'MENU_REFUSED',
      message: 'The online menu answered 404 (HTTP 404). Check the address in Sync → Online menu.',
    });
    // A redirect is not followed: fetch would turn the POST into a GET.
    expect(await refusal(307, { headers: { location: 'https://elsewhere.example/hook' } })).toMatchObject({
      code: 'MENU_REDIRECTED',
      message: expect.stringContaining('https://elsewhere.example/hook') as unknown,
    });
    expect(await refusal(503, { headers: { 'retry-after': '2' }, body: 'down for maintenance' })).toMatchObject({
      name: 'DestinationUnavailable',
      reason: 'server_error',
      retryAfterMs: 2_000,
      maybeDelivered: true,
      message: 'The online menu answered 503: down for maintenance',
    });
    expect(await refusal(408)).toMatchObject({ name: 'DestinationUnavailable', reason: 'server_error', maybeDelivered: false });
    expect(await refusal(429, { headers: { 'retry-after': '7' } })).toMatchObject({
      name: 'DestinationUnavailable',
      reason: 'rate_limited',
      retryAfterMs: 7_000,
      maybeDelivered: false,
    });
  });
});
