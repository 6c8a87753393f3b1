import { Agent, request } from 'node:https';
import { X509Certificate, createHmac, createHash } from 'node:crypto';
import type { TLSSocket } from 'node:tls';
import type { ZodType } from 'zod';
import { AppError } from '../../../shared/errors';
import { normalisePairingCode, pairResponseSchema } from '../../../shared/contract/store-server';

/** Where this register's store server is, the certificate it pinned at pairing, and its credential. */
export interface StoreLink {
  readonly url: string;
  readonly terminalId: string;
  readonly credential: string;
  /** The store's person-key secret (see pairResponseSchema). */
  readonly personKeySecret: string;
  /** Where this register reads the store's prices, or null (it keeps its own). */
  readonly reads: { readonly url: string; readonly slot: string; readonly publication: string } | null;
  /** The store server's certificate (PEM) and its SHA-256 fingerprint, pinned at pairing. */
  readonly certificate: string;
  readonly fingerprint: string;
}

/**
 * "The store server could not be reached" (network, TLS pin, timeout, its
 * database down): the register then follows the store's isolation policy.
 * Distinct from an answer, which is final (a refusal is never retried as
 * if the server were down).
 */
export class StoreUnreachable extends AppError {
  constructor(detail: string) {
    super('STORE_UNREACHABLE', `The store server cannot be reached (${detail}).`);
  }
}

const TIMEOUT_MS = 2_000;

/**
 * Calls the store server over HTTPS, trusting only the certificate pinned
 * at pairing (whatever host name or address it is reached by: a LAN has no
 * public names). One keep-alive agent per link: a reserve round trip is a
 * request on an open connection.
 */
export class StoreClient {
  readonly #link: StoreLink;
  readonly #agent: Agent;

  constructor(link: StoreLink) {
    this.#link = link;
    this.#agent = new Agent({
      keepAlive: true,
      maxSockets: 4,
      ca: [link.certificate],
      checkServerIdentity: (_host, cert) =>
        cert.fingerprint256 === link.fingerprint ? undefined : new Error('the store server presented a different certificate from the one paired'),
    });
  }

  get link(): StoreLink {
    return this.#link;
  }

  async call<T>(method: 'GET' | 'POST', path: string, body: unknown, schema: ZodType<T>, timeoutMs = TIMEOUT_MS): Promise<T> {
    const answer = await send(this.#link.url, method, path, body, { agent: this.#agent, credential: this.#link.credential, timeoutMs });
    return answerOf(answer, schema);
  }

  close(): void {
    this.#agent.destroy();
  }
}

interface RawAnswer {
  readonly status: number;
  readonly json: unknown;
  readonly peerFingerprint?: string;
  readonly peerCertificate?: string;
}

function answerOf<T>(answer: RawAnswer, schema: ZodType<T>): T {
  if (answer.status === 503) throw new StoreUnreachable('its database is unavailable');
  const error = (answer.json as { error?: { code?: unknown; message?: unknown } } | null)?.error;
  if (answer.status >= 400 || error !== undefined) {
    throw new AppError(String(error?.code ?? 'STORE_ERROR'), String(error?.message ?? `The store server answered ${answer.status}.`));
  }
  const parsed = schema.safeParse(answer.json);
  if (!parsed.success)
    throw new AppError('STORE_BAD_ANSWER', 'The store server gave an answer this register does not understand: check both run the same version.');
  return parsed.data;
}

function send(
  base: string,
  method: string,
  path: string,
  body: unknown,
  options: { agent?: Agent; credential?: string; timeoutMs: number; capturePeer?: boolean },
): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const text = body === undefined ? undefined : JSON.stringify(body);
    const req = request(
      new URL(path, base),
      {
        method,
        // First contact (pairing) has no pin yet: a fresh connection, no session resumed, its certificate read and proven over.
        ...(options.agent === undefined ? { rejectUnauthorized: false, agent: false } : { agent: options.agent }),
        headers: {
          'content-type': 'application/json',
          ...(text === undefined ? {} : { 'content-length': Buffer.byteLength(text) }),
          ...(options.credential === undefined ? {} : { authorization: `Bearer ${options.credential}` }),
        },
        timeout: options.timeoutMs,
      },
      (res) => {
        const chunks: Buffer[] = [];
        const peer = options.capturePeer === true ? (res.socket as TLSSocket).getPeerCertificate(false) : undefined;
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('error', (e) => reject(new StoreUnreachable(e.message)));
        res.on('end', () => {
          let json: unknown = null;
          try {
            json = JSON.parse(Buffer.concat(chunks).toString('utf8'));
          } catch {
            reject(new StoreUnreachable(`it answered ${res.statusCode ?? 0} with something that is not JSON`));
            return;
          }
          resolve({
            status: res.statusCode ?? 0,
            json,
            ...(peer?.raw === undefined ? {} : { peerFingerprint: peer.fingerprint256, peerCertificate: new X509Certificate(peer.raw).toString() }),
          });
        });
      },
    );
    req.on('timeout', () => req.destroy(new Error(`no answer within ${options.timeoutMs} ms`)));
    req.on('error', (e) => reject(new StoreUnreachable(e.message)));
    req.end(text);
  });
}

/**
 * Pairs this register with a store server using the one-time code its
 * admin made there. The code never travels: the register proves it knows
 * it over the certificate it sees, and the server proves it back over the
 * same certificate (see src/store-server/features/pairing.ts); then the
 * register pins that certificate.
 */
export async function pairWithStoreServer(url: string, code: string, name: string): Promise<StoreLink> {
  let base: URL;
  try {
    base = new URL(url.includes('://') ? url : `https://${url}`);
  } catch {
    throw new AppError('STORE_ADDRESS_INVALID', `"${url}" is not a store server address: type it as shown on the store server, e.g. 192.168.1.10:8443.`);
  }
  if (base.protocol !== 'https:') throw new AppError('STORE_ADDRESS_INVALID', 'The store server is reached over HTTPS only.');
  // First contact: no pin yet. Learn the certificate, then prove the code over it.
  const hello = await send(base.toString(), 'GET', '/v1/health', undefined, { timeoutMs: TIMEOUT_MS, capturePeer: true });
  const fingerprint = hello.peerFingerprint;
  const certificate = hello.peerCertificate;
  if (fingerprint === undefined || certificate === undefined) throw new StoreUnreachable('it presented no certificate');
  const key = createHash('sha256').update(normalisePairingCode(code)).digest('hex');
  const proof = createHmac('sha256', key).update(`terminal:${fingerprint}`).digest('hex');
  const pinned = new StoreClient({ url: base.toString(), terminalId: '', credential: '', personKeySecret: '', reads: null, certificate, fingerprint });
  try {
    const answer = await pinned.call('POST', '/v1/pair', { proof, name }, pairResponseSchema);
    const expected = createHmac('sha256', key).update(`server:${fingerprint}:${answer.terminalId}`).digest('hex');
    if (expected !== answer.serverProof) {
      throw new AppError('PAIRING_REFUSED', 'The store server could not prove it made this pairing code: nothing was paired. Check the address and ask IT.');
    }
    return {
      url: base.toString(),
      terminalId: answer.terminalId,
      credential: answer.credential,
      personKeySecret: answer.personKeySecret,
      reads: answer.reads,
      certificate,
      fingerprint,
    };
  } finally {
    pinned.close();
  }
}
