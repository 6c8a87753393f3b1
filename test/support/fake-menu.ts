import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { seededRandom } from '../../src/shared/random';

/** An event as a receiver of "Greentill menu webhook v1" reads it. */
export interface ReceivedMenuEvent {
  readonly id: string;
  readonly type: string;
  readonly reason: string;
  readonly saleId: string;
  readonly occurredAt: string;
  readonly deltas: ReadonlyArray<{ readonly packageTag: string; readonly delta: number; readonly unit: string }>;
}

export interface FakeMenuFaults {
  /** Faults are drawn per request, from this seed. */
  readonly seed?: number;
  /** Probabilities per request (their sum at most 1). */
  readonly error500?: number;
  readonly rateLimit429?: number;
  /** Applies the events, then destroys the socket before answering. */
  readonly commitThenDrop?: number;
  /** Applies the events, then answers this late (a client with a shorter timeout gives up). */
  readonly slow?: number;
  readonly delayMs?: number;
  /** The Retry-After header of a 429 (seconds, as text); none when absent. */
  readonly retryAfter?: string;
}

export interface FakeMenuOptions {
  readonly secret: string;
  readonly faults?: FakeMenuFaults;
  /** Refuses this event in a 200 answer (`status: rejected`), with the returned message. */
  readonly reject?: (event: ReceivedMenuEvent) => string | null;
  /** Answers 400 to a whole request holding such an event (a receiver that cannot read part of a batch). */
  readonly malformed?: (event: ReceivedMenuEvent) => boolean;
}

export interface FakeMenuStats {
  requests: number;
  /** Signed requests with no events (the lane's probe). */
  pings: number;
  unauthorized: number;
  duplicates: number;
  faultsInjected: number;
  /** Idempotency-Key of every request that got past the signature check, in order. */
  readonly idempotencyKeys: string[];
}

export interface FakeMenu {
  readonly url: string;
  readonly stats: FakeMenuStats;
  /** Events applied to the menu's stock, once each, in the order they were applied. */
  applied(): readonly ReceivedMenuEvent[];
  setFaults(faults: FakeMenuFaults): void;
  /** Stops listening: the register's connections are refused. */
  stop(): Promise<void>;
  /** Listens again on the same port. */
  start(): Promise<void>;
  close(): Promise<void>;
}

/** Receivers should refuse requests signed longer ago than this (replays). */
const MAX_SKEW_SECONDS = 300;

/**
 * A menu platform's webhook receiver on 127.0.0.1, written from the
 * protocol (not from the register's code): it checks the signature and the
 * timestamp, dedupes by event id, and records what it applied.
 */
export async function startFakeMenu(options: FakeMenuOptions): Promise<FakeMenu> {
  let faults: FakeMenuFaults = options.faults ?? {};
  let random = seededRandom(faults.seed ?? 1);
  const stats: FakeMenuStats = { requests: 0, pings: 0, unauthorized: 0, duplicates: 0, faultsInjected: 0, idempotencyKeys: [] };
  const applied: ReceivedMenuEvent[] = [];
  const seen = new Set<string>();
  const sockets = new Set<Socket>();

  const signatureValid = (req: IncomingMessage, body: string): boolean => {
    const timestamp = String(req.headers['x-greentill-timestamp'] ?? '');
    const signature = Buffer.from(String(req.headers['x-greentill-signature'] ?? ''));
    if (!/^\d+$/.test(timestamp) || Math.abs(Date.now() / 1000 - Number(timestamp)) > MAX_SKEW_SECONDS) return false;
    const expected = Buffer.from(`sha256=${createHmac('sha256', options.secret).update(`${timestamp}.${body}`).digest('hex')}`);
    return signature.length === expected.length && timingSafeEqual(signature, expected);
  };

  const apply = (events: readonly ReceivedMenuEvent[]) =>
    events.map((event) => {
      if (seen.has(event.id)) {
        stats.duplicates += 1;
        return { id: event.id, status: 'duplicate' };
      }
      const refusal = options.reject?.(event) ?? null;
      if (refusal !== null) return { id: event.id, status: 'rejected', message: refusal };
      seen.add(event.id);
      applied.push(event);
      return { id: event.id, status: 'ok' };
    });

  const draw = (): 'error500' | 'rateLimit429' | 'commitThenDrop' | 'slow' | null => {
    let r = random();
    for (const kind of ['error500', 'rateLimit429', 'commitThenDrop', 'slow'] as const) {
      r -= faults[kind] ?? 0;
      if (r < 0) return kind;
    }
    return null;
  };

  const answer = (res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) => {
    if (res.writableEnded || res.socket?.destroyed === true) return;
    res.writeHead(status, { 'content-type': 'application/json', ...headers });
    res.end(JSON.stringify(body));
  };

  async function serve(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks).toString('utf8');
    stats.requests += 1;
    if (req.method !== 'POST' || req.headers['content-type'] !== 'application/json') return answer(res, 405, { message: 'POST application/json only' });
    if (!signatureValid(req, body)) {
      stats.unauthorized += 1;
      return answer(res, 401, { message: 'Signature does not match' });
    }
    stats.idempotencyKeys.push(String(req.headers['idempotency-key'] ?? ''));
    const parsed = JSON.parse(body) as { version?: unknown; events?: ReceivedMenuEvent[] };
    if (parsed.version !== 1 || !Array.isArray(parsed.events)) return answer(res, 400, { message: 'Not a version 1 menu webhook body' });
    if (parsed.events.length === 0) {
      stats.pings += 1;
      return answer(res, 200, { results: [] });
    }
    const unreadable = parsed.events.find((e) => options.malformed?.(e) === true);
    if (unreadable !== undefined) return answer(res, 400, { message: `Event ${unreadable.id} names a package this menu cannot read` });
    const fault = draw();
    if (fault !== null) stats.faultsInjected += 1;
    switch (fault) {
      case 'error500':
        return answer(res, 500, { message: 'Internal error' });
      case 'rateLimit429':
        return answer(res, 429, { message: 'Slow down' }, faults.retryAfter === undefined ? {} : { 'retry-after': faults.retryAfter });
      case 'commitThenDrop':
        apply(parsed.events);
        req.socket.destroy();
        return;
      case 'slow': {
        const results = apply(parsed.events);
        await new Promise((resolve) => setTimeout(resolve, faults.delayMs ?? 1_000));
        return answer(res, 200, { results });
      }
      case null:
        return answer(res, 200, { results: apply(parsed.events) });
    }
  }

  const server = createServer((req, res) => {
    serve(req, res).catch((error: unknown) => answer(res, 500, { message: String(error) }));
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  const listen = (port: number) =>
    new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => {
        server.off('error', reject);
        resolve();
      });
    });
  const stop = async () => {
    if (!server.listening) return;
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    for (const socket of sockets) socket.destroy();
    await closed;
    // Let the client's pool see its keep-alive sockets close, so the next request is refused rather than reset.
    for (let turn = 0; turn < 3; turn += 1) await new Promise((resolve) => setImmediate(resolve));
  };

  await listen(0);
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}/greentill/menu`,
    stats,
    applied: () => [...applied],
    setFaults: (next) => {
      faults = next;
      random = seededRandom(next.seed ?? 1);
    },
    stop,
    start: () => (server.listening ? Promise.resolve() : listen(port)),
    close: stop,
  };
}
