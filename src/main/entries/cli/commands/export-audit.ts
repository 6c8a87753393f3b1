import { exportAuditLog } from '../../../platform/audit/export';
import { parseOptions, withDatabase } from '../args';
import { printError, printJson, type CliCommand } from '../command';

export const exportAuditCommand: CliCommand = {
  name: 'export-audit',
  usage: 'export-audit --out <file.jsonl> [--db <file>] [--key-file <file>] [--from <ISO instant>] [--to <ISO instant>]',
  run: async (args, io) => {
    const parsed = parseOptions(args, ['db', 'out', 'from', 'to', 'key-file']);
    if ('error' in parsed) return printError(io, 'INVALID_ARGUMENTS', parsed.error);
    const { db, out, from, to } = parsed.values;
    if (out === undefined) return printError(io, 'INVALID_ARGUMENTS', 'Give the file to write with --out <file.jsonl>.');
    const range = { ...(from === undefined ? {} : { from: new Date(from) }), ...(to === undefined ? {} : { to: new Date(to) }) };
    if (Object.values(range).some((d) => Number.isNaN(d.getTime())))
      return printError(io, 'INVALID_ARGUMENTS', '--from and --to take ISO instants, e.g. 2026-11-24T08:00:00Z.');
    return withDatabase(
      db,
      async (database) => {
        printJson(io, await exportAuditLog(database.db, out, range));
        return 0;
      },
      parsed.values['key-file'] === undefined ? {} : { keyFile: parsed.values['key-file'] },
    );
  },
};
