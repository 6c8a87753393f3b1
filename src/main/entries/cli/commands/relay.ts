import { resolve } from 'node:path';
import { AppError } from '../../../../shared/errors';
import { relayAdmin, withRelayDatabase } from '../../../../relay/admin';
import type { RelayDb } from '../../../../relay/db/open';
import { parseOptions } from '../args';
import { printError, printJson, type CliCommand, type CliIo } from '../command';

/**
 * The order relay's admin commands (issue #21). They act on the relay's
 * PostgreSQL named by `--database-url` or DATABASE_URL, through the same
 * modules `npm run start:relay` runs, and print JSON.
 */
function relayCommand<K extends string>(
  name: string,
  usage: string,
  options: readonly K[],
  work: (db: RelayDb, values: Partial<Record<K, string>>) => Promise<unknown>,
): CliCommand {
  return {
    name,
    usage: `${name} ${usage}${usage === '' ? '' : ' '}[--database-url <url>]`,
    run: async (args: readonly string[], io: CliIo) => {
      const parsed = parseOptions(args, [...options, 'database-url' as K]);
      if ('error' in parsed) return printError(io, 'INVALID_ARGUMENTS', parsed.error);
      const url = (parsed.values as Record<string, string | undefined>)['database-url'] ?? process.env.DATABASE_URL;
      if (url === undefined || url === '') return printError(io, 'DATABASE_URL_MISSING', 'Name the relay database with --database-url or DATABASE_URL.');
      try {
        const result = await withRelayDatabase(url, resolve(process.env.GREENTILL_RELAY_DATA ?? 'relay-data'), (db) => work(db, parsed.values));
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

export const relayCommands: readonly CliCommand[] = [
  relayCommand('relay-store-add', '--name <store name>', ['name'], (db, v) => relayAdmin.addStore(db, required(v.name, 'name'))),
  relayCommand('relay-store-retire', '--store <id>', ['store'], (db, v) => relayAdmin.retireStore(db, required(v.store, 'store'))),
  relayCommand(
    'relay-connect',
    '--store <id> --platform leafly|jane|greentill --secret <shared secret> [--api-base <Leafly Order API address> --api-key <dispensary key>]',
    ['store', 'platform', 'secret', 'api-base', 'api-key'],
    (db, v) =>
      relayAdmin.connect(db, {
        storeId: required(v.store, 'store'),
        platform: required(v.platform, 'platform'),
        secret: required(v.secret, 'secret'),
        apiBase: v['api-base'],
        apiKey: v['api-key'],
      }),
  ),
  relayCommand('relay-backlog', '', [], (db) => relayAdmin.backlog(db)),
];
