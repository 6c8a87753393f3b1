import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { deriveAuditKey, type AuditKey } from '../../platform/audit/audit-key';
import { FileKeySource, unprotectedKeyFile, type KeySource } from '../../platform/security/key-source';

/**
 * The data key for support commands that must read encrypted fields: the
 * same key file the headless host uses beside the database (file
 * permissions only). A register set up by the Electron shell keeps its key
 * in the OS keychain instead, which a command line cannot open.
 */
export function supportKeySource(databasePath: string, keyFile?: string): KeySource {
  return new FileKeySource({ path: supportKeyPath(databasePath, keyFile), protector: unprotectedKeyFile });
}

function supportKeyPath(databasePath: string, keyFile?: string): string {
  return keyFile ?? join(dirname(databasePath), 'greentill-headless.key');
}

/**
 * The audit chain's key from the support key file — only when that file
 * exists (or `create`, for setting up a new store). Never made up for an
 * existing register: a new key would break the chain the register keyed.
 */
export async function supportAuditKey(databasePath: string, options: { keyFile?: string; create?: boolean } = {}): Promise<AuditKey | undefined> {
  if (options.create !== true && !existsSync(supportKeyPath(databasePath, options.keyFile))) return undefined;
  const masterKey = await supportKeySource(databasePath, options.keyFile).getMasterKey();
  try {
    return deriveAuditKey(masterKey);
  } finally {
    masterKey.fill(0);
  }
}
