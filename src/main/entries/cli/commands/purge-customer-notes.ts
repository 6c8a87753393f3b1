import { purgeExpiredNotes } from '../../../features/care/note-retention';
import { parseOptions, withDatabase } from '../args';
import { printError, printJson, type CliCommand } from '../command';

/** Customer notes past the state's record-keeping period (also done at every start). */
export const purgeCustomerNotesCommand: CliCommand = {
  name: 'purge-customer-notes',
  usage: 'purge-customer-notes [--db <file>]',
  run: async (args, io) => {
    const parsed = parseOptions(args, ['db']);
    if ('error' in parsed) return printError(io, 'INVALID_ARGUMENTS', parsed.error);
    return withDatabase(parsed.values.db, (database) => {
      printJson(io, purgeExpiredNotes(database.db, new Date()));
      return 0;
    });
  },
};
