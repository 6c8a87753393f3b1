import { existsSync, readdirSync, statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { backupFolder, backupIntegrity, listBackups } from '../../../platform/db/backups';
import { parseOptions } from '../args';
import { printError, printJson, type CliCommand } from '../command';
import { commandDatabasePath } from '../database-option';

/**
 * Lists the database's backups, newest first: the nightly ones in the
 * `backups` folder and the before-migration ones beside the file, each with
 * its size, time and SQLite integrity check (read-only: nothing is opened
 * for writing, so it may run beside the register).
 */
export const backupsCommand: CliCommand = {
  name: 'backups',
  usage: 'backups [--db <file>]',
  run: async (args, io) => {
    const parsed = parseOptions(args, ['db']);
    if ('error' in parsed) return printError(io, 'INVALID_ARGUMENTS', parsed.error);
    const databasePath = commandDatabasePath(parsed.values.db);
    const nightly = listBackups(databasePath).map((b) => ({ kind: 'nightly' as const, path: b.path, bytes: b.bytes, takenAt: b.takenAt.toISOString() }));
    const beforeMigration = preMigrationBackups(databasePath);
    const backups = [...nightly, ...beforeMigration]
      .sort((a, b) => b.takenAt.localeCompare(a.takenAt))
      .map((b) => ({ ...b, integrity: backupIntegrity(b.path) }));
    printJson(io, { database: databasePath, folder: backupFolder(databasePath), backups });
    return 0;
  },
};

/** `<file>.pre-migration-<ms>.bak`, written by open.ts before a migration. */
function preMigrationBackups(databasePath: string): Array<{ kind: 'pre-migration'; path: string; bytes: number; takenAt: string }> {
  const folder = dirname(databasePath);
  if (!existsSync(folder)) return [];
  const prefix = `${basename(databasePath)}.pre-migration-`;
  return readdirSync(folder).flatMap((file) => {
    const ms = file.startsWith(prefix) && file.endsWith('.bak') ? Number(file.slice(prefix.length, -'.bak'.length)) : Number.NaN;
    if (!Number.isSafeInteger(ms)) return [];
    const path = join(folder, file);
    return [{ kind: 'pre-migration' as const, path, bytes: statSync(path).size, takenAt: new Date(ms).toISOString() }];
  });
}
