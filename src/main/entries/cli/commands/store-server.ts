import { AppError } from '../../../../shared/errors';
import { storeAdmin, withStoreDatabase } from '../../../../store-server/admin';
import type { StoreDb } from '../../../../store-server/db/open';
import type { CliCommand } from '../command';
import { required, serverDatabaseCommand } from '../server-database-command';

/**
 * The store server's admin commands (issue #20). They act on the store's
 * PostgreSQL named by `--database-url` or DATABASE_URL, through the same
 * modules `npm run start:store` runs, and print JSON.
 */
const storeCommand = serverDatabaseCommand<StoreDb>({
  server: 'store',
  dataEnv: 'GREENTILL_STORE_DATA',
  dataDefault: 'store-data',
  withDatabase: withStoreDatabase,
});

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
  storeCommand('store-it-incidents', '[--status open|closed|all]', ['status'], (db, v) => {
    const status = v.status ?? 'open';
    if (status !== 'open' && status !== 'closed' && status !== 'all') throw new AppError('INVALID_ARGUMENTS', 'Give --status open, closed or all.');
    return storeAdmin.itIncidents(db, status);
  }),
  storeCommand(
    'store-metrc-set',
    '--metrc-url <base> --vendor-key <k> --user-key <k> [--api-version v1|v2] [--disabled yes]',
    ['metrc-url', 'vendor-key', 'user-key', 'api-version', 'disabled'],
    (db, v, dataDir) =>
      storeAdmin.setMetrc(db, dataDir, {
        baseUrl: required(v['metrc-url'], 'metrc-url'),
        apiVersion: v['api-version'] ?? 'v2',
        vendorKey: required(v['vendor-key'], 'vendor-key'),
        userKey: required(v['user-key'], 'user-key'),
        enabled: v.disabled !== 'yes',
      }),
  ),
  storeCommand('store-metrc-status', '', [], (db) => storeAdmin.metrcStatus(db)),
  storeCommand('store-relay-set', '--relay-url <https://…> --credential <from relay-store-add>', ['relay-url', 'credential'], (db, v, dataDir) =>
    storeAdmin.setRelay(db, dataDir, { url: required(v['relay-url'], 'relay-url'), credential: required(v.credential, 'credential') }),
  ),
  storeCommand('store-relay-status', '', [], (db) => storeAdmin.relayStatus(db)),
  storeCommand('store-metrc-retry', '--key <report key>|all', ['key'], (db, v) => storeAdmin.metrcRetry(db, required(v.key, 'key'))),
  storeCommand('store-metrc-resolve', '--key <report key> --reason <text>', ['key', 'reason'], (db, v) =>
    storeAdmin.metrcResolve(db, required(v.key, 'key'), required(v.reason, 'reason')),
  ),
  storeCommand('store-promotion-set', `--id <id> --name <name> --definition '<json>' [--active no]`, ['id', 'name', 'definition', 'active'], (db, v) => {
    let definition: unknown;
    try {
      definition = JSON.parse(required(v.definition, 'definition'));
    } catch {
      throw new AppError('INVALID_ARGUMENTS', `The definition is JSON, e.g. '{"scope":{"categories":["flower"]},"kind":{"type":"percent_off","bp":1000}}'.`);
    }
    if (v.active !== undefined && v.active !== 'yes' && v.active !== 'no') throw new AppError('INVALID_ARGUMENTS', 'Give --active yes or no.');
    return storeAdmin.setPromotion(db, { id: required(v.id, 'id'), name: required(v.name, 'name'), definition, active: v.active !== 'no' });
  }),
  storeCommand('store-price-set', '--sku <sku> --cents <price in cents>', ['sku', 'cents'], (db, v) => {
    const cents = Number(required(v.cents, 'cents'));
    return storeAdmin.setPrice(db, required(v.sku, 'sku'), cents);
  }),
];
