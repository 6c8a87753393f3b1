import { createHmac, createSecretKey, hkdfSync, type KeyObject } from 'node:crypto';
import type Database from 'better-sqlite3';
import { sql } from 'drizzle-orm';
import { AppError } from '../../../shared/errors';
import type { RegisterDb } from '../db/register-db';
import type { RegisterTx } from '../db/transaction';
import { preparedOnce } from '../db/prepared';
import { MASTER_KEY_BYTES } from '../security/pii-crypto';

/**
 * The key of the audit chain's MACs (issue #16, finding 3): an HKDF output
 * of the register's master key (OS keychain under Electron, the key file
 * under Node), separate from the PII keys. Someone who can write the
 * database file but does not hold the master key cannot recompute a MAC, so
 * cannot edit, insert, remove or append entries unnoticed.
 *
 * The key reaches SQL as a function on the connection
 * (`greentill_audit_mac`), so every write path that appends an entry in its
 * transaction gets it without the key being passed through the features;
 * a connection opened without it cannot append (`AUDIT_KEY_MISSING`).
 */
export interface AuditKey {
  readonly kind: 'audit-mac';
  readonly key: KeyObject;
}

const HKDF_SALT = Buffer.from('greentill/audit/hkdf-salt/v1', 'utf8');
const HKDF_INFO = 'greentill audit chain hmac-sha256 v1';
const SQL_FUNCTION = 'greentill_audit_mac';

export function deriveAuditKey(masterKey: Buffer): AuditKey {
  if (masterKey.length !== MASTER_KEY_BYTES) throw new AppError('KEY_INVALID', `The master key must be ${MASTER_KEY_BYTES} bytes.`);
  return { kind: 'audit-mac', key: createSecretKey(Buffer.from(hkdfSync('sha256', masterKey, HKDF_SALT, HKDF_INFO, 32))) };
}

export function auditMac(key: AuditKey, message: string): string {
  return createHmac('sha256', key.key).update(message, 'utf8').digest('hex');
}

/**
 * The key each connection was given, beside its SQL function: appending
 * computes the MAC here instead of asking SQLite to call back into
 * JavaScript (two statements less per audit entry, issue #18). Held by this
 * module only, weakly: a closed connection lets its key go.
 */
const keyOfConnection = new WeakMap<Database.Database, AuditKey>();

/** Lets this connection append to (and verify) the chain. */
export function attachAuditKey(sqlite: Database.Database, key: AuditKey): void {
  sqlite.function(SQL_FUNCTION, { deterministic: true, directOnly: true }, (message: unknown) => auditMac(key, String(message)));
  keyOfConnection.set(sqlite, key);
}

/** The better-sqlite3 connection behind a drizzle handle (its session's client), if it shows one. */
function connectionOf(db: RegisterDb | RegisterTx): Database.Database | undefined {
  return (db as unknown as { readonly session?: { readonly client?: Database.Database } }).session?.client;
}

/** The MAC of `message` under the connection's audit key. */
export function macOnConnection(db: RegisterDb | RegisterTx, message: string): string {
  const connection = connectionOf(db);
  const key = connection === undefined ? undefined : keyOfConnection.get(connection);
  if (key !== undefined) return auditMac(key, message);
  try {
    const row = macStatement(db).get({ message });
    if (row === undefined) throw new Error('the audit MAC query returned no row');
    return row.mac;
  } catch (error) {
    if (error instanceof Error && error.message.includes(`no such function: ${SQL_FUNCTION}`)) throw auditKeyMissing();
    throw error;
  }
}

/**
 * Prepared once per connection (issue #18: every write appends). A
 * connection without the key fails to prepare it, and nothing is kept: the
 * next call tries again.
 */
const macStatement = preparedOnce((db) =>
  db
    .select({ mac: sql<string>`${sql.raw(SQL_FUNCTION)}(${sql.placeholder('message')})` })
    .from(sql`(SELECT 1)`)
    .prepare(),
);

export function auditKeyMissing(): AppError {
  return new AppError(
    'AUDIT_KEY_MISSING',
    'The audit log cannot be written or checked without the register’s key. Run this on the register, or give the key file with --key-file.',
  );
}
