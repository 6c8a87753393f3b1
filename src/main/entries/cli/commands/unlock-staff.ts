import { AppError } from '../../../../shared/errors';
import { unlockStaff } from '../../../features/staff/unlock';
import { parseOptions, withDatabase } from '../args';
import { printError, printJson, type CliCommand } from '../command';

/**
 * The recovery path that needs the machine itself: clears a staff member's
 * lockout (the store's only admin included) and every till's PIN throttle.
 * Audited as done by the support command.
 */
export const unlockStaffCommand: CliCommand = {
  name: 'unlock-staff',
  usage: 'unlock-staff --staff <staff id> [--db <file>] [--key-file <file>]',
  run: async (args, io) => {
    const parsed = parseOptions(args, ['db', 'staff', 'key-file']);
    if ('error' in parsed) return printError(io, 'INVALID_ARGUMENTS', parsed.error);
    const { db, staff, 'key-file': keyFile } = parsed.values;
    if (staff === undefined) return printError(io, 'INVALID_ARGUMENTS', 'Name the staff member with --staff <staff id>.');
    try {
      return await withDatabase(
        db,
        (database) => {
          printJson(
            io,
            unlockStaff(database.db, { staffId: staff, by: null, terminalId: null, via: 'support command', now: new Date(), clearTerminalThrottle: true }),
          );
          return 0;
        },
        keyFile === undefined ? {} : { keyFile },
      );
    } catch (error) {
      if (error instanceof AppError) return printError(io, error.code, error.message);
      throw error;
    }
  },
};
