import { AppError } from '../../../../shared/errors';
import { setUpStore } from '../../../features/store/first-run';
import { parseOptions, withDatabase } from '../args';
import { printError, printJson, type CliCommand } from '../command';

const required = ['store-name', 'license', 'state', 'time-zone', 'address', 'terminal-name', 'prefix', 'admin-name'] as const;

/**
 * First run for a real store (IT support, at installation): creates the
 * store, this terminal and the first admin. The admin PIN is read from
 * standard input so it never lands in shell history.
 */
export const setupStoreCommand: CliCommand = {
  name: 'setup-store',
  usage: `setup-store --db <file> ${required.map((r) => `--${r} <…>`).join(' ')} (admin PIN on stdin)`,
  run: async (args, io) => {
    const parsed = parseOptions(args, ['db', ...required]);
    if ('error' in parsed) return printError(io, 'INVALID_ARGUMENTS', parsed.error);
    const values = parsed.values;
    const missing = required.filter((r) => values[r] === undefined);
    if (missing.length > 0) return printError(io, 'INVALID_ARGUMENTS', `Missing ${missing.map((m) => `--${m}`).join(', ')}.`);
    const adminPin = (await io.readStdin()).toString('utf8').trim();
    return withDatabase(values.db, async (database) => {
      try {
        const result = await setUpStore(database.db, {
          storeName: values['store-name'] ?? '',
          licenseNumber: values.license ?? '',
          state: (values.state ?? '').toUpperCase(),
          timeZone: values['time-zone'] ?? '',
          address: values.address ?? '',
          terminalName: values['terminal-name'] ?? '',
          saleNumberPrefix: values.prefix ?? '',
          adminName: values['admin-name'] ?? '',
          adminPin,
          now: new Date(),
        });
        printJson(io, result);
        return 0;
      } catch (error) {
        if (error instanceof AppError) return printError(io, error.code, error.message);
        throw error;
      }
    });
  },
};
