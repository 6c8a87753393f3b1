import { openDatabase, type RegisterDatabase } from './db/open';
import { createCore, type Core } from './core/create-core';
import { purgeAdultUseIdData } from './check-in/id-verification';
import { isBlank, seedDemoStore } from './demo/seed';
import { logger } from './logger';
import type { KeySource } from './security/key-source';
import { derivePiiKeys } from './security/pii-crypto';

export interface StartedRegister {
  readonly database: RegisterDatabase;
  readonly core: Core;
}

/**
 * Unlocks the data key, opens the database (migrating it), seeds the demo
 * store on first start and builds the core. Shared by the Electron shell and
 * the headless host; only the key source differs.
 */
export async function startRegister(options: {
  readonly databasePath: string;
  readonly migrationsFolder: string;
  readonly keySource: KeySource;
  /** Seed the demo store on a blank database (off for a real store, which runs `setup-store`). */
  readonly demo: boolean;
}): Promise<StartedRegister> {
  const masterKey = await options.keySource.getMasterKey();
  const piiKeys = derivePiiKeys(masterKey);
  masterKey.fill(0);
  const database = openDatabase({ path: options.databasePath, migrationsFolder: options.migrationsFolder });
  try {
    if (options.demo && isBlank(database.db)) {
      seedDemoStore(database.db, piiKeys);
      logger.info({ path: options.databasePath }, 'blank database: demo store created');
    }
    // Adult-use ID data past the store's retention window goes at every start (and on demand from the CLI).
    const { purged } = purgeAdultUseIdData(database.db, new Date());
    if (purged > 0) logger.info({ purged }, 'adult-use ID data purged per the retention setting');
    return { database, core: createCore({ database, piiKeys }) };
  } catch (error) {
    database.close();
    throw error;
  }
}
