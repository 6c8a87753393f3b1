import { resolve } from 'node:path';
import { AppError } from '../../../shared/errors';
import { TRACEABILITY_LANE } from '../../checkout/sale-outbox';
import { derivePiiKeys } from '../../security/pii-crypto';
import { Dispatcher } from '../../sync/dispatcher';
import { metrcLane } from '../../sync/metrc-lane';
import { parseOptions, withDatabase } from '../args';
import { printError, printJson, type CliCommand } from '../command';
import { supportKeySource } from '../key-option';

/**
 * IT support (and load tests): runs the register's own dispatcher against a
 * Metrc server until the traceability lane is empty or time runs out, then
 * prints `{"sent","confirmed","deadLettered","pending"}`.
 */
export const syncCommand: CliCommand = {
  name: 'sync',
  usage: 'sync --db <file> --metrc-url <base> --vendor-key <k> --user-key <k> --license <licence> [--api-version v1|v2] [--until-drained] [--timeout-s T] [--key-file <file>]',
  run: async (args, io) => {
    const untilDrained = args.includes('--until-drained');
    const parsed = parseOptions(
      args.filter((a) => a !== '--until-drained'),
      ['db', 'metrc-url', 'vendor-key', 'user-key', 'license', 'api-version', 'timeout-s', 'key-file'],
    );
    if ('error' in parsed) return printError(io, 'INVALID_ARGUMENTS', parsed.error);
    const v = parsed.values;
    const missing = (['db', 'metrc-url', 'vendor-key', 'user-key', 'license'] as const).filter((k) => v[k] === undefined);
    if (missing.length > 0) return printError(io, 'INVALID_ARGUMENTS', `Missing ${missing.map((m) => `--${m}`).join(', ')}.`);
    const apiVersion = v['api-version'] ?? 'v2';
    if (apiVersion !== 'v1' && apiVersion !== 'v2') return printError(io, 'INVALID_ARGUMENTS', '--api-version must be v1 or v2.');
    const timeoutS = Number(v['timeout-s'] ?? '300');
    if (!Number.isFinite(timeoutS) || timeoutS <= 0) return printError(io, 'INVALID_ARGUMENTS', '--timeout-s must be a positive number of seconds.');
    if (!URL.canParse(v['metrc-url'] ?? '')) return printError(io, 'INVALID_ARGUMENTS', '--metrc-url must be a URL such as https://sandbox-api-ca.metrc.com.');
    const databasePath = resolve(v.db ?? '');
    try {
      const masterKey = await supportKeySource(databasePath, v['key-file']).getMasterKey();
      const keys = derivePiiKeys(masterKey);
      masterKey.fill(0);
      return await withDatabase(databasePath, async (database) => {
        const lane = metrcLane({ baseUrl: v['metrc-url'] ?? '', apiVersion, licenseNumber: v.license ?? '', vendorKey: v['vendor-key'] ?? '', userKey: v['user-key'] ?? '' }, keys);
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
