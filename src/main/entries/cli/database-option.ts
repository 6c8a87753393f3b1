import { databasePath, findMigrationsFolder } from '../../platform/config/paths';
import type { AuditKey } from '../../platform/audit/audit-key';
import { openDatabase, type RegisterDatabase } from '../../platform/db/open';

/**
 * Opens the database a support command works on: `--db <file>`, else
 * GREENTILL_DB, else the register's own file in app data.
 */
export function openCommandDatabase(dbOption: string | undefined, auditKey?: AuditKey): RegisterDatabase {
  return openDatabase({ path: commandDatabasePath(dbOption), migrationsFolder: findMigrationsFolder(), ...(auditKey === undefined ? {} : { auditKey }) });
}

export function commandDatabasePath(dbOption: string | undefined): string {
  return dbOption ?? databasePath();
}
