import { resolve } from 'node:path';
import { AppError } from '../../../../shared/errors';
import { startRegister } from '../../../core/app-start';
import { findMigrationsFolder } from '../../../platform/config/paths';
import { simulateSales } from '../../../core/simulate-sales';
import { parseOptions } from '../args';
import { printError, printJson, type CliCommand } from '../command';
import { supportKeySource } from '../key-option';

/**
 * Load tests and support drills: rings N sales through the register's own
 * commands into a database (the demo store is created if the file is new).
 * Never touches the network: the sales wait in the outbox for `sync`.
 */
export const simulateSalesCommand: CliCommand = {
  name: 'simulate-sales',
  usage: 'simulate-sales --db <file> --count <N> [--seed <S>] [--key-file <file>]',
  run: async (args, io) => {
    const parsed = parseOptions(args, ['db', 'count', 'seed', 'key-file']);
    if ('error' in parsed) return printError(io, 'INVALID_ARGUMENTS', parsed.error);
    const { db, count, seed } = parsed.values;
    if (db === undefined) return printError(io, 'INVALID_ARGUMENTS', 'Missing --db <file>.');
    const n = Number(count);
    if (count === undefined || !Number.isInteger(n) || n < 1 || n > 1_000_000)
      return printError(io, 'INVALID_ARGUMENTS', '--count must be a whole number from 1 to 1,000,000.');
    const s = Number(seed ?? '1');
    if (!Number.isInteger(s)) return printError(io, 'INVALID_ARGUMENTS', '--seed must be a whole number.');
    const databasePath = resolve(db);
    try {
      const { database, core } = await startRegister({
        databasePath,
        migrationsFolder: findMigrationsFolder(),
        keySource: supportKeySource(databasePath, parsed.values['key-file']),
        demo: true,
        startSync: false,
        openDevices: false,
        backups: false,
      });
      try {
        const result = await simulateSales(core, database.db, { count: n, seed: s });
        printJson(io, { sales: result.sales, voids: result.voids, returns: result.returns, refused: result.refused });
        return 0;
      } finally {
        database.close();
      }
    } catch (error) {
      if (error instanceof AppError) return printError(io, error.code, error.message);
      throw error;
    }
  },
};
