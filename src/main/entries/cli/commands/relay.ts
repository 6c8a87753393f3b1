import { relayAdmin, withRelayDatabase } from '../../../../relay/admin';
import type { RelayDb } from '../../../../relay/db/open';
import type { CliCommand } from '../command';
import { required, serverDatabaseCommand } from '../server-database-command';

/**
 * The order relay's admin commands (issue #21). They act on the relay's
 * PostgreSQL named by `--database-url` or DATABASE_URL, through the same
 * modules `npm run start:relay` runs, and print JSON.
 */
const relayCommand = serverDatabaseCommand<RelayDb>({
  server: 'relay',
  dataEnv: 'GREENTILL_RELAY_DATA',
  dataDefault: 'relay-data',
  withDatabase: withRelayDatabase,
});

export const relayCommands: readonly CliCommand[] = [
  relayCommand('relay-store-add', '--name <store name>', ['name'], (db, v) => relayAdmin.addStore(db, required(v.name, 'name'))),
  relayCommand('relay-store-retire', '--store <id>', ['store'], (db, v) => relayAdmin.retireStore(db, required(v.store, 'store'))),
  relayCommand(
    'relay-connect',
    '--store <id> --platform leafly|jane|greentill --secret <shared secret> [--api-base <where statuses go: Leafly Order API / Jane partner API / Greentill status callback>] [--api-key <Leafly dispensary key / Jane partner key>]',
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
  relayCommand('relay-sms-connect', '--store <id> --provider alpine_iq|gateway --secret <shared secret>', ['store', 'provider', 'secret'], (db, v) =>
    relayAdmin.connectSms(db, { storeId: required(v.store, 'store'), provider: required(v.provider, 'provider'), secret: required(v.secret, 'secret') }),
  ),
  relayCommand('relay-backlog', '', [], (db) => relayAdmin.backlog(db)),
  relayCommand('relay-purge', '[--retention-days <days, default 30 or GREENTILL_RELAY_RETENTION_DAYS>]', ['retention-days'], (db, v) =>
    relayAdmin.purge(db, v['retention-days']),
  ),
];
