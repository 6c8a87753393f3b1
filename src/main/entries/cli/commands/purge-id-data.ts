import { purgeAdultUseIdData } from '../../../features/check-in/id-verification';
import { parseOptions, withDatabase } from '../args';
import { printError, printJson, type CliCommand } from '../command';

export const purgeIdDataCommand: CliCommand = {
  name: 'purge-id-data',
  usage: 'purge-id-data [--db <file>]',
  run: async (args, io) => {
    const parsed = parseOptions(args, ['db']);
    if ('error' in parsed) return printError(io, 'INVALID_ARGUMENTS', parsed.error);
    return withDatabase(parsed.values.db, (database) => {
      printJson(io, purgeAdultUseIdData(database.db, new Date()));
      return 0;
    });
  },
};
