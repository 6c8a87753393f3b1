import { noAnswer } from '../../../../shared/sync/network-failure';
import { DestinationUnavailable, PermanentRefusal } from '../../../../shared/sync/lane';
import { retryAfterMs } from '../../../../shared/sync/retry-after';
import type { MenuWebhookBody } from './events';
import { signedHeaders } from './signature';

const NAME = 'The online menu';

export interface MenuWebhookOptions {
  /** https, or http to this computer only (checked when the settings are saved). */
  readonly endpointUrl: string;
  readonly secret: string;
  /** Per request; an answer that does not come in time is an unknown outcome (resent: receivers dedupe). */
  readonly timeoutMs?: number;
  readonly now?: () => Date;
}

/** A receiver may refuse single events in a 2xx answer; events it does not list were taken. */
export interface MenuEventVerdict {
  readonly status: 'ok' | 'duplicate' | 'rejected';
  readonly message: string | null;
}

/**
 * One signed POST to the menu webhook, its answer sorted into what the
 * dispatcher must do:
 * - 2xx → taken, with any per-event verdicts (`{"results":[{id,status,message}]}`);
 * - 401/403 → `PermanentRefusal` MENU_UNAUTHORIZED (the secret: staff must act);
 * - 400/422 → `PermanentRefusal` MENU_VALIDATION with the receiver's words;
 * - other 3xx/4xx → `PermanentRefusal` (wrong address: staff must act);
 * - 408, 429 (Retry-After), 5xx, no answer → `DestinationUnavailable`.
 * Redirects are not followed: a POST redirected by fetch turns into a GET.
 */
export class MenuWebhook {
  readonly #options: MenuWebhookOptions;

  constructor(options: MenuWebhookOptions) {
    this.#options = options;
  }

  async post(payload: MenuWebhookBody): Promise<ReadonlyMap<string, MenuEventVerdict>> {
    const body = JSON.stringify(payload);
    let response: Response;
    try {
      response = await fetch(this.#options.endpointUrl, {
        method: 'POST',
        headers: signedHeaders(this.#options.secret, body, (this.#options.now ?? (() => new Date()))()),
        body,
        redirect: 'manual',
        signal: AbortSignal.timeout(this.#options.timeoutMs ?? 15_000),
      });
    } catch (error) {
      throw noAnswer(NAME, error, { write: true });
    }
    let text: string;
    try {
      text = await response.text();
    } catch (error) {
      throw noAnswer(NAME, error, { write: true, afterHeaders: true });
    }
    return answerOf(response, text);
  }
}

function answerOf(response: Response, text: string): ReadonlyMap<string, MenuEventVerdict> {
  const status = response.status;
  const body = parsed(text);
  if (status >= 200 && status < 300) return verdicts(body);
  const message = receiverMessage(body, text) ?? `HTTP ${status}`;
  if (status === 429)
    throw new DestinationUnavailable('rate_limited', `The online menu is rate limiting the register: ${message}`, {
      retryAfterMs: retryAfterMs(response.headers.get('retry-after')),
      maybeDelivered: false,
    });
  // 408: the receiver gave up waiting for our request; 5xx may come after it applied some events (harmless: they are deduped).
  if (status === 408 || status >= 500)
    throw new DestinationUnavailable('server_error', `The online menu answered ${status}: ${message}`, {
      retryAfterMs: retryAfterMs(response.headers.get('retry-after')),
      maybeDelivered: status !== 408,
    });
  if (status === 401 || status === 403) {
    throw new PermanentRefusal(
      'MENU_UNAUTHORIZED',
      `The online menu refused the register’s signature (${status}: ${message}). Check that the signing secret in Sync → Online menu is the one the menu platform shows, save it, then retry these items.`,
    );
  }
  if (status === 400 || status === 422) throw new PermanentRefusal('MENU_VALIDATION', `The online menu rejected the change: ${message}`);
  if (status >= 300 && status < 400)
    throw new PermanentRefusal(
      'MENU_REDIRECTED',
      `The online menu address redirects elsewhere (${response.headers.get('location') ?? 'no location given'}). Enter the final address in Sync → Online menu.`,
    );
  throw new PermanentRefusal('MENU_REFUSED', `The online menu answered ${status} (${message}). Check the address in Sync → Online menu.`);
}

function parsed(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return null;
  }
}

/** The optional per-event answer; anything unreadable in it is ignored (the 2xx stands for the whole batch). */
function verdicts(body: unknown): ReadonlyMap<string, MenuEventVerdict> {
  const results = typeof body === 'object' && body !== null ? (body as { results?: unknown }).results : undefined;
  const map = new Map<string, MenuEventVerdict>();
  if (!Array.isArray(results)) return map;
  for (const entry of results as unknown[]) {
    if (typeof entry !== 'object' || entry === null) continue;
    const { id, status, message } = entry as { id?: unknown; status?: unknown; message?: unknown };
    if (typeof id !== 'string' || (status !== 'ok' && status !== 'duplicate' && status !== 'rejected')) continue;
    map.set(id, { status, message: typeof message === 'string' ? message.slice(0, 500) : null });
  }
  return map;
}

function receiverMessage(body: unknown, text: string): string | undefined {
  if (typeof body === 'object' && body !== null) {
    const { message, error } = body as { message?: unknown; error?: unknown };
    if (typeof message === 'string') return message.slice(0, 300);
    if (typeof error === 'string') return error.slice(0, 300);
  }
  const trimmed = text.trim();
  return trimmed === '' ? undefined : trimmed.slice(0, 300);
}
