import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

/**
 * A loopback stand-in for the loyalty platform's POS feed (Alpine IQ's
 * createUpdateSale / createUpdateMember, ⚠ as orders.md describes them):
 * create-or-update by the register's ids, `X-APIKEY` checked, and faults on
 * demand — 503s, and "apply, then drop the connection" (the register cannot
 * know it landed, so it sends it again).
 */
export interface FakeAlpineIq {
  readonly url: string;
  readonly sales: Map<string, { status: string; pointsEarned: number; pointsRedeemed: number; lines: unknown[] }>;
  readonly members: Map<string, { tier: string; balance: number }>;
  readonly stats: { requests: number; unauthorized: number; updatesOfKnownSales: number };
  /** The next `n` requests answer 503 without applying anything. */
  fail503(n: number): void;
  /** The next `n` requests are applied, then the socket is destroyed before any answer. */
  applyThenDrop(n: number): void;
  close(): Promise<void>;
}

export async function startFakeAlpineIq(apiKey: string): Promise<FakeAlpineIq> {
  const sales: FakeAlpineIq['sales'] = new Map();
  const members: FakeAlpineIq['members'] = new Map();
  const stats = { requests: 0, unauthorized: 0, updatesOfKnownSales: 0 };
  let failing = 0;
  let dropping = 0;
  const sockets = new Set<Socket>();
  const server = createServer((request: IncomingMessage, response: ServerResponse) => {
    const chunks: Buffer[] = [];
    request.on('data', (c: Buffer) => chunks.push(c));
    request.on('end', () => {
      stats.requests += 1;
      if (request.headers['x-apikey'] !== apiKey) {
        stats.unauthorized += 1;
        response.writeHead(401).end('bad key');
        return;
      }
      if (failing > 0) {
        failing -= 1;
        response.writeHead(503).end('maintenance');
        return;
      }
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') as Record<string, unknown>;
      if (request.url?.endsWith('/createUpdateSale') === true) {
        const id = String(body['saleId']);
        if (sales.has(id)) stats.updatesOfKnownSales += 1;
        sales.set(id, {
          status: String(body['status']),
          pointsEarned: Number(body['pointsEarned']),
          pointsRedeemed: Number(body['pointsRedeemed']),
          lines: body['lines'] as unknown[],
        });
      } else if (request.url?.endsWith('/createUpdateMember') === true) {
        if (body['probe'] !== true) members.set(String(body['memberId']), { tier: String(body['tier']), balance: Number(body['balance']) });
      } else {
        response.writeHead(404).end('no such operation');
        return;
      }
      if (dropping > 0) {
        dropping -= 1;
        request.socket.destroy();
        return;
      }
      response.writeHead(200, { 'content-type': 'application/json' }).end('{"success":true}');
    });
  });
  server.on('connection', (s: Socket) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/api/v2/pos`,
    sales,
    members,
    stats,
    fail503: (n) => (failing = n),
    applyThenDrop: (n) => (dropping = n),
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}
