import { deriveAuditKey } from '../platform/audit/audit-key';
import { openDatabase, type RegisterDatabase } from '../platform/db/open';
import { NightlyBackups } from '../platform/db/backups';
import { stores } from '../platform/db/schema';
import { eq } from 'drizzle-orm';
import { backupScheduleSetting } from '../features/store/backup-setting';
import { readSetting } from '../features/store/settings';
import { createCore, type Core } from './create-core';
import { startRetentionSweeps, sweepRetention } from './retention-sweeps';
import { reverifyOfflineSales } from '../features/compliance/offline-reverify';
import { releaseIdleCarts } from '../features/checkout/held-carts';
import { sealLegacyCustomers } from '../features/customers/customer-records';
import { seedDemoStore } from '../features/demo/seed';
import { isBlank } from '../features/store/first-run';
import { logger } from '../platform/logging/logger';
import type { KeySource } from '../platform/security/key-source';
import { derivePiiKeys } from '../platform/security/pii-crypto';
import { storeIdOfTerminal, thisTerminalId } from '../features/store/terminal';
import { SyncService } from '../features/sync/service';
import { StoreConnection } from '../features/store-link/store-connection';
import { StoreLane } from '../features/store-link/store-lane';
import { MetrcHandover } from '../features/store-link/metrc-handover';
import { OrderFeed } from '../features/online-orders/order-feed';
import { RelayOrdersLane } from '../features/online-orders/relay-lane';
import { relayClientFor } from '../features/online-orders/relay-settings';
import { storeOrderTables, storePullsOrders } from '../features/online-orders/store-orders';
import { SmsLane } from '../features/notifications/sms-lane';
import { smsProviderFor } from '../features/notifications/provider-settings';
import { StaffAlertLane } from '../features/staff-alerts/channel-lane';
import { staffChannelFor } from '../features/staff-alerts/channel-settings';
import { StaffAlertWatch } from '../features/staff-alerts/watch';
import { DeviceManager } from '../features/devices/device-manager';
import { HotplugWatcher, listHidDevices, listSerialPorts } from '../features/devices/discovery';
import { noDevices, type DeviceService } from '../features/devices/service';

export interface StartedRegister {
  readonly database: RegisterDatabase;
  readonly core: Core;
  /** Delivers the outbox in the background; stop it before closing the database. */
  readonly sync: SyncService;
  /** The terminal's printer, drawer and scanners, kept open; close it on quit (before the database). */
  readonly devices: DeviceService;
  /** The nightly backups' timer (null when off); it stops by itself once the database is closed. */
  readonly backups: NightlyBackups | null;
  /** The store server connection (idle on a single register); stop it on quit, which signs the lease off. */
  readonly storeLink: StoreConnection;
  /** Online orders pulled from the order relay (issue #21), when one is set up. */
  readonly orderFeed: OrderFeed;
  /** Staff alerts checked every minute (issue #21), whether or not anyone is signed in. */
  readonly staffAlerts: StaffAlertWatch;
  /** The hourly retention sweep (null for support commands); it stops by itself once the database is closed. */
  readonly retention: { stop(): void } | null;
}

/**
 * Unlocks the data key, opens the database (migrating it), seeds the demo
 * store on first start and builds the core. Shared by the Electron shell and
 * the headless host; only the key source differs.
 */
