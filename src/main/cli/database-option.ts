import { databasePath, findMigrationsFolder } from '../config/paths';
import { openDatabase, type RegisterDatabase } from '../db/open';

/**
 * Opens the database a support command works on: `--db <file>`, else
 * GREENTILL_DB, else the register's own file in app data.
 */
export function openCommandDatabase(dbOption: string | undefined): RegisterDatabase {
  const path = dbOption ?? databasePath();
  return openDatabase({ path, migrationsFolder: findMigrationsFolder() });
}
