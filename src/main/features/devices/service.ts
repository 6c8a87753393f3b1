import { isAppError } from '../../../shared/errors';
import { logger } from '../../platform/logging/logger';
import { listHidDevices, listSerialPorts, type DiscoveredDevice } from './discovery';
import type { CashDrawer } from './drawer';
import type { DeviceProbe } from './health';
import type { Unsubscribe } from './listeners';
import type { PrinterDevice } from './printer';
import type { ScanEvent } from './scanner';

/** Why the drawer is fired: logged with every kick. */
export type DrawerKickReason = 'cash_sale' | 'no_sale' | 'cash_refund' | 'drop' | 'paid_in' | 'paid_out';

export interface DrawerKickOutcome {
  /** The kick reached the drawer (or the printer it hangs off). */
  readonly kicked: boolean;
  /** What the budtender should know when a configured drawer could not be opened; null otherwise. */
  readonly warning: string | null;
}

export interface ManagedPrint {
  /** Where it printed, in words for the screen ("/dev/ttyUSB0", "the simulated receipt printer"). */
  readonly printer: string;
  readonly paperLow: boolean;
}

/** A scan handed to a poller, with the cursor to send back as `after` next time. */
export interface ScanDelivery {
  readonly cursor: number;
  /** null: nothing was scanned before the wait ran out (or the devices closed). */
  readonly scan: ScanEvent | null;
}

export interface Discovery {
  readonly devices: readonly DiscoveredDevice[];
  /** Listings that failed (e.g. no udev, no libusb), in words; the others are still returned. */
  readonly problems: readonly string[];
}

/**
 * What the core may ask of the terminal's hardware. The DeviceManager is the
 * real one; `noDevices` stands in where none runs (the CLI, most tests), the
 * way `syncNotRunning` does for the sync engine.
 */
export interface DeviceService {
  /** The open receipt printer, if one is configured and opened. */
  printer(): PrinterDevice | null;
  /** The open cash drawer, if one is configured and opened. */
  drawer(): CashDrawer | null;
  /**
   * Prints on the managed receipt printer. Null when this terminal's receipt
   * printer is not managed here (the caller then prints the old way); a
   * managed printer that fails throws a readable AppError.
   */
  print(bytes: Uint8Array): Promise<ManagedPrint | null>;
  /** Fires the cash drawer. Never throws: a failure comes back as a warning (the sale is already done). */
  kickDrawer(reason: DrawerKickReason): Promise<DrawerKickOutcome>;
  /** Checks the open device of one device_configs row; null when none is open for it. Throws when opening it failed. */
  probe(configId: string): Promise<DeviceProbe | null>;
  /** The first scan after `after` (a cursor from an earlier answer; omitted: only scans from now on), waiting up to `waitMs`. */
  nextScan(after: number | undefined, waitMs: number): Promise<ScanDelivery>;
  /** Every scan from a background scanner, as it arrives. */
  onScan(listener: (scan: ScanEvent) => void): Unsubscribe;
  discover(): Promise<Discovery>;
  /** The device configuration changed: close and reopen from the database. */
  reload(): Promise<void>;
  close(): Promise<void>;
}

/** Serial ports and HID devices, each listing on its own: no libusb must not hide the serial ports. */
export async function discoverAttached(
  listSerial: () => Promise<DiscoveredDevice[]> = () => listSerialPorts(),
  listHid: () => Promise<DiscoveredDevice[]> = () => listHidDevices(),
): Promise<Discovery> {
  const [serial, hid] = await Promise.allSettled([listSerial(), listHid()]);
  const devices: DiscoveredDevice[] = [];
  const problems: string[] = [];
  for (const outcome of [serial, hid]) {
    if (outcome.status === 'fulfilled') devices.push(...outcome.value);
    else problems.push(isAppError(outcome.reason) ? outcome.reason.message : 'The register could not list some of its devices.');
  }
  return { devices, problems };
}

/** Resolves after `ms` without keeping the process alive for it. */
export function quietDelay(ms: number): Promise<void> {
  return new Promise((resolve) => {
    setTimeout(resolve, ms).unref();
  });
}

export const noDevices: DeviceService = {
  printer: () => null,
  drawer: () => null,
  print: () => Promise.resolve(null),
  kickDrawer: () => Promise.resolve({ kicked: false, warning: null }),
  probe: () => Promise.resolve(null),
  nextScan: async (after, waitMs) => {
    await quietDelay(waitMs);
    return { cursor: after ?? 0, scan: null };
  },
  onScan: () => () => undefined,
  discover: () => discoverAttached(),
  reload: () => Promise.resolve(),
  close: () => Promise.resolve(),
};

/**
 * Fires the drawer after the money is recorded. Never throws: a drawer that
 * does not open is a warning for the screen (`{}` when there is nothing to
 * say), never a failed sale or no-sale.
 */
export async function kickDrawerAfterCommit(devices: DeviceService, reason: DrawerKickReason): Promise<{ drawerWarning?: string }> {
  let outcome: DrawerKickOutcome;
  try {
    outcome = await devices.kickDrawer(reason);
  } catch (error) {
    logger.warn({ err: error, reason }, 'cash drawer kick failed');
    outcome = { kicked: false, warning: `The cash drawer did not open: ${isAppError(error) ? error.message : 'open it with its key.'}` };
  }
  return outcome.warning === null ? {} : { drawerWarning: outcome.warning };
}

/** After a committed void or return: fire the drawer when cash goes back to the customer. */
export function kickForCashRefund(devices: DeviceService, refunds: ReadonlyArray<{ readonly tender: string }>): Promise<{ drawerWarning?: string }> {
  return refunds.some((r) => r.tender === 'cash') ? kickDrawerAfterCommit(devices, 'cash_refund') : Promise.resolve({});
}

/** After a committed sale: fire the drawer when cash changed hands. */
export function kickForCashSale(devices: DeviceService, tenders: ReadonlyArray<{ readonly tender: string }>): Promise<{ drawerWarning?: string }> {
  return tenders.some((t) => t.tender === 'cash') ? kickDrawerAfterCommit(devices, 'cash_sale') : Promise.resolve({});
}
