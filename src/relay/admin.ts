import { join } from 'node:path';
import { openRelayDatabase, type RelayDb } from './db/open';
import { relayPlatforms, type RelayPlatform } from './db/schema';
import { AppError } from '../shared/errors';
import { addConnection, addRelayStore, retireRelayStore } from './features/stores';
import { relayBacklog } from './features/backlog';
import { addSmsConnection } from './features/inbound-texts';
import { purgeCustomerData, retentionDaysFrom } from './features/retention';

/**
 * What an admin does on the relay, for the support commands
 * (`npm run -s cli -- relay-…`): the same modules the relay runs, on the
 * database DATABASE_URL names (migrated first, under the same discipline).
 */
export async function withRelayDatabase<T>(url: string, dataDir: string, work: (db: RelayDb) => Promise<T>): Promise<T> {
  const database = await openRelayDatabase({ url, migrationsFolder: relayMigrationsFolder(), backupDir: join(dataDir, 'backups') });
  try {
    return await work(database.db);
  } finally {
    await database.close();
  }
}

export function relayMigrationsFolder(): string {
  return join(import.meta.dirname, '..', '..', 'migrations-relay');
}

export const relayAdmin = {
  addStore: (db: RelayDb, name: string) => addRelayStore(db, name, new Date()),
  retireStore: async (db: RelayDb, storeId: string) => {
    await retireRelayStore(db, storeId, new Date());
    return { retired: storeId };
  },
  connect: (db: RelayDb, input: { storeId: string; platform: string; secret: string; apiBase?: string | undefined; apiKey?: string | undefined }) => {
    if (!(relayPlatforms as readonly string[]).includes(input.platform))
      throw new AppError('INVALID_INPUT', `The platform is one of ${relayPlatforms.join(', ')}.`);
    return addConnection(db, { ...input, platform: input.platform as RelayPlatform }, new Date());
  },
  connectSms: (db: RelayDb, input: { storeId: string; provider: string; secret: string }) => addSmsConnection(db, input, new Date()),
  backlog: (db: RelayDb) => relayBacklog(db),
  /** Runs the retention purge now (the relay also runs it hourly). */
  purge: (db: RelayDb, days: string | undefined) => purgeCustomerData(db, new Date(), retentionDaysFrom(days ?? process.env.GREENTILL_RELAY_RETENTION_DAYS)),
};
