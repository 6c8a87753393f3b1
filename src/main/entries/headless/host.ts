import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { CORE_GENERATION_HEADER } from '../../../shared/bridge';
import { PUSH_STREAM_PATH } from '../../../shared/contract/pushes';
import { AppError, type Result } from '../../../shared/errors';
import { CONTENT_SECURITY_POLICY } from '../../../shared/security/csp';
import type { Invoke } from '../../core/registry';
import { logger } from '../../platform/logging/logger';
import { isLoopbackHost } from './loopback';
import { pushStreams, type PushSource } from './push-stream';
import { readStaticFile } from './static-files';

export interface HeadlessHostOptions {
  readonly invoke: Invoke;
  /** Folder of the built renderer (index.html and assets). */
  readonly staticDir: string;
  readonly host?: string;
  readonly port?: number;
  /** Fixed token for tests; a fresh random one otherwise. */
  readonly token?: string;
  /**
   * How many times the core process has been started again (`CoreProcess.restarts`): sent with every
   * answer (`x-greentill-core-generation`) so the page sees a restarted core (its staff session is gone)
   * even when no command was in flight when it died.
   */
  readonly coreGeneration?: () => number;
  /** The core's pushes (CoreProcess), served to each page as Server-Sent Events on `/events`; absent: the page polls. */
  readonly pushes?: PushSource;
}

export interface HeadlessHost {
  /** Open this in a browser: the token travels in the fragment, never to a server log. */
  readonly url: string;
  readonly origin: string;
  readonly token: string;
  readonly close: () => Promise<void>;
}

// Room for the largest command: a quality incident's photo (2 MB, so ~2.8 MB in base64, see contract/quality.ts).
const MAX_BODY_BYTES = 3 * 1024 * 1024;
const IPC_PREFIX = '/ipc/';

/**
 * Serves the IPC contract over HTTP (`POST /ipc/<command>` with a bearer
 * token) and the built renderer as static files, on loopback only, so the
 * real UI can run in a browser against the real core.
 */
export async function startHeadlessHost(options: HeadlessHostOptions): Promise<HeadlessHost> {
  const host = options.host ?? '127.0.0.1';
  if (!isLoopbackHost(host)) {
    throw new AppError('HOST_NOT_LOOPBACK', `The headless host only listens on loopback (127.0.0.1 or ::1), not on "${host}".`);
  }
  const token = options.token ?? randomBytes(32).toString('base64url');
  const expected = Buffer.from(`Bearer ${token}`);
  let allowedHosts: ReadonlySet<string> = new Set();
  let allowedOrigins: ReadonlySet<string> = new Set();
  const streams = options.pushes === undefined ? null : pushStreams(options.pushes, options.coreGeneration ?? (() => 0));

  const server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      logger.error({ err: error }, 'headless host request failed');
      if (!response.headersSent) sendJson(response, 500, { ok: false, error: { code: 'INTERNAL', message: 'The register host failed.' } });
    });
  });

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    // A page on another site may resolve its own name to 127.0.0.1 (DNS rebinding): only our own Host is served.
    if (!allowedHosts.has(request.headers.host ?? '')) return sendText(response, 421, 'Misdirected request');
    const path = (request.url ?? '/').split('?')[0] ?? '/';
    if (path.startsWith(IPC_PREFIX)) return handleIpc(request, response, path.slice(IPC_PREFIX.length));
    if (path === PUSH_STREAM_PATH) return handlePushStream(request, response);
    if (request.method !== 'GET' && request.method !== 'HEAD') return sendText(response, 405, 'Method not allowed');
    const file = await readStaticFile(options.staticDir, path);
    if (file === null) return sendText(response, 404, 'Not found');
    response.writeHead(200, {
      'content-type': file.contentType,
      'content-security-policy': CONTENT_SECURITY_POLICY,
      'x-content-type-options': 'nosniff',
      'referrer-policy': 'no-referrer',
      'cache-control': 'no-store',
    });
    response.end(request.method === 'HEAD' ? undefined : file.body);
  }

  function handlePushStream(request: IncomingMessage, response: ServerResponse): void {
    if (request.method !== 'GET') return sendText(response, 405, 'Method not allowed');
    // The same guards as a command: the register's own page, with the run's token (in a header: never in a URL).
    const origin = request.headers.origin;
    if (origin !== undefined && !allowedOrigins.has(origin)) return sendText(response, 403, 'Forbidden');
    if (!hasToken(request.headers.authorization, expected)) return sendText(response, 401, 'Unauthorized');
    // No pushes here (the core in this process): 204 tells the page to keep polling, without a failed load in its console.
    if (streams === null) {
      response.writeHead(204, { 'cache-control': 'no-store' });
      response.end();
      return;
    }
    streams.open(response);
  }

  async function handleIpc(request: IncomingMessage, response: ServerResponse, name: string): Promise<void> {
    if (request.method !== 'POST') return sendText(response, 405, 'Method not allowed');
    // A browser names the page that sent a request: only the register's own page may call the core.
    const origin = request.headers.origin;
    if (origin !== undefined && !allowedOrigins.has(origin)) {
      return sendJson(response, 403, { ok: false, error: { code: 'FORBIDDEN', message: 'Only the register’s own page may call it.' } });
    }
    const command = safeDecode(name);
    if (command === null)
      return sendJson(response, 400, { ok: false, error: { code: 'INVALID_INPUT', message: 'The command name is not valid percent-encoding.' } });
    if (!hasToken(request.headers.authorization, expected)) {
      return sendJson(response, 401, { ok: false, error: { code: 'UNAUTHORIZED', message: 'This request does not carry the register host token.' } });
    }
    const body = await readBody(request);
    if (body === null) return sendJson(response, 413, { ok: false, error: { code: 'INVALID_INPUT', message: 'The request is too large.' } });
    let input: unknown;
    try {
      input = body.length === 0 ? {} : JSON.parse(body.toString('utf8'));
    } catch {
      return sendJson(response, 400, { ok: false, error: { code: 'INVALID_INPUT', message: 'The request body is not valid JSON.' } });
    }
    const result: Result<unknown> = await options.invoke(command, input);
    const generation = options.coreGeneration?.();
    sendJson(response, 200, result, generation === undefined ? {} : { [CORE_GENERATION_HEADER]: String(generation) });
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', (error) => {
      // A host that could not listen stops hearing the core's pushes too.
      streams?.close();
      reject(error);
    });
    server.listen(options.port ?? 0, host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const hostForUrl = host.includes(':') ? `[${host}]` : host;
  allowedHosts = new Set([`${hostForUrl}:${port}`, `localhost:${port}`]);
  allowedOrigins = new Set([...allowedHosts].map((h) => `http://${h}`));
  const origin = `http://${hostForUrl}:${port}`;
  return {
    url: `${origin}/#token=${token}`,
    origin,
    token,
    close: () =>
      new Promise<void>((resolve) => {
        streams?.close();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function safeDecode(text: string): string | null {
  try {
    return decodeURIComponent(text);
  } catch {
    return null;
  }
}

function hasToken(header: string | undefined, expected: Buffer): boolean {
  if (header === undefined) return false;
  const given = Buffer.from(header);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

async function readBody(request: IncomingMessage): Promise<Buffer | null> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) return null;
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

function sendJson(response: ServerResponse, status: number, value: unknown, headers: Readonly<Record<string, string>> = {}): void {
  response.writeHead(status, { ...headers, 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
  response.end(JSON.stringify(value));
}

function sendText(response: ServerResponse, status: number, text: string): void {
  response.writeHead(status, { 'content-type': 'text/plain; charset=utf-8' });
  response.end(text);
}
