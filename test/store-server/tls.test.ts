import { X509Certificate, createPrivateKey } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadOrCreateTls } from '../../src/store-server/tls';
import { tempDir } from '../support/temp-db';

/**
 * The store server's TLS identity, made at first start (defect seen in CI:
 * two store-cores started at once on one data directory each wrote their
 * own key and certificate, and one read the other's half-written file —
 * "PEM routines::bad end line" — or a key that was not its certificate's).
 */
describe('the store server’s TLS identity', () => {
  it('is one identity, whole, however many start at once on one data directory', async () => {
    const dir = tempDir();
    try {
      const loaded = await Promise.all(Array.from({ length: 4 }, () => loadOrCreateTls(dir.path)));
      expect(new Set(loaded.map((t) => t.fingerprint)).size).toBe(1);
      for (const tls of loaded) expect(new X509Certificate(tls.cert).checkPrivateKey(createPrivateKey(tls.key))).toBe(true);
      // And the next start reads the same one.
      expect((await loadOrCreateTls(dir.path)).fingerprint).toBe(loaded[0]!.fingerprint);
    } finally {
      dir.cleanup();
    }
  });

  it('is made anew, whole, when a crash left a key without its certificate', async () => {
    const dir = tempDir();
    try {
      writeFileSync(join(dir.path, 'store-server.key'), '-----BEGIN PRIVATE KEY-----\nhalf', { mode: 0o600 });
      const tls = await loadOrCreateTls(dir.path);
      expect(new X509Certificate(tls.cert).checkPrivateKey(createPrivateKey(tls.key))).toBe(true);
    } finally {
      dir.cleanup();
    }
  });
});
