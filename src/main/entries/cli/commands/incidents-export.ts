import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { incidentsCsv } from '../../../features/it-incidents/export';
import { listIncidents } from '../../../features/it-incidents/incident-log';
import { stores } from '../../../platform/db/schema';
import { parseOptions, withDatabase } from '../args';
import { printError, printJson, type CliCommand } from '../command';

/** The IT incident log for IT support: JSON on stdout, or CSV into a file. Read-only; the log holds no customer data. */
export const incidentsExportCommand: CliCommand = {
  name: 'incidents-export',
  usage: 'incidents-export [--db <file>] [--status open|closed|all] [--format json|csv] [--out <file.csv>]',
  run: async (args, io) => {
    const parsed = parseOptions(args, ['db', 'status', 'format', 'out']);
    if ('error' in parsed) return printError(io, 'INVALID_ARGUMENTS', parsed.error);
    const status = parsed.values.status ?? 'all';
    if (status !== 'open' && status !== 'closed' && status !== 'all') return printError(io, 'INVALID_ARGUMENTS', '--status must be open, closed or all.');
    const format = parsed.values.format ?? 'json';
    if (format !== 'json' && format !== 'csv') return printError(io, 'INVALID_ARGUMENTS', '--format must be json or csv.');
    const out = parsed.values.out;
    if (format === 'csv' && out === undefined) return printError(io, 'INVALID_ARGUMENTS', 'CSV needs --out <file.csv>.');
    return withDatabase(parsed.values.db, (database) => {
      const store = database.db.select({ id: stores.id }).from(stores).limit(1).get();
      if (store === undefined) return printError(io, 'NO_STORE', 'This database has no store set up.');
      const incidents = listIncidents(database.db, store.id, status, 100_000);
      if (format === 'csv' && out !== undefined) {
        const file = resolve(out);
        writeFileSync(file, incidentsCsv(incidents), { mode: 0o600 });
        printJson(io, { file, incidents: incidents.length });
      } else printJson(io, { incidents });
      return 0;
    });
  },
};
