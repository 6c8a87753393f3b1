import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findMigrationsFolder } from '../../src/main/config/paths';
import { openDatabase, type RegisterDatabase } from '../../src/main/db/open';
import { seedDemoStore } from '../../src/main/demo/seed';
import { derivePiiKeys } from '../../src/main/security/pii-crypto';

/** A fixed data key for tests (the register's own comes from the OS keychain). */
export const testPiiKeys = derivePiiKeys(Buffer.alloc(32, 7));

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
  const database = openDatabase({ path: join(dir.path, 'register.sqlite'), migrationsFolder });
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
