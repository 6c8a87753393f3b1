import { createServer, type Server } from 'node:https';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import type { ZodType } from 'zod';
import { AppError } from '../../shared/errors';
import { errorAnswer, parseJsonBody, readBody, sendJson } from '../../server-kit/json-http';
import {
  pairRequestSchema,
  releaseRequestSchema,
  reserveRequestSchema,
  balanceHoldRequestSchema,
  storeCommandSchema,
  storeIncidentsRequestSchema,
  orderClaimRequestSchema,
  pairingCodeRequestSchema,
  retireTerminalRequestSchema,
} from '../../shared/contract/store-server';
import { listStoreIncidents } from '../features/it-incidents';
import type { StoreDb } from '../db/open';
import { createPairingCode, pairTerminal } from '../features/pairing';
import { requireAdminStepUp } from '../features/admin-step-up';
import { authenticate, endLease, LEASE_MS, listTerminals, retireFromStore, terminalView } from '../features/terminals';
import { releaseLimits, reserveLimits } from '../features/limit-reservations';
import { holdBalances, releaseBalances } from '../features/balance-holds';
import { applyStoreCommand } from '../features/store-commands';
import { readStoreSettings } from '../features/store-settings';
import { openReads } from '../features/store-reads';
import { metrcBacklog } from '../features/metrc-reports';
import { claimOrder } from '../features/order-claims';
import { relayConfigured } from '../features/order-relay';
import type { StoreTls } from '../tls';
import type { StoreSealingKey } from '../sealing';

export interface StoreHttpOptions {
  readonly db: StoreDb;
  readonly tls: StoreTls;
  /** Seals what registers hand over for Metrc (registration numbers) before it is kept. */
  readonly sealing: StoreSealingKey;
  readonly host: string;
  readonly port: number;
  readonly now?: () => Date;
  /** Where registers reach PostgreSQL for the read path (a REPLICATION role on the LAN); absent: no read path. */
  readonly readsUrl?: string | null;
}

export interface StoreHttp {
  readonly server: Server;
  readonly port: number;
  close(): Promise<void>;
}

type Handler = (ctx: { req: IncomingMessage; body: unknown; now: Date }) => Promise<unknown>;

/**
 * The store server's API: HTTPS with the store's own certificate, JSON in
 * and out, every body validated by the shared contract, every error a
 * typed value. A database that is down answers 503, which terminals treat
 * like an unreachable server (isolated), never as a refusal.
 */
