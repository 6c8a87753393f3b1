import { X509Certificate } from 'node:crypto';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { generate } from 'selfsigned';

export interface StoreTls {
  readonly key: string;
  readonly cert: string;
  /** SHA-256 of the certificate (colon-separated hex): what terminals pin. */
  readonly fingerprint: string;
}

/** How long a start waits for another process making the identity before it counts that one dead. */
const MAKER_PATIENCE_MS = 30_000;

/**
 * The store server's TLS identity: a self-signed certificate made at first
 * start and kept in its data directory (a store's LAN has no public name to
 * get a CA certificate for; terminals pin this one at pairing instead).
 * Two store-cores may start at once on one directory (a reporter standing
 * by): one makes the identity, under an exclusive lock file, writing each
 * file whole and renaming it into place; the others wait for it and read the
 * same. A key left without its certificate (a crash between the two) is
 * made anew, both files together.
 */
export async function loadOrCreateTls(dataDir: string): Promise<StoreTls> {
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const keyFile = join(dataDir, 'store-server.key');
  const certFile = join(dataDir, 'store-server.crt');
  const lockFile = join(dataDir, 'store-server.tls.lock');
  const waitingSince = Date.now();
  while (!existsSync(certFile)) {
    const lock = takeLock(lockFile);
    if (lock === null) {
      // Another start is making it: wait, unless it has been gone too long (its lock is then stale).
      if (Date.now() - waitingSince > MAKER_PATIENCE_MS) rmSync(lockFile, { force: true });
      await new Promise((resolve) => setTimeout(resolve, 50));
      continue;
    }
    try {
      if (!existsSync(certFile)) await makeIdentity(keyFile, certFile);
    } finally {
      closeSync(lock);
      rmSync(lockFile, { force: true });
    }
  }
  const cert = readFileSync(certFile, 'utf8');
  return { key: readFileSync(keyFile, 'utf8'), cert, fingerprint: certificateFingerprint(cert) };
}

/** The lock file, made exclusively (null when another process holds it). */
function takeLock(lockFile: string): number | null {
  try {
    return openSync(lockFile, 'wx', 0o600);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return null;
    throw error;
  }
}

/** A new key and certificate, each written whole to a file of its own and renamed into place, the certificate last. */
async function makeIdentity(keyFile: string, certFile: string): Promise<void> {
  const now = new Date();
  const pems = await generate([{ name: 'commonName', value: 'greentill-store-server' }], {
    keyType: 'ec',
    curve: 'P-256',
    algorithm: 'sha256',
    notBeforeDate: now,
    notAfterDate: new Date(now.getTime() + 10 * 365 * 86_400_000),
  });
  writeFileSync(`${keyFile}.new`, pems.private, { mode: 0o600 });
  writeFileSync(`${certFile}.new`, pems.cert, { mode: 0o644 });
  renameSync(`${keyFile}.new`, keyFile);
  renameSync(`${certFile}.new`, certFile);
}

export function certificateFingerprint(pem: string | Buffer): string {
  return new X509Certificate(pem).fingerprint256;
}
