import { dirname, join } from 'node:path';
import { FileKeySource, unprotectedKeyFile, type KeySource } from '../security/key-source';

/**
 * The data key for support commands that must read encrypted fields: the
 * same key file the headless host uses beside the database (file
 * permissions only). A register set up by the Electron shell keeps its key
 * in the OS keychain instead, which a command line cannot open.
 */
export function supportKeySource(databasePath: string, keyFile?: string): KeySource {
  return new FileKeySource({ path: keyFile ?? join(dirname(databasePath), 'greentill-headless.key'), protector: unprotectedKeyFile });
}
