import { join } from 'node:path';
import { desc, isNull } from 'drizzle-orm';
import { openStoreDatabase, type StoreDb } from './db/open';
import { limitIncidents } from './db/schema';
import { listStoreIncidents } from './features/it-incidents';
import { createPairingCode } from './features/pairing';
import { readStoreSettings, writeStoreSetting } from './features/store-settings';
import { listTerminals, retireFromStore, terminalView } from './features/terminals';
import { setStorePrice, setStorePromotion } from './features/store-reads';
import { metrcStatus, resolveParkedReport, retryParkedReports, setMetrcConnection } from './features/metrc-reports';
import { loadOrCreateSealingKey } from './sealing';
import { relayStatus, setRelayConnection } from './features/order-relay';

/**
 * What an admin does on the store server, for the support commands
 * (`npm run -s cli -- store-…`): the same modules the server runs, on the
 * database DATABASE_URL names (migrated first, under the same discipline
 * and backup as the server's own start).
 */
export async function withStoreDatabase<T>(url: string, dataDir: string, work: (db: StoreDb) => Promise<T>): Promise<T> {
  const database = await openStoreDatabase({ url, migrationsFolder: storeMigrationsFolder(), backupDir: join(dataDir, 'backups') });
  try {
    return await work(database.db);
  } finally {
    await database.close();
  }
}

export function storeMigrationsFolder(): string {
  return join(import.meta.dirname, '..', '..', 'migrations-store');
}

export const storeAdmin = {
  setup: (db: StoreDb, identity: { state: string; timeZone: string; licence: string }) =>
    writeStoreSetting(db, 'store', identity, new Date()).then((version) => ({ version, ...identity })),
  pairingCode: (db: StoreDb) => createPairingCode(db, new Date()),
  terminals: async (db: StoreDb) => (await listTerminals(db)).map(terminalView),
  retire: async (db: StoreDb, terminalId: string) => {
    await retireFromStore(db, terminalId, new Date());
    return { retired: terminalId };
  },
  isolationPolicy: async (db: StoreDb, policy: unknown) => {
    const version = await writeStoreSetting(db, 'isolation_policy', policy, new Date());
    return { version, isolation: (await readStoreSettings(db)).isolation };
  },
  /** The licence's Metrc connection for the store's single reporter; the keys are sealed with the key in the data folder. */
  setMetrc: (db: StoreDb, dataDir: string, input: { baseUrl: string; apiVersion: string; vendorKey: string; userKey: string; enabled: boolean }) =>
    setMetrcConnection(db, loadOrCreateSealingKey(dataDir), input, new Date()),
  metrcStatus: (db: StoreDb) => metrcStatus(db),
  /** The store's order relay: the server pulls the store's online orders for all its registers; the credential is sealed. */
  setRelay: (db: StoreDb, dataDir: string, input: { url: string; credential: string }) =>
    setRelayConnection(db, loadOrCreateSealingKey(dataDir), input, new Date()),
  relayStatus: (db: StoreDb) => relayStatus(db),
  metrcRetry: (db: StoreDb, key: string) => retryParkedReports(db, key === 'all' ? 'all' : { key }),
  metrcResolve: (db: StoreDb, key: string, reason: string) => resolveParkedReport(db, key, reason, new Date()),
  setPrice: (db: StoreDb, sku: string, priceCents: number) => setStorePrice(db, { sku, priceCents, by: 'store-server admin' }, new Date()),
  setPromotion: (db: StoreDb, promotion: { id: string; name: string; definition: unknown; active: boolean }) =>
    setStorePromotion(db, { ...promotion, by: 'store-server admin' }, new Date()),
  itIncidents: async (db: StoreDb, status: 'open' | 'closed' | 'all') => ({ items: await listStoreIncidents(db, status, 200) }),
  incidents: async (db: StoreDb) => db.select().from(limitIncidents).where(isNull(limitIncidents.reviewedAt)).orderBy(desc(limitIncidents.detectedAt)),
};
