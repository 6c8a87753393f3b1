import { offlineExceptionsReport } from '../../../features/compliance/offline-exceptions-report';
import { stores } from '../../../platform/db/schema';
import { parseOptions, withDatabase } from '../args';
import { printError, printJson, type CliCommand } from '../command';

/** The compliance officer's offline exceptions report, for a file or a regulator: the same function as the register's command. */
export const offlineExceptionsCommand: CliCommand = {
  name: 'offline-exceptions',
  usage: 'offline-exceptions [--db <file>]',
  run: async (args, io) => {
    const parsed = parseOptions(args, ['db']);
    if ('error' in parsed) return printError(io, 'INVALID_ARGUMENTS', parsed.error);
    return withDatabase(parsed.values.db, (database) => {
      const store = database.db.select({ id: stores.id }).from(stores).limit(1).get();
      if (store === undefined) return printError(io, 'NO_STORE', 'This database has no store set up.');
      printJson(io, offlineExceptionsReport(database.db, store.id));
      return 0;
    });
  },
};
