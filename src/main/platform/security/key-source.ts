import { randomBytes } from 'node:crypto';
import { chmod, link, mkdir, open, readFile, stat, unlink } from 'node:fs/promises';
import { dirname } from 'node:path';
import { AppError } from '../../../shared/errors';
import { MASTER_KEY_BYTES } from './pii-crypto';

/**
 * Where the 32-byte master key (from which the PII keys are derived) lives.
 *
 * The key file is written once and never replaced: a new key over an
 * existing file would make every encrypted customer field unreadable, so
 * any read problem is an error for support, never a reason to regenerate.
 */
export interface KeySource {
  getMasterKey(): Promise<Buffer>;
}

/** Tests: a fixed key. */
export class StaticKeySource implements KeySource {
  readonly #key: Buffer;

  constructor(key: Buffer) {
    if (key.length !== MASTER_KEY_BYTES) throw new AppError('KEY_INVALID', `The master key must be ${MASTER_KEY_BYTES} bytes.`);
    this.#key = Buffer.from(key);
  }

  getMasterKey(): Promise<Buffer> {
    return Promise.resolve(Buffer.from(this.#key));
  }
}

/** Wraps the key before it touches disk (OS keychain, DPAPI, …). */
export interface KeyProtector {
  /** Recorded in the file; a file written by another protector is refused. */
  readonly name: string;
  protect(key: Buffer): Promise<Buffer> | Buffer;
  unprotect(wrapped: Buffer): Promise<Buffer> | Buffer;
}

/**
 * No wrapping: the key file is protected by its 0600 mode only. For the
 * headless host, the CLI and tests — never for a register in a store, which
 * uses `SafeStorageKeySource`.
 */
export const unprotectedKeyFile: KeyProtector = {
  name: 'file-permissions-only',
  protect: (key) => Buffer.from(key),
  unprotect: (wrapped) => Buffer.from(wrapped),
};

interface KeyFileContents {
  readonly format: 'greentill-master-key';
  readonly version: 1;
  readonly protection: string;
  readonly wrapped: string;
}

function keyFileInvalid(path: string): AppError {
  return new AppError('KEY_FILE_INVALID', 'The register’s data key file is damaged. Do not delete it; contact support to restore it from backup.', { path });
}

function keyUnreadable(path: string): AppError {
  return new AppError('KEY_UNREADABLE', 'The register’s data key could not be unlocked on this computer. Do not reinstall; contact support.', { path });
}

function isErrno(error: unknown, code: string): boolean {
  return typeof error === 'object' && error !== null && 'code' in error && (error as { code: unknown }).code === code;
}

/**
 * Key in a file (mode 0600, folder 0700), wrapped by an injectable protector.
 * Created on first use: written to a temp file, fsynced, then hard-linked
 * into place — `link` fails if the file exists, so two processes starting at
 * once agree on one key and a crash never leaves a half-written key file.
 * (Windows ignores POSIX modes; the protector is what protects it there.)
 */
export class FileKeySource implements KeySource {
  readonly #path: string;
  readonly #protector: KeyProtector;
  #loading: Promise<Buffer> | null = null;

  constructor(options: { readonly path: string; readonly protector: KeyProtector }) {
    this.#path = options.path;
    this.#protector = options.protector;
  }

  async getMasterKey(): Promise<Buffer> {
    // Memoise so concurrent first calls share one creation; forget failures so a retry can succeed.
    this.#loading ??= this.#loadOrCreate().catch((error: unknown) => {
      this.#loading = null;
      throw error;
    });
    return Buffer.from(await this.#loading);
  }

  async #loadOrCreate(): Promise<Buffer> {
    try {
      return await this.#load();
    } catch (error) {
      if (!isErrno(error, 'ENOENT')) throw error;
    }
    await this.#create();
    return this.#load();
  }

