import { AppError } from '../../../../shared/errors';
import { TRACEABILITY_LANE } from '../../../features/sync/lanes';
import { derivePiiKeys } from '../../../platform/security/pii-crypto';
import { Dispatcher } from '../../../features/sync/dispatcher';
import { metrcLane } from '../../../features/sync/metrc-lane';
import { parseOptions, withDatabase } from '../args';
import { printError, printJson, type CliCommand } from '../command';
import { supportKeySource } from '../key-option';
import { METRC_OPTION_NAMES, metrcCommandOptions } from '../metrc-options';

/**
 * IT support (and load tests): runs the register's own dispatcher against a
 * Metrc server until the traceability lane is empty or time runs out, then
 * prints `{"sent","confirmed","deadLettered","pending"}`.
 */
export const syncCommand: CliCommand = {
  name: 'sync',
  usage:
    'sync --db <file> --metrc-url <base> --vendor-key <k> --user-key <k> --license <licence> [--api-version v1|v2] [--until-drained] [--timeout-s T] [--key-file <file>]',
  run: async (args, io) => {
    const untilDrained = args.includes('--until-drained');
    const parsed = parseOptions(
      args.filter((a) => a !== '--until-drained'),
      [...METRC_OPTION_NAMES, 'timeout-s', 'key-file'],
    );
    if ('error' in parsed) return printError(io, 'INVALID_ARGUMENTS', parsed.error);
    const metrc = metrcCommandOptions(parsed.values);
    if ('error' in metrc) return printError(io, 'INVALID_ARGUMENTS', metrc.error);
    const timeoutS = Number(parsed.values['timeout-s'] ?? '300');
    if (!Number.isFinite(timeoutS) || timeoutS <= 0) return printError(io, 'INVALID_ARGUMENTS', '--timeout-s must be a positive number of seconds.');
    try {
      const masterKey = await supportKeySource(metrc.databasePath, parsed.values['key-file']).getMasterKey();
      const keys = derivePiiKeys(masterKey);
      masterKey.fill(0);
      return await withDatabase(metrc.databasePath, async (database) => {
        const lane = metrcLane(metrc.connection, keys);
        const dispatcher = new Dispatcher({ db: database.db, adapters: [lane] });
        printJson(io, await dispatcher.drain(TRACEABILITY_LANE, timeoutS * 1000, untilDrained));
        return 0;
      });
    } catch (error) {
      if (error instanceof AppError) return printError(io, error.code, error.message);
      throw error;
    }
  },
};
