import { resolve } from 'node:path';
import { AppError } from '../../../../shared/errors';
import { storeAdmin, withStoreDatabase } from '../../../../store-server/admin';
import type { StoreDb } from '../../../../store-server/db/open';
import { parseOptions } from '../args';
import { printError, printJson, type CliCommand, type CliIo } from '../command';

/**
 * The store server's admin commands (issue #20). They act on the store's
 * PostgreSQL named by `--database-url` or DATABASE_URL, through the same
 * modules `npm run start:store` runs, and print JSON.
 */
function storeCommand<K extends string>(
  name: string,
  usage: string,
  options: readonly K[],
  work: (db: StoreDb, values: Partial<Record<K, string>>) => Promise<unknown>,
): CliCommand {
  return {
    name,
    usage: `${name} ${usage}${usage === '' ? '' : ' '}[--database-url <url>]`,
    run: async (args: readonly string[], io: CliIo) => {
      const parsed = parseOptions(args, [...options, 'database-url' as K]);
      if ('error' in parsed) return printError(io, 'INVALID_ARGUMENTS', parsed.error);
      const url = (parsed.values as Record<string, string | undefined>)['database-url'] ?? process.env.DATABASE_URL;
      if (url === undefined || url === '') return printError(io, 'DATABASE_URL_MISSING', 'Name the store database with --database-url or DATABASE_URL.');
      try {
        const result = await withStoreDatabase(url, resolve(process.env.GREENTILL_STORE_DATA ?? 'store-data'), (db) => work(db, parsed.values));
        printJson(io, result);
        return 0;
      } catch (error) {
        if (error instanceof AppError) return printError(io, error.code, error.message);
        if (error instanceof Error && error.name === 'ZodError') return printError(io, 'INVALID_ARGUMENTS', error.message);
        throw error;
      }
    },
  };
}

const required = (value: string | undefined, option: string): string => {
  if (value === undefined || value.trim() === '') throw new AppError('INVALID_ARGUMENTS', `Give --${option}.`);
  return value;
};

export const storeServerCommands: readonly CliCommand[] = [
  storeCommand('store-setup', '--state <XX> --time-zone <Area/City> --licence <number>', ['state', 'time-zone', 'licence'], (db, v) =>
    storeAdmin.setup(db, {
      state: required(v.state, 'state').toUpperCase(),
      timeZone: required(v['time-zone'], 'time-zone'),
      licence: required(v.licence, 'licence'),
    }),
  ),
  storeCommand('store-pairing-code', '', [], (db) => storeAdmin.pairingCode(db)),
  storeCommand('store-terminals', '', [], (db) => storeAdmin.terminals(db)),
  storeCommand('store-retire', '--terminal <id>', ['terminal'], (db, v) => storeAdmin.retire(db, required(v.terminal, 'terminal'))),
  storeCommand('store-isolation-policy', `--policy '<json>'`, ['policy'], (db, v) => {
    let policy: unknown;
    try {
      policy = JSON.parse(required(v.policy, 'policy'));
    } catch {
      throw new AppError(
        'INVALID_ARGUMENTS',
        'The policy is JSON: {"adult":{"mode":"refuse"},"medical":{"mode":"allowance","allowance":{"flower":3500}},"caregiver":{"mode":"refuse"}}',
      );
    }
    return storeAdmin.isolationPolicy(db, policy);
  }),
  storeCommand('store-incidents', '', [], (db) => storeAdmin.incidents(db)),
  storeCommand('store-price-set', '--sku <sku> --cents <price in cents>', ['sku', 'cents'], (db, v) => {
    const cents = Number(required(v.cents, 'cents'));
    return storeAdmin.setPrice(db, required(v.sku, 'sku'), cents);
  }),
];
