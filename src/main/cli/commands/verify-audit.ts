import { verifyAuditChain } from '../../audit/log';
import { parseOptions, withDatabase } from '../args';
import { printError, printJson, type CliCommand } from '../command';

/** Exit code when the chain is broken: distinct from a usage error (1). */
export const AUDIT_TAMPERED_EXIT = 3;

export const verifyAuditCommand: CliCommand = {
  name: 'verify-audit',
  usage: 'verify-audit [--db <file>]',
  run: async (args, io) => {
    const parsed = parseOptions(args, ['db']);
    if ('error' in parsed) return printError(io, 'INVALID_ARGUMENTS', parsed.error);
    return withDatabase(parsed.values.db, (database) => {
      const verdict = verifyAuditChain(database.db);
      printJson(io, verdict);
      return verdict.ok ? 0 : AUDIT_TAMPERED_EXIT;
    });
  },
};
