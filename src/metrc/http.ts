import { noAnswer } from '../shared/sync/network-failure';
import { retryAfterMs } from '../shared/sync/retry-after';
import { DestinationUnavailable, PermanentRefusal, type RowError } from '../shared/sync/lane';
import { GetPacer } from './get-pacer';

export interface MetrcConnection {
  /** e.g. https://api-ca.metrc.com (no trailing slash needed). */
  readonly baseUrl: string;
  readonly licenseNumber: string;
  readonly vendorKey: string;
  readonly userKey: string;
  /** Per request; an answer that does not come in time is an unknown outcome. */
  readonly timeoutMs?: number;
  /** Ends every request still out when it fires (the store's reporter bounds each report by it). */
  readonly signal?: AbortSignal;
}

export interface MetrcResponse {
  readonly status: number;
  readonly body: unknown;
  /** The server's HTTP `Date` header (its clock, to the second), when it sent one. */
  readonly serverDate?: Date | null;
}

/** Metrc's 400 body: one entry per rejected row of the array we sent. */
export type { RowError } from '../shared/sync/lane';

/**
 * Metrc over HTTP: Basic auth (vendor key : user key), `licenseNumber` on
 * every call, JSON arrays in, and every answer sorted into what the
 * dispatcher must do with it:
 * - 2xx, 404 → returned (404 is an answer: "no such receipt");
 * - 400 → `PermanentRefusal` with the row errors when Metrc gave them;
 * - 401/403 → `PermanentRefusal` (keys, licence or permission: staff must act);
 * - 429, 5xx, network failure, timeout → `DestinationUnavailable`, with
 *   `maybeDelivered` when the request may have reached the server.
 */
export class MetrcHttp {
  readonly #connection: MetrcConnection;
  readonly #authorization: string;
  readonly #pacer: GetPacer;

  constructor(connection: MetrcConnection, pacer: GetPacer = new GetPacer()) {
    this.#connection = connection;
    this.#authorization = `Basic ${Buffer.from(`${connection.vendorKey}:${connection.userKey}`, 'utf8').toString('base64')}`;
    this.#pacer = pacer;
  }

  /** Shared by every client of the same licence, so together they stay inside Metrc's read limits. */
  get pacer(): GetPacer {
    return this.#pacer;
  }

  get licenseNumber(): string {
    return this.#connection.licenseNumber;
  }

  /** GETs are paced within Metrc's read limits (per second and concurrent). */
  get(path: string, query: Readonly<Record<string, string>> = {}): Promise<MetrcResponse> {
    return this.#pacer.run(() => this.#request('GET', path, query, undefined));
  }

  send(method: 'POST' | 'PUT' | 'DELETE', path: string, body?: unknown): Promise<MetrcResponse> {
    return this.#request(method, path, {}, body);
  }

  #signal(): AbortSignal {
    const timeout = AbortSignal.timeout(this.#connection.timeoutMs ?? 30_000);
    return this.#connection.signal === undefined ? timeout : AbortSignal.any([timeout, this.#connection.signal]);
  }

  async #request(method: string, path: string, query: Readonly<Record<string, string>>, body: unknown): Promise<MetrcResponse> {
    const url = new URL(path, this.#connection.baseUrl.endsWith('/') ? this.#connection.baseUrl : `${this.#connection.baseUrl}/`);
    url.searchParams.set('licenseNumber', this.#connection.licenseNumber);
    for (const [key, value] of Object.entries(query)) url.searchParams.set(key, value);
    let response: Response;
    try {
      response = await fetch(url, {
        method,
        headers: { authorization: this.#authorization, accept: 'application/json', ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        signal: this.#signal(),
      });
    } catch (error) {
      throw noAnswer('Metrc', error, { write: method !== 'GET' });
    }
    const text = await readBody(response, method);
    const parsed = parseJson(text);
    return classify(method, response, parsed, text);
  }
}

async function readBody(response: Response, method: string): Promise<string> {
  try {
    return await response.text();
  } catch (error) {
    // The connection broke after the status line: the server may have acted.
    throw noAnswer('Metrc', error, { write: method !== 'GET', afterHeaders: true });
  }
}

function classify(method: string, response: Response, body: unknown, text: string): MetrcResponse {
  const status = response.status;
  if ((status >= 200 && status < 300) || status === 404) return { status, body, serverDate: httpDate(response.headers.get('date')) };
  const message = serverMessage(body, text) ?? `HTTP ${status}`;
  if (status === 429) {
    throw new DestinationUnavailable('rate_limited', `Metrc is rate limiting this licence: ${message}`, {
      retryAfterMs: retryAfterMs(response.headers.get('retry-after')),
      maybeDelivered: false,
    });
  }
  if (status >= 500) {
    // A 5xx after a write may still have committed it: treat the outcome as unknown.
    throw new DestinationUnavailable('server_error', `Metrc answered ${status}: ${message}`, { maybeDelivered: method !== 'GET' });
  }
  if (status === 401)
    throw new PermanentRefusal('METRC_UNAUTHORIZED', `Metrc refused the API keys or the licence number (${message}). Check the keys in Settings → Metrc.`);
  if (status === 403) throw new PermanentRefusal('METRC_FORBIDDEN', `The Metrc user key lacks permission for this (${message}). Ask the licensee to grant it.`);
  if (status === 400) throw new PermanentRefusal('METRC_VALIDATION', `Metrc rejected the data: ${message}`, rowErrors(body));
  throw new PermanentRefusal('METRC_REFUSED', `Metrc answered ${status}: ${message}`);
}

function httpDate(header: string | null): Date | null {
  if (header === null) return null;
  const at = new Date(header);
  return Number.isNaN(at.getTime()) ? null : at;
}

function parseJson(text: string): unknown {
  if (text.trim() === '') return null;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

function rowErrors(body: unknown): RowError[] {
  if (!Array.isArray(body)) return [];
  return body.flatMap((entry: unknown) => {
    if (typeof entry !== 'object' || entry === null) return [];
    const { row, message } = entry as { row?: unknown; message?: unknown };
    return typeof row === 'number' && Number.isInteger(row) && typeof message === 'string' ? [{ row, message }] : [];
  });
}

function serverMessage(body: unknown, text: string): string | undefined {
  if (typeof body === 'object' && body !== null && !Array.isArray(body)) {
    const message = (body as { Message?: unknown; message?: unknown }).Message ?? (body as { message?: unknown }).message;
    if (typeof message === 'string') return message;
  }
  const rows = rowErrors(body);
  if (rows.length > 0) return rows.map((r) => `row ${r.row}: ${r.message}`).join('; ');
  const trimmed = text.trim();
  return trimmed === '' ? undefined : trimmed.slice(0, 300);
}
