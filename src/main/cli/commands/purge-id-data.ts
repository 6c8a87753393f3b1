import { parseArgs } from 'node:util';
import { purgeAdultUseIdData } from '../../check-in/id-verification';
import { printError, printJson, type CliCommand } from '../command';
import { openCommandDatabase } from '../database-option';

export const purgeIdDataCommand: CliCommand = {
  name: 'purge-id-data',
  usage: 'purge-id-data [--db <file>]',
  run: async (args, io) => {
    let db: string | undefined;
    try {
      db = parseArgs({ args: [...args], options: { db: { type: 'string' } }, strict: true }).values.db;
    } catch (error) {
      return printError(io, 'INVALID_ARGUMENTS', error instanceof Error ? error.message : String(error));
    }
    const database = openCommandDatabase(db);
    try {
      printJson(io, purgeAdultUseIdData(database.db, new Date()));
      return 0;
    } finally {
      database.close();
    }
  },
};
