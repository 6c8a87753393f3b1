import { existsSync } from 'node:fs';
import Database from 'better-sqlite3';
import { backupIntegrity, takeBackup } from '../../../platform/db/backups';
import { parseOptions } from '../args';
import { printError, printJson, type CliCommand } from '../command';
import { commandDatabasePath } from '../database-option';

/**
 * Takes a backup now, beside the nightly ones (`backups` folder, same name
 * and `.partial`-then-rename as the nightly timer's), for IT before a
 * risky change or a move to a new computer. It opens the file read-only
 * and copies what is committed (VACUUM INTO reads one snapshot), so it may
 * run while the register sells; it never migrates. The nightly rotation
 * counts it like any other backup of its day.
 */
export const backupNowCommand: CliCommand = {
  name: 'backup-now',
  usage: 'backup-now [--db <file>]',
  run: async (args, io) => {
    const parsed = parseOptions(args, ['db']);
    if ('error' in parsed) return printError(io, 'INVALID_ARGUMENTS', parsed.error);
    const databasePath = commandDatabasePath(parsed.values.db);
    if (!existsSync(databasePath)) return printError(io, 'BACKUP_SOURCE_MISSING', `There is no register database at ${databasePath}: nothing to back up.`);
    const sqlite = new Database(databasePath, { readonly: true, fileMustExist: true });
    try {
      const backup = takeBackup(sqlite, databasePath);
      printJson(io, { ok: true, path: backup.path, bytes: backup.bytes, takenAt: backup.takenAt.toISOString(), integrity: backupIntegrity(backup.path) });
      return 0;
    } finally {
      sqlite.close();
    }
  },
};
