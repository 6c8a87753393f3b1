import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deriveAuditKey } from '../../src/main/platform/audit/audit-key';
import { supportAuditKey } from '../../src/main/entries/cli/key-option';
import { findMigrationsFolder } from '../../src/main/platform/config/paths';
import { openDatabase, type RegisterDatabase } from '../../src/main/platform/db/open';
import { seedDemoStore } from '../../src/main/features/demo/seed';
import { derivePiiKeys } from '../../src/main/platform/security/pii-crypto';

/** A fixed data key for tests (the register's own comes from the OS keychain). */
export const testPiiKeys = derivePiiKeys(Buffer.alloc(32, 7));
/** The audit chain's key derived from the same test master key. */
export const testAuditKey = deriveAuditKey(Buffer.alloc(32, 7));

export const migrationsFolder = findMigrationsFolder();

/** A fresh directory under the OS temp folder, removed by `cleanup`. */
export function tempDir(prefix = 'greentill-test-'): { path: string; cleanup: () => void } {
  const path = mkdtempSync(join(tmpdir(), prefix));
  return { path, cleanup: () => rmSync(path, { recursive: true, force: true }) };
}

export interface TempDatabase extends RegisterDatabase {
  readonly dir: string;
  readonly dispose: () => void;
}

/** A real SQLite file with every migration applied, optionally seeded with the demo store. */
export function openTempDatabase(options: { demo?: boolean; now?: Date } = {}): TempDatabase {
  const dir = tempDir();
  const database = openDatabase({ path: join(dir.path, 'register.sqlite'), migrationsFolder, auditKey: testAuditKey });
  if (options.demo === true) seedDemoStore(database.db, testPiiKeys, options.now ?? new Date('2026-11-24T17:00:00Z'));
  return {
    ...database,
    dir: dir.path,
    dispose: () => {
      database.close();
      dir.cleanup();
    },
  };
}

/**
 * The demo store in a file under `dir`, keyed with a support key file beside
 * it (as the headless host and the support commands keep it), closed so a
 * command opens it as support staff would.
 */
export async function keyedDemoFile(dir: string): Promise<string> {
  const path = join(dir, 'register.sqlite');
  const auditKey = await supportAuditKey(path, { create: true });
  const database = openDatabase({ path, migrationsFolder, ...(auditKey === undefined ? {} : { auditKey }) });
  seedDemoStore(database.db, testPiiKeys, new Date('2026-11-24T17:00:00Z'));
  database.close();
  return path;
}
