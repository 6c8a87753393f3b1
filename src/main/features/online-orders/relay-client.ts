import type { z } from 'zod';
import { relayPullResponseSchema, relayStatusResponseSchema, relayTextsPullResponseSchema, type RelayStatusRequest } from '../../../shared/contract/relay';
import { AppError } from '../../../shared/errors';

/** The relay could not be reached or could not answer now (its database down): try again later. */
export class RelayUnreachable extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RelayUnreachable';
  }
}

export interface RelayLink {
  /** The relay's address (https://…, or http:// on loopback). */
  readonly url: string;
  /** The store's bearer credential from `relay-store-add`. */
  readonly credential: string;
}

/**
 * The register's side of the order relay (issue #21): pull order events
 * after a cursor, send status changes. A refusal comes back as the relay's
 * AppError; anything that says "not now" as RelayUnreachable.
 */
export class RelayClient {
  readonly #link: RelayLink;
  readonly #timeoutMs: number;

  constructor(link: RelayLink, timeoutMs = 10_000) {
    this.#link = link;
    this.#timeoutMs = timeoutMs;
  }

  pull(after: number, limit = 200) {
    return this.#call('GET', `/v1/orders?after=${after}&limit=${limit}`, undefined, relayPullResponseSchema);
  }

  /** Texts customers sent in (STOP, START, HELP…), after the texts cursor. */
  pullTexts(after: number, limit = 200) {
    return this.#call('GET', `/v1/texts?after=${after}&limit=${limit}`, undefined, relayTextsPullResponseSchema);
  }

  status(request: RelayStatusRequest) {
    return this.#call('POST', '/v1/orders/status', request, relayStatusResponseSchema);
  }

  async #call<T>(method: string, path: string, body: unknown, schema: z.ZodType<T>): Promise<T> {
    let res: Response;
    try {
      res = await fetch(`${this.#link.url.replace(/\/+$/, '')}${path}`, {
        method,
        headers: { authorization: `Bearer ${this.#link.credential}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        signal: AbortSignal.timeout(this.#timeoutMs),
      });
    } catch (error) {
      throw new RelayUnreachable(`The order relay cannot be reached: ${error instanceof Error ? error.message : String(error)}`);
    }
    const text = await res.text();
    let json: unknown = null;
    try {
      json = JSON.parse(text);
    } catch {
      // not JSON: judged by status below
    }
    if (res.status >= 500 || res.status === 408 || res.status === 429) throw new RelayUnreachable(`The order relay answered ${res.status}.`);
    if (res.status !== 200) {
      const error = (json as { error?: { code?: string; message?: string } } | null)?.error;
      throw new AppError(error?.code ?? 'RELAY_REFUSED', error?.message ?? `The order relay answered ${res.status}.`);
    }
    return schema.parse(json);
  }
}
