import { chmod, mkdtemp, readFile, rm, stat, writeFile, readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { SafeStorage } from 'electron';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  FileKeySource,
  SafeStorageKeySource,
  StaticKeySource,
  type KeyProtector,
  type SafeStorageLike,
} from '../../../../src/main/platform/security/key-source';

const posix = process.platform !== 'win32';
const identity: KeyProtector = { name: 'none-test-only', protect: (k) => Buffer.from(k), unprotect: (w) => Buffer.from(w) };

/** A reversible stand-in for the OS keychain: XOR with a secret, plus a marker. */
class FakeSafeStorage implements SafeStorageLike {
  available = true;
  backend: string | undefined = undefined;
  encryptCalls = 0;
  readonly #pad = 0x5a;
  isEncryptionAvailable(): boolean {
    return this.available;
  }
  encryptString(plainText: string): Buffer {
    this.encryptCalls++;
    return Buffer.concat([Buffer.from('FAKE'), Buffer.from(plainText, 'utf8').map((b) => b ^ this.#pad)]);
  }
  decryptString(encrypted: Buffer): string {
    if (!encrypted.subarray(0, 4).equals(Buffer.from('FAKE'))) throw new Error('Error while decrypting the ciphertext provided to safeStorage.decryptString.');
    return Buffer.from(encrypted.subarray(4).map((b) => b ^ this.#pad)).toString('utf8');
  }
  getSelectedStorageBackend(): string {
    return this.backend ?? 'gnome_libsecret';
  }
}

// Electron's real safeStorage must satisfy the interface (type-level check).
const _electronFits = (s: SafeStorage): SafeStorageLike => s;
void _electronFits;

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'greentill-keys-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('StaticKeySource', () => {
  it('returns copies of its key and refuses a wrong-size key', async () => {
    const source = new StaticKeySource(Buffer.alloc(32, 1));
    const a = await source.getMasterKey();
    a.fill(0);
    expect(await source.getMasterKey()).toEqual(Buffer.alloc(32, 1));
    expect(() => new StaticKeySource(Buffer.alloc(31))).toThrow(expect.objectContaining({ code: 'KEY_INVALID' }) as Error);
  });
});

describe('FileKeySource', () => {
  it('creates a 32-byte key on first use in a 0600 file, in a new folder, and returns the same key after restart', async () => {
    const path = join(dir, 'nested', 'master.key');
    const key = await new FileKeySource({ path, protector: identity }).getMasterKey();
    expect(key).toHaveLength(32);
    if (posix) {
      expect((await stat(path)).mode & 0o777).toBe(0o600);
      expect((await stat(join(dir, 'nested'))).mode & 0o777).toBe(0o700);
    }
    const again = await new FileKeySource({ path, protector: identity }).getMasterKey();
    expect(again.equals(key)).toBe(true);
    expect(await readdir(join(dir, 'nested'))).toEqual(['master.key']); // temp file cleaned up
  });

  it('two sources starting at once agree on one key', async () => {
    const path = join(dir, 'master.key');
    const keys = await Promise.all(Array.from({ length: 6 }, () => new FileKeySource({ path, protector: identity }).getMasterKey()));
    for (const k of keys) expect(k.equals(keys[0] ?? Buffer.alloc(0))).toBe(true);
  });

  it('stores what the protector returns, never the raw key', async () => {
    const path = join(dir, 'master.key');
    const reversing: KeyProtector = { name: 'reverse', protect: (k) => Buffer.from(k).reverse(), unprotect: (w) => Buffer.from(w).reverse() };
    const key = await new FileKeySource({ path, protector: reversing }).getMasterKey();
    const text = await readFile(path, 'utf8');
    expect(text).not.toContain(key.toString('base64url'));
    expect(text).toContain(Buffer.from(key).reverse().toString('base64url'));
  });

  it('tightens a key file whose permissions were loosened', async () => {
    if (!posix) return;
    const path = join(dir, 'master.key');
    await new FileKeySource({ path, protector: identity }).getMasterKey();
    await chmod(path, 0o644);
    await new FileKeySource({ path, protector: identity }).getMasterKey();
    expect((await stat(path)).mode & 0o777).toBe(0o600);
  });

  it('never replaces a damaged or foreign key file with a new key', async () => {
    const path = join(dir, 'master.key');
    await writeFile(path, 'garbage', { mode: 0o600 });
    await expect(new FileKeySource({ path, protector: identity }).getMasterKey()).rejects.toMatchObject({ code: 'KEY_FILE_INVALID' });
    expect(await readFile(path, 'utf8')).toBe('garbage');

    await rm(path);
    await new FileKeySource({ path, protector: identity }).getMasterKey();
    const before = await readFile(path, 'utf8');
    const other: KeyProtector = { ...identity, name: 'other' };
    await expect(new FileKeySource({ path, protector: other }).getMasterKey()).rejects.toMatchObject({ code: 'KEY_FILE_INVALID' });
    const failing: KeyProtector = {
      ...identity,
      unprotect: () => {
        throw new Error('keychain locked');
      },
    };
    await expect(new FileKeySource({ path, protector: failing }).getMasterKey()).rejects.toMatchObject({ code: 'KEY_UNREADABLE' });
    expect(await readFile(path, 'utf8')).toBe(before);
  });
});

describe('SafeStorageKeySource', () => {
  it('wraps the key with safeStorage and reads it back', async () => {
    const path = join(dir, 'master.key');
    const storage = new FakeSafeStorage();
    const key = await new SafeStorageKeySource({ path, safeStorage: storage }).getMasterKey();
    expect(storage.encryptCalls).toBe(1);
    const file = JSON.parse(await readFile(path, 'utf8')) as { protection: string; wrapped: string };
    expect(file.protection).toBe('electron-safe-storage');
    expect(Buffer.from(file.wrapped, 'base64url').subarray(0, 4).toString()).toBe('FAKE');
    expect((await readFile(path, 'utf8')).includes(key.toString('base64'))).toBe(false);
    if (posix) expect((await stat(path)).mode & 0o777).toBe(0o600);
    expect((await new SafeStorageKeySource({ path, safeStorage: new FakeSafeStorage() }).getMasterKey()).equals(key)).toBe(true);
  });

  it('refuses, and writes nothing, when OS encryption is unavailable', async () => {
    const path = join(dir, 'master.key');
    const storage = new FakeSafeStorage();
    storage.available = false;
    await expect(new SafeStorageKeySource({ path, safeStorage: storage }).getMasterKey()).rejects.toMatchObject({ code: 'KEY_PROTECTION_UNAVAILABLE' });
    expect(await readdir(dir)).toEqual([]);
  });

  it("refuses Linux's basic_text backend unless explicitly allowed", async () => {
    const path = join(dir, 'master.key');
    const storage = new FakeSafeStorage();
    storage.backend = 'basic_text';
    await expect(new SafeStorageKeySource({ path, safeStorage: storage }).getMasterKey()).rejects.toMatchObject({ code: 'KEY_PROTECTION_UNAVAILABLE' });
    expect(await readdir(dir)).toEqual([]);
    expect(await new SafeStorageKeySource({ path, safeStorage: storage, allowBasicTextBackend: true }).getMasterKey()).toHaveLength(32);
  });

  it('a key file that the keychain can no longer unwrap is an error, not a new key', async () => {
    const path = join(dir, 'master.key');
    await new SafeStorageKeySource({ path, safeStorage: new FakeSafeStorage() }).getMasterKey();
    const before = await readFile(path, 'utf8');
    const broken = new FakeSafeStorage();
    broken.decryptString = () => {
      throw new Error('Error while decrypting');
    };
    await expect(new SafeStorageKeySource({ path, safeStorage: broken }).getMasterKey()).rejects.toMatchObject({ code: 'KEY_UNREADABLE' });
    expect(await readFile(path, 'utf8')).toBe(before);
  });
});