export async function startStoreHttp(options: StoreHttpOptions): Promise<StoreHttp> {
  const { db } = options;
  const clock = options.now ?? (() => new Date());
  const bearer = (req: IncomingMessage) => /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1] ?? null;
  const terminal = (req: IncomingMessage, now: Date) => authenticate(db, bearer(req), now);
  const parsed = <T>(schema: ZodType<T>, body: unknown) => schema.parse(body);
  const routes: Record<string, Handler> = {
    'GET /v1/health': async ({ now }) => ({ ok: true, serverTime: now.toISOString() }),
    'POST /v1/pair': async ({ body, now }) => {
      const paired = await pairTerminal(db, options.sealing, parsed(pairRequestSchema, body), options.tls.fingerprint, now);
      return { ...paired, reads: await openReads(db, options.readsUrl ?? null, paired.terminalId) };
    },
    'POST /v1/lease': async ({ req, now }) => {
      const t = await terminal(req, now);
      const settings = await readStoreSettings(db);
      return {
        serverTime: now.toISOString(),
        leaseMs: LEASE_MS,
        configVersion: settings.version,
        isolation: settings.isolation,
        designated: t.designated === 1,
        ordersPulled: await relayConfigured(db),
        metrc: await metrcBacklog(db, settings.identity.licence),
      };
    },
    'POST /v1/lease/end': async ({ req, now }) => {
      const t = await terminal(req, now);
      await endLease(db, t.id);
      return { ended: true };
    },
    'POST /v1/reservations': async ({ req, body, now }) => reserveLimits(db, await terminal(req, now), parsed(reserveRequestSchema, body), now),
    'POST /v1/reservations/release': async ({ req, body, now }) => {
      const t = await terminal(req, now);
      const { saleId } = parsed(releaseRequestSchema, body);
      // A cart given up gives back all it held: its limits, and any points or credit.
      await releaseBalances(db, t, saleId);
      return releaseLimits(db, t, saleId);
    },
    'POST /v1/balances/hold': async ({ req, body, now }) => holdBalances(db, await terminal(req, now), parsed(balanceHoldRequestSchema, body), now),
    'POST /v1/orders/claim': async ({ req, body, now }) => claimOrder(db, await terminal(req, now), parsed(orderClaimRequestSchema, body), now),
    'POST /v1/it-incidents/list': async ({ req, body, now }) => {
      await terminal(req, now);
      const { status, limit } = parsed(storeIncidentsRequestSchema, body);
      return { items: await listStoreIncidents(db, status, limit) };
    },
    // The store's registers, managed from a paired register whose admin is signed in (the register checks who, and
    // making a code or retiring a register needs that admin's PIN here too). The same feature calls as the CLI's
    // store-pairing-code, store-terminals and store-retire.
    'POST /v1/terminals/pairing-code': async ({ req, body, now }) => {
      const t = await terminal(req, now);
      await requireAdminStepUp(db, t, parsed(pairingCodeRequestSchema, body).admin, now);
      return createPairingCode(db, now);
    },
    'GET /v1/terminals': async ({ req, now }) => {
      await terminal(req, now);
      return { terminals: (await listTerminals(db)).map(terminalView) };
    },
    'POST /v1/terminals/retire': async ({ req, body, now }) => {
      const t = await terminal(req, now);
      const { terminalId, admin } = parsed(retireTerminalRequestSchema, body);
      await requireAdminStepUp(db, t, admin, now);
      // A register that retired itself would be cut off with nobody at it to know why: another register does it.
      if (terminalId === t.id)
        throw new AppError(
          'TERMINAL_RETIRE_SELF',
          'A register cannot retire itself: retire it from another register, or with store-retire on the store server.',
        );
      return { retired: terminalView(await retireFromStore(db, terminalId, now)) };
    },
    'POST /v1/commands': async ({ req, body, now }) => applyStoreCommand(db, options.sealing, await terminal(req, now), parsed(storeCommandSchema, body), now),
  };
  const server = createServer({ key: options.tls.key, cert: options.tls.cert }, (req, res) => {
    void handle(req, res);
  });
  // Every socket, including ones still in their TLS handshake (which the HTTP layer does not yet
  // know of), so stopping the server ends them all rather than waiting on a silent peer.
  const sockets = new Set<Socket>();
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  });
  async function handle(req: IncomingMessage, res: ServerResponse) {
    const route = routes[`${req.method ?? ''} ${(req.url ?? '').split('?')[0] ?? ''}`];
    try {
      if (route === undefined) throw new AppError('NOT_FOUND', `No such store server call: ${req.method ?? ''} ${req.url ?? ''}`);
      const body = req.method === 'POST' ? parseJsonBody(await readBody(req)) : undefined;
      sendJson(res, 200, await route({ req, body, now: clock() }));
    } catch (error) {
      const [status, value] = errorAnswer(error, STATUS, UNAVAILABLE);
      sendJson(res, status, { error: value });
    }
  }
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => resolve());
  });
  return {
    server,
    port: (server.address() as AddressInfo).port,
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
        for (const socket of sockets) socket.destroy();
      }),
  };
}

const STATUS: Record<string, number> = {
  NOT_FOUND: 404,
  INVALID_INPUT: 400,
  STORE_UNAUTHENTICATED: 401,
  TERMINAL_RETIRED: 403,
  PAIRING_REFUSED: 403,
  TERMINAL_NOT_FOUND: 404,
  TERMINAL_RETIRE_SELF: 409,
  STEP_UP_REFUSED: 403,
  STEP_UP_LOCKED: 429,
  RESERVATION_CONFLICT: 409,
  ORDER_TAKEN_ELSEWHERE: 409,
  STORE_NOT_SET_UP: 503,
};

// PostgreSQL down or restarting: the terminal treats this as "server unreachable", never as a refusal.
const UNAVAILABLE = { code: 'STORE_DB_UNAVAILABLE', message: 'The store server cannot reach its database right now.' };
