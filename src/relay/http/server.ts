import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { AppError } from '../../shared/errors';
import { errorAnswer, parseJsonBody, readBody, sendJson } from '../../server-kit/json-http';
import type { RelayDb } from '../db/open';
import { relayPlatforms, type RelayPlatform } from '../db/schema';
import { ingestEvent, pullEvents, queueStatus } from '../features/orders';
import { parseWebhook, verifyWebhook } from '../features/platforms';
import { authenticateStore, findConnection } from '../features/stores';
import { findSmsConnection, ingestInboundText, parseInboundText, pullInboundTexts, verifyInboundText } from '../features/inbound-texts';

export interface RelayHttpOptions {
  readonly db: RelayDb;
  readonly host: string;
  readonly port: number;
  readonly now?: () => Date;
  /** Called after a change that queued a job, so the worker runs it now. */
  readonly onQueued?: () => void;
}

export interface RelayHttp {
  readonly server: Server;
  readonly port: number;
  close(): Promise<void>;
}

/**
 * The relay's HTTP API (plain HTTP: TLS is the reverse proxy's in front of
 * it). Webhooks: `POST /v1/webhooks/{platform}/{connectionId}`, answered
 * 200 only once the event is committed (a redelivery: 200, stored nothing);
 * a database that is down answers 503, so the platform retries. Stores:
 * `GET /v1/orders?after=<cursor>` and `POST /v1/orders/status` with their
 * bearer credential. Inbound texts from the store's SMS provider:
 * `POST /v1/sms/inbound/{connectionId}` (stored once, answered 200 after the
 * commit), pulled by the store with `GET /v1/texts?after=<cursor>`.
 */
export async function startRelayHttp(options: RelayHttpOptions): Promise<RelayHttp> {
  const { db } = options;
  const clock = options.now ?? (() => new Date());
  const bearer = (req: IncomingMessage) => /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1] ?? null;

  async function route(req: IncomingMessage, url: URL, now: Date): Promise<unknown> {
    const webhook = /^\/v1\/webhooks\/([a-z]+)\/([A-Za-z0-9-]{1,100})$/.exec(url.pathname);
    if (req.method === 'POST' && webhook !== null && (relayPlatforms as readonly string[]).includes(webhook[1] ?? '')) {
      const platform = webhook[1] as RelayPlatform;
      const raw = await readBody(req);
      const connection = await findConnection(db, webhook[2] ?? '');
      if (connection === null || connection.platform !== platform) throw new AppError('NOT_FOUND', 'No such webhook on this relay.');
      verifyWebhook(platform, connection.secret, req.headers, raw, now);
      const event = parseWebhook(platform, raw);
      if (event === null) return { received: true, stored: false };
      const { stored } = await ingestEvent(db, connection, event, now);
      if (stored) options.onQueued?.();
      return { received: true, stored };
    }
    const inbound = /^\/v1\/sms\/inbound\/([A-Za-z0-9-]{1,100})$/.exec(url.pathname);
    if (req.method === 'POST' && inbound !== null) {
      const raw = await readBody(req);
      const connection = await findSmsConnection(db, inbound[1] ?? '');
      if (connection === null) throw new AppError('NOT_FOUND', 'No such webhook on this relay.');
      verifyInboundText(connection.provider, connection.secret, req.headers, raw, now);
      const { stored } = await ingestInboundText(db, connection, parseInboundText(connection.provider, raw), now);
      return { received: true, stored };
    }
    if (req.method === 'GET' && url.pathname === '/v1/texts') {
      const store = await authenticateStore(db, bearer(req));
      const [after, limit] = cursorQuery(url);
      return pullInboundTexts(db, store, after, limit);
    }
    if (req.method === 'GET' && url.pathname === '/v1/health') return { ok: true, serverTime: now.toISOString() };
    if (req.method === 'GET' && url.pathname === '/v1/orders') {
      const store = await authenticateStore(db, bearer(req));
      const [after, limit] = cursorQuery(url);
      return pullEvents(db, store, after, limit);
    }
    if (req.method === 'POST' && url.pathname === '/v1/orders/status') {
      const store = await authenticateStore(db, bearer(req));
      const body = parseJsonBody(await readBody(req));
      const connectionId = typeof body === 'object' && body !== null && 'connectionId' in body ? String(body.connectionId) : '';
      const answer = await queueStatus(db, store, await findConnection(db, connectionId), body, now);
      if (answer.outcome === 'queued') options.onQueued?.();
      return answer;
    }
    throw new AppError('NOT_FOUND', `No such relay call: ${req.method ?? ''} ${url.pathname}`);
  }

  const server = createServer((req, res) => {
    void (async () => {
      try {
        sendJson(res, 200, await route(req, new URL(req.url ?? '/', 'http://relay'), clock()));
      } catch (error) {
        const [status, value] = errorAnswer(error, STATUS, UNAVAILABLE);
        sendJson(res, status, { error: value });
      }
    })();
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => resolve());
  });
  return {
    server,
    port: (server.address() as AddressInfo).port,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A pull's `after` (the last cursor seen) and `limit`. */
function cursorQuery(url: URL): [number, number] {
  const after = Number(url.searchParams.get('after') ?? '0');
  const limit = Number(url.searchParams.get('limit') ?? '200');
  if (!Number.isSafeInteger(after) || after < 0 || !Number.isSafeInteger(limit) || limit < 1)
    throw new AppError('INVALID_INPUT', 'after is the last cursor seen (a whole number ≥ 0); limit a whole number ≥ 1.');
  return [after, limit];
}

const STATUS: Record<string, number> = {
  NOT_FOUND: 404,
  INVALID_INPUT: 400,
  RELAY_UNAUTHENTICATED: 401,
  RELAY_SIGNATURE_INVALID: 401,
  RELAY_WEBHOOK_STALE: 401,
  RELAY_ORDER_NOT_FOUND: 404,
  RELAY_STATUS_FINAL: 409,
  RELAY_STATUS_BACKWARDS: 409,
};

// PostgreSQL down or restarting: nothing was stored, so the platform must retry (never a 200).
const UNAVAILABLE = { code: 'RELAY_DB_UNAVAILABLE', message: 'The relay cannot reach its database right now; deliver again.' };
