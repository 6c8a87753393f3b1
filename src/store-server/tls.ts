import { X509Certificate } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { generate } from 'selfsigned';

export interface StoreTls {
  readonly key: string;
  readonly cert: string;
  /** SHA-256 of the certificate (colon-separated hex): what terminals pin. */
  readonly fingerprint: string;
}

/**
 * The store server's TLS identity: a self-signed certificate made at first
 * start and kept in its data directory (a store's LAN has no public name to
 * get a CA certificate for; terminals pin this one at pairing instead).
 */
export async function loadOrCreateTls(dataDir: string): Promise<StoreTls> {
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const keyFile = join(dataDir, 'store-server.key');
  const certFile = join(dataDir, 'store-server.crt');
  if (!existsSync(keyFile) || !existsSync(certFile)) {
    const now = new Date();
    const pems = await generate([{ name: 'commonName', value: 'greentill-store-server' }], {
      keyType: 'ec',
      curve: 'P-256',
      algorithm: 'sha256',
      notBeforeDate: now,
      notAfterDate: new Date(now.getTime() + 10 * 365 * 86_400_000),
    });
    writeFileSync(keyFile, pems.private, { mode: 0o600 });
    writeFileSync(certFile, pems.cert, { mode: 0o644 });
  }
  const cert = readFileSync(certFile, 'utf8');
  return { key: readFileSync(keyFile, 'utf8'), cert, fingerprint: certificateFingerprint(cert) };
}

export function certificateFingerprint(pem: string | Buffer): string {
  return new X509Certificate(pem).fingerprint256;
}
