import { existsSync } from 'node:fs';
import { AppError } from '../../../../shared/errors';
import { MetrcHttp } from '../../../../metrc/http';
import { reconcilePackages } from '../../../features/sync/package-reconciliation';
import { parseOptions, withDatabase } from '../args';
import { printError, printJson, type CliCommand } from '../command';
import { METRC_OPTION_NAMES, metrcCommandOptions } from '../metrc-options';

/**
 * For the manager and the compliance officer: Metrc's active packages
 * against the register's, as one JSON report (see the README for its
 * shape). Exit 0 whenever the comparison ran, differences or not; nothing
 * is adjusted, and the run is recorded in the audit log.
 */
export const reconcilePackagesCommand: CliCommand = {
  name: 'reconcile-packages',
  usage: 'reconcile-packages --db <file> --metrc-url <base> --vendor-key <k> --user-key <k> --license <licence> [--api-version v1|v2]',
  run: async (args, io) => {
    const parsed = parseOptions(args, METRC_OPTION_NAMES);
    if ('error' in parsed) return printError(io, 'INVALID_ARGUMENTS', parsed.error);
    const metrc = metrcCommandOptions(parsed.values);
    if ('error' in metrc) return printError(io, 'INVALID_ARGUMENTS', metrc.error);
    // Opening a missing file would create an empty register; a typo in --db should say so instead.
    if (!existsSync(metrc.databasePath)) return printError(io, 'DATABASE_NOT_FOUND', `There is no register database at ${metrc.databasePath}.`);
    try {
      return await withDatabase(metrc.databasePath, async (database) => {
        const { baseUrl, licenseNumber, vendorKey, userKey, apiVersion } = metrc.connection;
        const http = new MetrcHttp({ baseUrl, licenseNumber, vendorKey, userKey });
        printJson(io, await reconcilePackages(database.db, { http, version: apiVersion, staffId: null, terminalId: null, now: () => new Date() }));
        return 0;
      });
    } catch (error) {
      if (error instanceof AppError) return printError(io, error.code, error.message);
      throw error;
    }
  },
};
