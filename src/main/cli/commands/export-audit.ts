import { parseArgs } from 'node:util';
import { exportAuditLog } from '../../audit/export';
import { printError, printJson, type CliCommand } from '../command';
import { openCommandDatabase } from '../database-option';

export const exportAuditCommand: CliCommand = {
  name: 'export-audit',
  usage: 'export-audit --out <file.jsonl> [--db <file>] [--from <ISO instant>] [--to <ISO instant>]',
  run: async (args, io) => {
    let values: { db?: string | undefined; out?: string | undefined; from?: string | undefined; to?: string | undefined };
    try {
      values = parseArgs({ args: [...args], options: { db: { type: 'string' }, out: { type: 'string' }, from: { type: 'string' }, to: { type: 'string' } }, strict: true }).values;
    } catch (error) {
      return printError(io, 'INVALID_ARGUMENTS', error instanceof Error ? error.message : String(error));
    }
    if (values.out === undefined) return printError(io, 'INVALID_ARGUMENTS', 'Give the file to write with --out <file.jsonl>.');
    const from = values.from === undefined ? undefined : new Date(values.from);
    const to = values.to === undefined ? undefined : new Date(values.to);
    if ((from !== undefined && Number.isNaN(from.getTime())) || (to !== undefined && Number.isNaN(to.getTime()))) {
      return printError(io, 'INVALID_ARGUMENTS', '--from and --to take ISO instants, e.g. 2026-11-24T08:00:00Z.');
    }
    const database = openCommandDatabase(values.db);
    try {
      const result = await exportAuditLog(database.db, values.out, { ...(from === undefined ? {} : { from }), ...(to === undefined ? {} : { to }) });
      printJson(io, result);
      return 0;
    } finally {
      database.close();
    }
  },
};