  async #load(): Promise<Buffer> {
    const text = await readFile(this.#path, 'utf8');
    if (process.platform !== 'win32') {
      const mode = (await stat(this.#path)).mode & 0o777;
      // Someone loosened it (copy, backup restore): tighten rather than refuse to open the store.
      if ((mode & 0o077) !== 0) await chmod(this.#path, 0o600);
    }
    let contents: Partial<KeyFileContents>;
    try {
      contents = JSON.parse(text) as Partial<KeyFileContents>;
    } catch {
      throw keyFileInvalid(this.#path);
    }
    if (contents.format !== 'greentill-master-key' || contents.version !== 1 || typeof contents.wrapped !== 'string') throw keyFileInvalid(this.#path);
    if (contents.protection !== this.#protector.name) {
      throw new AppError('KEY_FILE_INVALID', 'The register’s data key file was protected differently on another setup. Contact support.', {
        path: this.#path,
        expected: this.#protector.name,
        found: String(contents.protection),
      });
    }
    let key: Buffer;
    try {
      key = await this.#protector.unprotect(Buffer.from(contents.wrapped, 'base64url'));
    } catch (error) {
      if (error instanceof AppError) throw error;
      throw keyUnreadable(this.#path);
    }
    if (key.length !== MASTER_KEY_BYTES) throw keyUnreadable(this.#path);
    return key;
  }

  async #create(): Promise<void> {
    await mkdir(dirname(this.#path), { recursive: true, mode: 0o700 });
    const key = randomBytes(MASTER_KEY_BYTES);
    const wrapped = await this.#protector.protect(key);
    // Prove the wrapping reverses before committing to it.
    const back = await this.#protector.unprotect(wrapped);
    if (!back.equals(key)) throw new AppError('KEY_PROTECTION_UNAVAILABLE', 'The computer’s key protection is not working. Contact support.');
    const contents: KeyFileContents = { format: 'greentill-master-key', version: 1, protection: this.#protector.name, wrapped: wrapped.toString('base64url') };

    const tmp = `${this.#path}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`;
    const handle = await open(tmp, 'wx', 0o600);
    try {
      await handle.writeFile(`${JSON.stringify(contents)}\n`, 'utf8');
      await handle.sync();
    } finally {
      await handle.close();
    }
    try {
      await chmod(tmp, 0o600); // in case of an unusual umask
      await link(tmp, this.#path);
    } catch (error) {
      if (!isErrno(error, 'EEXIST')) throw error; // another process created it first: use theirs
    } finally {
      await unlink(tmp);
    }
    await syncDirectory(dirname(this.#path));
  }
}

async function syncDirectory(dir: string): Promise<void> {
  if (process.platform === 'win32') return;
  const handle = await open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/**
 * The part of Electron's `safeStorage` we use (Electron's object satisfies
 * it; tests pass a fake). `getSelectedStorageBackend` exists on Linux.
 */
export interface SafeStorageLike {
  isEncryptionAvailable(): boolean;
  encryptString(plainText: string): Buffer;
  decryptString(encrypted: Buffer): string;
  getSelectedStorageBackend?(): string;
}

/**
 * Key wrapped by the OS (macOS Keychain, Windows DPAPI, Linux libsecret /
 * kwallet) via Electron `safeStorage`, stored in a file. Refuses with
 * `KEY_PROTECTION_UNAVAILABLE` when the OS cannot encrypt — including Linux's
 * `basic_text` backend, which "encrypts" with a hard-coded password — rather
 * than quietly store the key in the clear. Call after Electron's `ready`.
 */
export class SafeStorageKeySource implements KeySource {
  readonly #safeStorage: SafeStorageLike;
  readonly #allowBasicText: boolean;
  readonly #file: FileKeySource;

  constructor(options: { readonly path: string; readonly safeStorage: SafeStorageLike; readonly allowBasicTextBackend?: boolean }) {
    this.#safeStorage = options.safeStorage;
    this.#allowBasicText = options.allowBasicTextBackend ?? false;
    const ensure = (): void => this.#ensureAvailable();
    const storage = options.safeStorage;
    this.#file = new FileKeySource({
      path: options.path,
      protector: {
        name: 'electron-safe-storage',
        protect: (key) => {
          ensure();
          return storage.encryptString(key.toString('base64'));
        },
        unprotect: (wrapped) => {
          ensure();
          return Buffer.from(storage.decryptString(wrapped), 'base64');
        },
      },
    });
  }

  async getMasterKey(): Promise<Buffer> {
    this.#ensureAvailable();
    return this.#file.getMasterKey();
  }

  #ensureAvailable(): void {
    if (!this.#safeStorage.isEncryptionAvailable()) {
      throw new AppError(
        'KEY_PROTECTION_UNAVAILABLE',
        'This computer’s secure key storage is not available, so customer data cannot be protected. Contact support.',
      );
    }
    const backend = this.#safeStorage.getSelectedStorageBackend?.();
    if (backend === 'basic_text' && !this.#allowBasicText) {
      throw new AppError(
        'KEY_PROTECTION_UNAVAILABLE',
        'This computer has no system keyring (GNOME Keyring or KWallet), so customer data cannot be protected. Contact support.',
        { backend },
      );
    }
  }
}
