import { eq } from 'drizzle-orm';
import type { PushEvent } from '../../shared/contract/pushes';
import type { DeviceService } from '../features/devices/service';
import { orderQueueVersion } from '../features/online-orders/queue-version';
import { storeIdOfTerminal } from '../features/store/terminal';
import type { SyncMonitor } from '../features/sync/monitor';
import { syncStatus } from '../features/sync/status';
import type { RegisterDb } from '../platform/db/open';
import { stores } from '../platform/db/schema';
import { logger } from '../platform/logging/logger';
import { openAlertsVersion } from '../features/staff-alerts/alerts-version';
import type { StoreLinkMonitor } from '../features/store-link/store-connection';

export interface ChangePushOptions {
  readonly db: RegisterDb;
  readonly terminalId: string;
  readonly sync: SyncMonitor;
  readonly devices: DeviceService;
  readonly push: (event: PushEvent) => void;
  /** The store server link (absent: a register alone, nothing to tell). */
  readonly storeLink?: StoreLinkMonitor;
  /** How often the sync state and the order queue are looked at (default 500 ms). */
  readonly everyMs?: number;
}

/**
 * What the core pushes to the screen (issue #19) instead of the screen
 * polling: a background scan as it arrives; the sync state, the order
 * queue, the open staff alerts and the store link's standing when they
 * differ from the last look. Those change from many places (the
 * dispatcher's lanes, the order feed, another register through the store
 * server, the alert watch's timer, a lease running out with nothing
 * written), so the core compares cheap summaries of each every half
 * second, here, on its own thread — reads that cost the screen nothing,
 * where the page's polls each crossed two processes.
 */
export function pushChanges(options: ChangePushOptions): { stop(): void } {
  const { db, terminalId, sync, devices, push } = options;
  const unsubscribe = devices.onScan(() => push({ kind: 'scan-arrived' }));
  // The store's state names its reporting deadline; it is set up once, so it is read once, not at every look.
  const storeId = storeIdOfTerminal(db, terminalId);
  const state = db.select({ state: stores.state }).from(stores).where(eq(stores.id, storeId)).get()?.state ?? '';
  const syncLook = (): string => JSON.stringify(syncStatus(db, sync, state, new Date()));
  let lastSync = syncLook();
  let lastOrders = orderQueueVersion(db);
  let lastAlerts = openAlertsVersion(db);
  // Its clock skew moves with every lease: not a change the screen shows.
  const linkLook = (): string => {
    if (options.storeLink === undefined) return '';
    const { skewMs: _skew, ...standing } = options.storeLink.state();
    return JSON.stringify(standing);
  };
  let lastLink = linkLook();
  const timer = setInterval(() => {
    try {
      const nowSync = syncLook();
      if (nowSync !== lastSync) push({ kind: 'sync-changed' });
      lastSync = nowSync;
      const nowOrders = orderQueueVersion(db);
      if (nowOrders !== lastOrders) push({ kind: 'orders-changed' });
      lastOrders = nowOrders;
      const nowAlerts = openAlertsVersion(db);
      if (nowAlerts !== lastAlerts) push({ kind: 'alerts-changed' });
      lastAlerts = nowAlerts;
      const nowLink = linkLook();
      if (nowLink !== lastLink) push({ kind: 'store-link-changed' });
      lastLink = nowLink;
    } catch (error) {
      // A busy or closing database: the next look tries again; the screen's slow poll covers the gap.
      logger.warn({ err: error }, 'change pushes: look failed');
    }
  }, options.everyMs ?? 500);
  timer.unref();
  return {
    stop: () => {
      clearInterval(timer);
      unsubscribe();
    },
  };
}
