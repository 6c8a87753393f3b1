import { DestinationUnavailable } from '../../../shared/sync/lane';
import { greentillSignature } from '../sync/menu/signature';

/** What a provider answered for one text. */
export type ProviderAnswer = { readonly sent: true; readonly providerMessageId: string | null } | { readonly sent: false; readonly refused: string };

/**
 * A cannabis-permitted SMS provider behind one interface (issue #21):
 * mainstream SMS platforms ban cannabis traffic. `send` answers sent or
 * refused for good, and throws `DestinationUnavailable` when the provider
 * cannot take work now (the lane retries; `maybeDelivered` makes the next
 * attempt reuse the same idempotency key).
 */
export interface SmsProvider {
  readonly name: string;
  send(text: { readonly id: string; readonly to: string; readonly body: string }): Promise<ProviderAnswer>;
}

const TIMEOUT_MS = 15_000;

async function post(url: string, headers: Record<string, string>, body: string): Promise<Response> {
  try {
    return await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body,
      redirect: 'manual',
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
  } catch (error) {
    throw new DestinationUnavailable('unreachable', `The SMS provider cannot be reached: ${error instanceof Error ? error.message : String(error)}`, {
      maybeDelivered: true,
    });
  }
}

async function answerOf(response: Response, idOf: (json: unknown) => string | null): Promise<ProviderAnswer> {
  const text = await response.text();
  if (response.status === 429 || response.status >= 500)
    throw new DestinationUnavailable(response.status === 429 ? 'rate_limited' : 'server_error', `The SMS provider answered ${response.status}.`, {
      maybeDelivered: true,
    });
  if (!response.ok) return { sent: false, refused: `The SMS provider refused the text (${response.status}): ${text.slice(0, 200)}` };
  let json: unknown = null;
  try {
    json = text === '' ? null : JSON.parse(text);
  } catch {
    json = null;
  }
  return { sent: true, providerMessageId: idOf(json) };
}

/**
 * A generic HTTPS provider (the store's own gateway): `POST <url>` with
 * `{"id","to","body"}`, signed like the Greentill webhooks —
 * `X-Greentill-Timestamp` and `X-Greentill-Signature: sha256=<hex HMAC of "<timestamp>.<body>">`;
 * `Idempotency-Key` is the text's id, the same on every retry.
 */
export function httpsSmsProvider(options: { readonly url: string; readonly secret: string; readonly now?: () => Date }): SmsProvider {
  return {
    name: 'HTTPS gateway',
    send: async (text) => {
      const body = JSON.stringify({ id: text.id, to: text.to, body: text.body });
      const timestamp = Math.floor((options.now?.() ?? new Date()).getTime() / 1000);
      const response = await post(
        options.url,
        {
          'x-greentill-timestamp': String(timestamp),
          'x-greentill-signature': greentillSignature(options.secret, timestamp, body),
          'idempotency-key': text.id,
        },
        body,
      );
      return answerOf(response, (json) => (typeof json === 'object' && json !== null && 'id' in json ? String(json.id) : null));
    },
  };
}

/**
 * Alpine IQ's SMS endpoint ⚠ (shapes from its published API as summarised
 * in ../shared/reference/orders.md, not verified against a live account):
 * `POST <base>/api/v2/sms` with header `X-APIKEY`, body `{"phone","message"}`.
 */
export function alpineIqSmsProvider(options: { readonly baseUrl: string; readonly apiKey: string }): SmsProvider {
  return {
    name: 'Alpine IQ',
    send: async (text) => {
      const response = await post(
        `${options.baseUrl.replace(/\/+$/, '')}/api/v2/sms`,
        { 'x-apikey': options.apiKey },
        JSON.stringify({ phone: text.to, message: text.body }),
      );
      return answerOf(response, (json) => (typeof json === 'object' && json !== null && 'id' in json ? String(json.id) : null));
    },
  };
}
