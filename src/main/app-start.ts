import { openDatabase, type RegisterDatabase } from './db/open';
import { createCore, type Core } from './core/create-core';
import { isBlank, seedDemoStore } from './demo/seed';
import { logger } from './logger';

export interface StartedRegister {
  readonly database: RegisterDatabase;
  readonly core: Core;
}

/**
 * Opens the database (migrating it), seeds the demo store on first start and
 * builds the core. Shared by the Electron shell and the headless host.
 */
export function startRegister(options: { readonly databasePath: string; readonly migrationsFolder: string }): StartedRegister {
  const database = openDatabase({ path: options.databasePath, migrationsFolder: options.migrationsFolder });
  try {
    if (isBlank(database.db)) {
      seedDemoStore(database.db);
      logger.info({ path: options.databasePath }, 'blank database: demo store created');
    }
    return { database, core: createCore({ database }) };
  } catch (error) {
    database.close();
    throw error;
  }
}
