import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { type Answer, basicAuth, drop, GetLimiter, message, readBody } from './http';
import { seededRandom } from '../../../src/shared/random';
import { createState, findRoute, notFound } from './routes';
import type { FakeMetrc, FakeMetrcFaults, FakeMetrcOptions, FakeMetrcStats } from './types';

export type {
  FakeMetrc,
  FakeMetrcAdjustment,
  FakeMetrcAdjustReason,
  FakeMetrcFaults,
  FakeMetrcOptions,
  FakeMetrcPackage,
  FakeMetrcPackageSeed,
  FakeMetrcPatientStatus,
  FakeMetrcReceipt,
  FakeMetrcStats,
  FakeMetrcTransferPackageSeed,
  FakeMetrcTransferSeed,
} from './types';
export { MAX_WRITE_OBJECTS } from './routes';

/**
 * A fake Metrc state API (v2 mainly, v1 where cheap) on 127.0.0.1, for integration tests and benchmarks.
 * Behaviour follows docs/metrc/api.md; choices where the real API is unconfirmed are commented
 * where they are made. Order per request: auth → route → licence → GET limits / write faults → handler,
 * then the configured latency, then the answer (or a destroyed socket).
 */
export async function startFakeMetrc(options: FakeMetrcOptions): Promise<FakeMetrc> {
  const DEFAULT_SEED = 0x5eed;
  let faults: FakeMetrcFaults = options.faults ?? {};
  let random = seededRandom(faults.seed ?? DEFAULT_SEED);
  let latencyMs = options.latencyMs ?? 0;
  let clockOffsetMs = options.clockOffsetMs ?? 0;
  let closed = false;
  const stats: FakeMetrcStats = { posts: 0, puts: 0, deletes: 0, gets: 0, faultsInjected: 0, rejected429: 0 };
  const limiter = new GetLimiter(options.getRateLimitPerSecond ?? 50, options.maxConcurrentGets ?? 10);
  const state = createState(options);
  const sockets = new Set<Socket>();
  /** Failures queued for the next GETs under a path prefix (failNextGets). */
  let getFailures: Array<{ status: 429 | 500; retryAfter?: string; prefix: string }> = [];

  const tooMany = (): Answer => {
    stats.rejected429 += 1;
    return message(429, 'Too many requests.', faults.retryAfterHeader ? { 'Retry-After': '1' } : undefined);
  };

  /** One draw per write request, so a seed gives the same fault sequence for the same request sequence. */
  function drawFault(): 'error500' | 'rateLimit429' | 'dropBeforeCommit' | 'commitThenDrop' | null {
    const r = random();
    let edge = 0;
    for (const kind of ['error500', 'rateLimit429', 'dropBeforeCommit', 'commitThenDrop'] as const) {
      edge += faults[kind] ?? 0;
      if (r < edge) return kind;
    }
    return null;
  }

  async function decide(req: IncomingMessage): Promise<{ answer: Answer; release: () => void }> {
    const method = req.method ?? 'GET';
    if (method === 'POST') stats.posts += 1;
    else if (method === 'PUT') stats.puts += 1;
    else if (method === 'DELETE') stats.deletes += 1;
    else if (method === 'GET') stats.gets += 1;
    const none = { release: () => {} };
    // Always drain the body so a dropped or rejected request never leaves unread data behind.
    const body = await readBody(req);
    const auth = basicAuth(req.headers.authorization);
    if (auth?.user !== options.vendorKey || auth.password !== options.userKey)
      return { answer: message(401, 'Authorization has been denied for this request.'), ...none };
    const url = new URL(req.url ?? '/', 'http://fake-metrc');
    const found = findRoute(state.routes, method, url.pathname);
    if (!found) return { answer: notFound(), ...none };
    const licence = url.searchParams.get('licenseNumber');
    if (licence === null && found.route.licence === 'required') return { answer: message(400, 'The licenseNumber parameter is required.'), ...none };
    if (licence !== null && licence !== options.licenseNumber) return { answer: message(401, 'Authorization has been denied for this request.'), ...none };
    const request = { match: found.match, params: url.searchParams, body };
    if (method === 'GET') {
      const queued = getFailures.findIndex((f) => url.pathname.toLowerCase().startsWith(f.prefix));
      if (queued >= 0) {
        const [failure] = getFailures.splice(queued, 1);
        stats.faultsInjected += 1;
        if (failure?.status === 429) {
          stats.rejected429 += 1;
          return { answer: message(429, 'Too many requests.', failure.retryAfter === undefined ? undefined : { 'Retry-After': failure.retryAfter }), ...none };
        }
        return { answer: message(500, 'An error has occurred.'), ...none };
      }
      // Rate limits are per facility; a licence-less GET shares one bucket with the keys' own facility.
      const release = limiter.tryAcquire(options.licenseNumber);
      if (!release) return { answer: tooMany(), ...none };
      return { answer: found.route.handle(request), release };
    }
    const fault = drawFault();
    if (fault !== null) stats.faultsInjected += 1;
    switch (fault) {
      case 'error500':
        return { answer: message(500, 'An error has occurred.'), ...none };
      case 'rateLimit429':
        return { answer: tooMany(), ...none };
      case 'dropBeforeCommit':
        return { answer: drop, ...none };
      case 'commitThenDrop':
        // Whatever the handler decided (stored, or a 400 that stored nothing), the client never hears it.
        found.route.handle(request);
        return { answer: drop, ...none };
      case null:
        return { answer: found.route.handle(request), ...none };
    }
  }

  async function serve(req: IncomingMessage, res: ServerResponse): Promise<void> {
    let decided: { answer: Answer; release: () => void };
    try {
      decided = await decide(req);
    } catch (error) {
      decided = { answer: message(500, `Fake Metrc failed: ${String(error)}`), release: () => {} };
    }
    try {
      if (latencyMs > 0) await new Promise((resolve) => setTimeout(resolve, latencyMs));
      // stop() may have destroyed the socket while we waited.
      if (req.socket.destroyed || res.writableEnded) return;
      const { answer } = decided;
      if (answer.kind === 'drop') {
        req.socket.destroy();
        return;
      }
      res.statusCode = answer.status;
      // Node sends its own Date header; a skewed Metrc sends its own clock's (HTTP-date, one-second resolution).
      if (clockOffsetMs !== 0) res.setHeader('Date', new Date(Date.now() + clockOffsetMs).toUTCString());
      if (answer.contentType !== null) res.setHeader('Content-Type', answer.contentType);
      for (const [name, value] of Object.entries(answer.headers ?? {})) res.setHeader(name, value);
      res.end(answer.body);
    } finally {
      decided.release();
    }
  }

  const server = createServer((req, res) => void serve(req, res));
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });

  function listen(port: number): Promise<void> {
    return new Promise((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => {
        server.off('error', reject);
        resolve();
      });
    });
  }

  async function stop(): Promise<void> {
    if (!server.listening) return;
    const done = new Promise<void>((resolve) => server.close(() => resolve()));
    for (const socket of sockets) socket.destroy();
    sockets.clear();
    await done;
    // A client in this process learns of the close over a few event-loop turns (EOF read, then 'close');
    // until then its pool would reuse the dead keep-alive socket (UND_ERR_SOCKET) instead of reconnecting
    // and being refused.
    for (let turn = 0; turn < 3; turn += 1) await new Promise((resolve) => setImmediate(resolve));
  }

  await listen(options.port ?? 0);
  const port = (server.address() as AddressInfo).port;

  return {
    url: `http://127.0.0.1:${port}`,
    stop,
    async start() {
      if (closed) throw new Error('Fake Metrc is closed');
      if (!server.listening) await listen(port);
    },
    setFaults(f) {
      faults = f;
      if (f.seed !== undefined) random = seededRandom(f.seed);
    },
    setLatency(ms) {
      latencyMs = ms;
    },
    setTransfers: (seeds) => state.transfers.set(seeds),
    failNextGets(failures, pathPrefix = '/transfers/') {
      getFailures = [...getFailures, ...failures.map((f) => ({ ...f, prefix: pathPrefix.toLowerCase() }))];
    },
    setClockOffset(ms) {
      clockOffsetMs = ms;
    },
    receipts: () => state.store.all(),
    adjustments: () => state.adjustments.map((a) => ({ ...a })),
    setPackages: (seeds) => state.packages.set(seeds),
    packages: () => state.packages.all(),
    stats,
    async close() {
      closed = true;
      await stop();
    },
  };
}
