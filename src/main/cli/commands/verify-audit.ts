import { parseArgs } from 'node:util';
import { verifyAuditChain } from '../../audit/log';
import { printError, printJson, type CliCommand } from '../command';
import { openCommandDatabase } from '../database-option';

/** Exit code when the chain is broken: distinct from a usage error (1). */
export const AUDIT_TAMPERED_EXIT = 3;

export const verifyAuditCommand: CliCommand = {
  name: 'verify-audit',
  usage: 'verify-audit [--db <file>]',
  run: async (args, io) => {
    let db: string | undefined;
    try {
      db = parseArgs({ args: [...args], options: { db: { type: 'string' } }, strict: true }).values.db;
    } catch (error) {
      return printError(io, 'INVALID_ARGUMENTS', error instanceof Error ? error.message : String(error));
    }
    const database = openCommandDatabase(db);
    try {
      const verdict = verifyAuditChain(database.db);
      printJson(io, verdict);
      return verdict.ok ? 0 : AUDIT_TAMPERED_EXIT;
    } finally {
      database.close();
    }
  },
};
