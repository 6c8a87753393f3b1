import { attachAuditKey } from '../../../platform/audit/audit-key';
import { missingAuditGuards } from '../../../platform/audit/guards';
import { parseAnchor, verifyAuditChain, type AuditAnchor } from '../../../platform/audit/verify';
import { AppError } from '../../../../shared/errors';
import { parseOptions } from '../args';
import { printError, printJson, type CliCommand } from '../command';
import { commandDatabasePath, openCommandDatabase } from '../database-option';
import { supportAuditKey } from '../key-option';

/** Exit code when the chain is broken: distinct from a usage error (1). */
export const AUDIT_TAMPERED_EXIT = 3;

/**
 * Checks the keyed audit chain and the sales and payments it seals, with
 * the register's key (the key file beside the database, or `--key-file`).
 * `--anchor <seq>:<mac>` — as printed on a Z-report — also proves the chain
 * still reaches that entry unchanged (truncation, a restored older copy, or
 * a rewrite by someone holding the key). An intact chain prints the anchor
 * to write down now. Read-only: it neither keys a chain nor refuses a file
 * whose triggers were dropped — it reports them (`guardsMissing`).
 */
export const verifyAuditCommand: CliCommand = {
  name: 'verify-audit',
  usage: 'verify-audit [--db <file>] [--key-file <file>] [--anchor <seq>:<mac>]',
  run: async (args, io) => {
    const parsed = parseOptions(args, ['db', 'key-file', 'anchor']);
    if ('error' in parsed) return printError(io, 'INVALID_ARGUMENTS', parsed.error);
    try {
      const anchor: AuditAnchor | undefined = parsed.values.anchor === undefined ? undefined : parseAnchor(parsed.values.anchor);
      const path = commandDatabasePath(parsed.values.db);
      const auditKey = await supportAuditKey(path, parsed.values['key-file'] === undefined ? {} : { keyFile: parsed.values['key-file'] });
      if (auditKey === undefined)
        return printError(io, 'AUDIT_KEY_MISSING', 'verify-audit needs the register’s key: the key file beside the database, or --key-file <file>.');
      const database = openCommandDatabase(parsed.values.db);
      try {
        attachAuditKey(database.sqlite, auditKey);
        const guardsMissing = missingAuditGuards(database.sqlite);
        const verdict = verifyAuditChain(database.db, anchor === undefined ? {} : { anchor });
        printJson(io, guardsMissing.length === 0 ? verdict : { ...verdict, guardsMissing });
        return verdict.ok && guardsMissing.length === 0 ? 0 : AUDIT_TAMPERED_EXIT;
      } finally {
        database.close();
      }
    } catch (error) {
      if (error instanceof AppError) return printError(io, error.code, error.message);
      throw error;
    }
  },
};