export async function startRegister(options: {
  readonly databasePath: string;
  readonly migrationsFolder: string;
  readonly keySource: KeySource;
  /** Seed the demo store on a blank database (off for a real store, which runs `setup-store`). */
  readonly demo: boolean;
  /** Deliver the outbox in the background (off for support commands that must not touch the network). */
  readonly startSync?: boolean;
  /** Open this terminal's devices (off for support commands: the running register owns the ports). */
  readonly openDevices?: boolean;
  /** Take the nightly backups (and a start-up one when the newest is over a day old); off for support commands. */
  readonly backups?: boolean;
}): Promise<StartedRegister> {
  const masterKey = await options.keySource.getMasterKey();
  const piiKeys = derivePiiKeys(masterKey);
  const auditKey = deriveAuditKey(masterKey);
  masterKey.fill(0);
  // With the audit key, opening refuses a file whose append-only triggers were removed (AUDIT_GUARDS_MISSING)
  // and keys an older, unkeyed chain at its first start (README, security).
  const database = openDatabase({ path: options.databasePath, migrationsFolder: options.migrationsFolder, auditKey });
  let devices: DeviceService = noDevices;
  try {
    if (options.demo && isBlank(database.db)) {
      seedDemoStore(database.db, piiKeys);
      logger.info({ path: options.databasePath }, 'blank database: demo store created');
    }
    // Customers an older build wrote in clear are sealed (name, birth date) and indexed for search.
    const { sealed } = sealLegacyCustomers(database.db, piiKeys);
    if (sealed > 0) logger.info({ sealed }, 'customer names and birth dates sealed');
    // What is kept only for a while goes at every start, and every hour while the register runs (retention-sweeps.ts).
    sweepRetention(database, new Date());
    // Carts a crash or a reload left behind stop holding stock once idle past the store's setting.
    const { released } = releaseIdleCarts(database.db, new Date());
    if (released > 0) logger.info({ released }, 'idle carts released');
    // Paired with a store server: hold limits there and send it every sale (issue #20); a single register never calls it.
    const storeLink = new StoreConnection(database.db, piiKeys, { renew: options.startSync !== false, tables: storeOrderTables });
    const sync = new SyncService({
      db: database.db,
      keys: piiKeys,
      storeId: storeIdOfThisTerminal(database),
      whileOnline: (monitor) => reverifyOfflineSales(database.db, piiKeys, monitor, new Date()),
      // In a store with a server, Metrc is reported from one place: the server's reporter (issue #20).
      traceabilityHandover: () => (storeLink.client() === null ? null : new MetrcHandover(storeLink, piiKeys)),
      moreLanes: () => [
        ...(storeLink.client() === null ? [] : [new StoreLane(storeLink, { db: database.db, keys: piiKeys })]),
        ...(relayClientFor(database.db, piiKeys) === null ? [] : [new RelayOrdersLane(() => relayClientFor(database.db, piiKeys))]),
        ...(smsProviderFor(database.db, piiKeys) === null
          ? []
          : [new SmsLane({ db: database.db, keys: piiKeys, provider: () => smsProviderFor(database.db, piiKeys) })]),
        ...(staffChannelFor(database.db, piiKeys) === null
          ? []
          : [new StaffAlertLane({ db: database.db, channel: () => staffChannelFor(database.db, piiKeys) })]),
      ],
    });
    const terminalId = thisTerminalId(database.db);
    if (options.openDevices !== false && terminalId !== null)
      devices = DeviceManager.start({
        db: database.db,
        terminalId,
        hotplug: { serial: new HotplugWatcher(() => listSerialPorts()), hid: new HotplugWatcher(() => listHidDevices()) },
      });
    const core = createCore({ database, piiKeys, sync, devices, storeLink });
    // After the start-up chores, before the first command: a start-up backup is never inside a sale.
    const backups = options.backups === false ? null : startBackups(database, terminalId);
    const orderFeed = new OrderFeed(
      database.db,
      () => relayClientFor(database.db, piiKeys),
      () => new Date(),
      piiKeys,
      // Paired with a store server that pulls the orders: they come on the read path; only texts are pulled here (issue #21).
      () => storePullsOrders(database.db),
    );
    const staffAlerts = new StaffAlertWatch(database.db, storeIdOfThisTerminal(database), () => sync.wake());
    if (options.startSync !== false) {
      sync.start();
      orderFeed.start();
      // As often as the header used to ask: a raised alert reaches the screen by a push (issue #19) within the same 15 s.
      staffAlerts.start(15_000);
    }
    const retention = options.startSync === false ? null : startRetentionSweeps(database);
    return { database, core, sync, devices, backups, storeLink, orderFeed, staffAlerts, retention };
  } catch (error) {
    await devices.close();
    database.close();
    throw error;
  }
}

function storeIdOfThisTerminal(database: RegisterDatabase): string {
  const terminalId = thisTerminalId(database.db);
  // createCore refuses a database without a terminal with the readable error; this only runs after it would.
  return terminalId === null ? '' : storeIdOfTerminal(database.db, terminalId);
}

/** The nightly backups in the store's zone, with the store's setting read at every look. */
function startBackups(database: RegisterDatabase, terminalId: string | null): NightlyBackups {
  const storeId = terminalId === null ? null : storeIdOfTerminal(database.db, terminalId);
  const timeZone = (): string =>
    (storeId === null ? undefined : database.db.select({ timeZone: stores.timeZone }).from(stores).where(eq(stores.id, storeId)).get()?.timeZone) ?? 'UTC';
  return NightlyBackups.start({
    sqlite: database.sqlite,
    databasePath: database.path,
    schedule: () => readSetting(database.db, backupScheduleSetting),
    timeZone,
    lastWriteAt: () => database.walCheckpoints.lastWriteAt(),
  });
}
