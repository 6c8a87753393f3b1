import { AppError } from '../../../../shared/errors';
import { parseAnchor } from '../../../platform/audit/verify';
import { findMigrationsFolder } from '../../../platform/config/paths';
import { restoreDatabase } from '../../../platform/db/restore';
import { parseOptions } from '../args';
import { printError, printJson, type CliCommand } from '../command';
import { commandDatabasePath } from '../database-option';
import { supportAuditKey } from '../key-option';

/**
 * Puts a backup back as the register's database (issue #19). Refuses while
 * the register has the file open, and refuses a backup that fails SQLite's
 * integrity check, comes from a newer build or a foreign history, or whose
 * audit chain does not verify under the register's key — the same check as
 * `verify-audit`, with the same key options (`--key-file`, else the key file
 * beside the database) and optional `--anchor`. The current file is kept as
 * `<file>.replaced-<ms>`; the checked copy replaces it with one rename.
 */
export const restoreCommand: CliCommand = {
  name: 'restore',
  usage: 'restore --from <backup file> [--db <file>] [--key-file <file>] [--anchor <seq>:<mac>]',
  run: async (args, io) => {
    const parsed = parseOptions(args, ['from', 'db', 'key-file', 'anchor']);
    if ('error' in parsed) return printError(io, 'INVALID_ARGUMENTS', parsed.error);
    const from = parsed.values.from;
    if (from === undefined) return printError(io, 'INVALID_ARGUMENTS', 'Name the backup to restore: restore --from <file> (see the backups command).');
    try {
      const anchor = parsed.values.anchor === undefined ? undefined : parseAnchor(parsed.values.anchor);
      const databasePath = commandDatabasePath(parsed.values.db);
      const auditKey = await supportAuditKey(databasePath, parsed.values['key-file'] === undefined ? {} : { keyFile: parsed.values['key-file'] });
      if (auditKey === undefined)
        return printError(
          io,
          'AUDIT_KEY_MISSING',
          'restore checks the backup’s audit log with the register’s key: the key file beside the database, or --key-file <file>.',
        );
      const result = restoreDatabase({
        from,
        databasePath,
        migrationsFolder: findMigrationsFolder(),
        auditKey,
        ...(anchor === undefined ? {} : { anchor }),
      });
      printJson(io, { ok: true, ...result });
      return 0;
    } catch (error) {
      if (error instanceof AppError) return printError(io, error.code, error.message);
      throw error;
    }
  },
};
