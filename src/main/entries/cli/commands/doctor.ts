import { existsSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { AppError } from '../../../../shared/errors';
import { runOpeningCheck } from '../../../features/opening-check/run';
import { thisTerminalId } from '../../../features/store/terminal';
import { findMigrationsFolder } from '../../../platform/config/paths';
import { derivePiiKeys, type PiiKeys } from '../../../platform/security/pii-crypto';
import { parseOptions, withDatabase } from '../args';
import { printError, printJson, type CliCommand } from '../command';
import { commandDatabasePath } from '../database-option';
import { supportKeySource } from '../key-option';

/** Exit code when any line is red (1 stays the usage error every command shares). */
export const DOCTOR_RED_EXIT = 2;

/**
 * The opening readiness check from the command line: the register's own
 * checks, as JSON, for IT support or a monitoring script. Read-only (the
 * register saves the runs it makes); devices are left to the running
 * register, which owns the ports.
 */
export const doctorCommand: CliCommand = {
  name: 'doctor',
  usage: 'doctor [--db <file>] [--key-file <file>] [--metrc-timeout-ms <ms>]',
  run: async (args, io) => {
    const parsed = parseOptions(args, ['db', 'key-file', 'metrc-timeout-ms']);
    if ('error' in parsed) return printError(io, 'INVALID_ARGUMENTS', parsed.error);
    const path = commandDatabasePath(parsed.values.db);
    if (!existsSync(path)) return printError(io, 'DATABASE_NOT_FOUND', `There is no register database at ${path}.`);
    const timeout = Number(parsed.values['metrc-timeout-ms'] ?? '5000');
    if (!Number.isInteger(timeout) || timeout < 100 || timeout > 60_000) return printError(io, 'INVALID_ARGUMENTS', '--metrc-timeout-ms must be 100 to 60000.');
    const keyFile = parsed.values['key-file'];
    const keys = await dataKeys(path, keyFile);
    try {
      return await withDatabase(
        parsed.values.db,
        async (database) => {
          const terminalId = thisTerminalId(database.db);
          if (terminalId === null) return printError(io, 'TERMINAL_NOT_SET_UP', 'This database has no terminal set up.');
          const run = await runOpeningCheck({
            db: database.db,
            keys,
            terminalId,
            now: new Date(),
            devices: null,
            migrationsFolder: findMigrationsFolder(),
            metrcTimeoutMs: timeout,
          });
          printJson(io, run);
          return run.overall === 'red' ? DOCTOR_RED_EXIT : 0;
        },
        keyFile === undefined ? {} : { keyFile },
      );
    } catch (error) {
      if (error instanceof AppError) return printError(io, error.code, error.message);
      throw error;
    }
  },
};

/** The data key from the support key file, only when it exists: a new key would read nothing. */
async function dataKeys(databasePath: string, keyFile: string | undefined): Promise<PiiKeys | null> {
  if (!existsSync(keyFile ?? join(dirname(databasePath), 'greentill-headless.key'))) return null;
  const master = await supportKeySource(databasePath, keyFile).getMasterKey();
  try {
    return derivePiiKeys(master);
  } finally {
    master.fill(0);
  }
}
