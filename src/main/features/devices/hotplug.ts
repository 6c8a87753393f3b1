import type { RegisterDb } from '../../platform/db/open';
import { logger } from '../../platform/logging/logger';
import { loadDeviceConfigs, moveDeviceConfig } from './configs';
import { findMovedDevices } from './device-follow';
import type { DeviceChanges, DiscoveredDevice, HotplugWatcher } from './discovery';
import type { DeviceRole } from './health';
import type { Unsubscribe } from './listeners';

export interface HotplugOptions {
  /** One watcher per kind of device listing (serial ports, HID devices). */
  readonly watchers: Partial<Readonly<Record<DiscoveredDevice['kind'], HotplugWatcher>>>;
  readonly db: RegisterDb;
  readonly terminalId: string;
  /** The role of the open device at `path`, for the log. */
  readonly roleAt: (path: string) => DeviceRole | null;
  /** Closes and reopens the terminal's devices from their configs. */
  readonly reopen: () => Promise<void>;
}

/**
 * Starts the watchers: logs devices plugged in and out, and follows a set-up
 * device that came back at another port (device-follow.ts). The drivers
 * reconnect at their own port by themselves; this only handles the port
 * changing. Returns the function that stops watching.
 */
export function watchHotplug(options: HotplugOptions): () => void {
  const subscriptions: Unsubscribe[] = [];
  let stopped = false;
  const follow = (kind: DiscoveredDevice['kind'], listed: readonly DiscoveredDevice[]): Promise<void> =>
    stopped ? Promise.resolve() : followMoved(options, kind, listed);
  for (const kind of ['serial', 'hid'] as const) {
    const watcher = options.watchers[kind];
    if (watcher === undefined) continue;
    let lastError: string | null = null;
    subscriptions.push(
      watcher.onChange((changes) => {
        lastError = null;
        logPlugChanges(options, kind, changes);
        void follow(kind, watcher.devices);
      }),
      // Said once, not every interval (e.g. no libusb on this computer).
      watcher.onError((error) => {
        if (error.message !== lastError) logger.warn({ kind, code: error.code }, error.message);
        lastError = error.message;
      }),
    );
    watcher.start();
    // The first listing is the baseline: a device that moved while the register was off is followed from it.
    void watcher.poll().then(() => follow(kind, watcher.devices));
  }
  return () => {
    stopped = true;
    for (const off of subscriptions.splice(0)) off();
    for (const watcher of Object.values(options.watchers)) watcher.stop();
  };
}

function logPlugChanges(options: HotplugOptions, kind: DiscoveredDevice['kind'], changes: DeviceChanges): void {
  for (const device of changes.added) {
    logger.info({ kind, path: device.path, vendorId: device.vendorId, productId: device.productId, role: options.roleAt(device.path) }, 'device plugged in');
  }
  for (const device of changes.removed) logger.info({ kind, path: device.path, role: options.roleAt(device.path) }, 'device unplugged');
}

/** Points configs at the port their device moved to, then reopens the devices. */
async function followMoved(options: HotplugOptions, kind: DiscoveredDevice['kind'], listed: readonly DiscoveredDevice[]): Promise<void> {
  const { db, terminalId } = options;
  try {
    const { moves, ambiguous } = findMovedDevices(loadDeviceConfigs(db, terminalId), kind, listed);
    for (const a of ambiguous) {
      logger.warn(
        { role: a.role, from: a.from, candidates: a.candidates },
        'a set-up device is gone and more than one plugged-in device could be it: set its port on the Drawer screen',
      );
    }
    if (moves.length === 0) return;
    for (const move of moves) {
      moveDeviceConfig(db, { terminalId, configId: move.configId, from: move.from, to: move.to, now: new Date() });
      logger.info(move, 'device found at another port: following it');
    }
    await options.reopen();
  } catch (error) {
    logger.error({ err: error, kind }, 'following a moved device failed');
  }
}
