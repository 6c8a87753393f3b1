import type { IncomingMessage } from 'node:http';

/** What the fake decided to do with one request; sent after the configured latency. */
export type Answer =
  | {
      readonly kind: 'answer';
      readonly status: number;
      readonly body: string;
      readonly contentType: string | null;
      readonly headers?: Readonly<Record<string, string>>;
    }
  | { readonly kind: 'drop' };

export const drop: Answer = { kind: 'drop' };

export function json(status: number, value: unknown): Answer {
  return { kind: 'answer', status, body: JSON.stringify(value), contentType: 'application/json; charset=utf-8' };
}

/** v1 writes and v2 PUT/DELETE answer 200 with nothing in the body. */
export function empty(status = 200): Answer {
  return { kind: 'answer', status, body: '', contentType: null };
}

/** Metrc's non-row errors: `{"Message":"..."}`. */
export function message(status: number, text: string, headers?: Record<string, string>): Answer {
  return { ...json(status, { Message: text }), ...(headers ? { headers } : {}) };
}

export function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

export function basicAuth(header: string | undefined): { user: string; password: string } | null {
  const m = header === undefined ? null : /^Basic\s+(\S+)$/i.exec(header);
  if (!m?.[1]) return null;
  const decoded = Buffer.from(m[1], 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  return colon < 0 ? null : { user: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
}

/** Per-licence GET limits: a sliding one-second window and a count of requests in flight. */
export class GetLimiter {
  readonly #recent = new Map<string, number[]>();
  readonly #inFlight = new Map<string, number>();

  readonly #perSecond: number;
  readonly #concurrent: number;

  constructor(perSecond: number, concurrent: number) {
    this.#perSecond = perSecond;
    this.#concurrent = concurrent;
  }

  /** A release function, or null when the GET must be answered 429. Rejected GETs do not count. */
  tryAcquire(key: string): (() => void) | null {
    const now = performance.now();
    const times = (this.#recent.get(key) ?? []).filter((t) => now - t < 1000);
    const running = this.#inFlight.get(key) ?? 0;
    this.#recent.set(key, times);
    if (times.length >= this.#perSecond || running >= this.#concurrent) return null;
    times.push(now);
    this.#inFlight.set(key, running + 1);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.#inFlight.set(key, (this.#inFlight.get(key) ?? 1) - 1);
    };
  }
}
