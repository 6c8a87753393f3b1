import { SerialPort } from 'serialport';
import { AppError } from '../../../shared/errors';
import { HID_POS_USAGE_PAGE } from './hid-pos-report';
import { Listeners, type Unsubscribe } from './listeners';

/** Scanner makers, by USB vendor id, to point at the likely scanner in a list of ports. */
export const KNOWN_SCANNER_VENDORS: ReadonlyMap<number, string> = new Map([
  [0x05e0, 'Zebra'],
  [0x0c2e, 'Honeywell'],
  [0x05f9, 'Datalogic'],
  [0x1eab, 'Newland'],
]);

/** A serial port or HID device the register could use, as the setup screen lists it. */
export interface DiscoveredDevice {
  readonly kind: 'serial' | 'hid';
  /** What to put in the device config: /dev/ttyACM0, COM3, or a hidraw path. */
  readonly path: string;
  readonly vendorId: number | null;
  readonly productId: number | null;
  readonly manufacturer: string | null;
  readonly product: string | null;
  readonly serialNumber: string | null;
  /** The maker when the vendor id is a known scanner maker. */
  readonly scannerVendor: string | null;
  /** HID only: the interface is a HID POS scanner (usage page 0x8C) the register can read in the background. */
  readonly hidPos: boolean;
}

type SerialLister = () => Promise<
  ReadonlyArray<{
    path: string;
    vendorId?: string | undefined;
    productId?: string | undefined;
    manufacturer?: string | undefined;
    serialNumber?: string | undefined;
  }>
>;

/** Serial and USB-CDC ports. Needs udev on Linux for the USB details. */
/**
 * When a listing fails because a system library or tool is missing, say which
 * package IT must install (node-hid loads libusb; serialport's listing runs udevadm).
 */
export function missingPackageHint(cause: string): string {
  if (/libusb/i.test(cause)) return ': the libusb-1.0-0 system package is missing (IT: apt-get install libusb-1.0-0)';
  if (/udevadm/i.test(cause)) return ': the udev system package is missing (IT: apt-get install udev)';
  return '';
}

export async function listSerialPorts(list: SerialLister = () => SerialPort.list()): Promise<DiscoveredDevice[]> {
  let ports: Awaited<ReturnType<SerialLister>>;
  try {
    ports = await list();
  } catch (error) {
    const cause = error instanceof Error ? error.message : String(error);
    throw new AppError('DEVICE_LIST_FAILED', `The register could not list its serial ports${missingPackageHint(cause)}.`, { cause });
  }
  return ports.map((port) => {
    const vendorId = hexId(port.vendorId);
    return {
      kind: 'serial',
      path: port.path,
      vendorId,
      productId: hexId(port.productId),
      manufacturer: port.manufacturer ?? null,
      product: null,
      serialNumber: port.serialNumber ?? null,
      scannerVendor: vendorId === null ? null : (KNOWN_SCANNER_VENDORS.get(vendorId) ?? null),
      hidPos: false,
    };
  });
}

type HidLister = () => Promise<
  ReadonlyArray<{
    vendorId: number;
    productId: number;
    path?: string | undefined;
    manufacturer?: string | undefined;
    product?: string | undefined;
    serialNumber?: string | undefined;
    usagePage?: number | undefined;
  }>
>;

/** HID devices (node-hid loads lazily). Keyboard-mode scanners show up but cannot be read: only HID POS ones can. */
export async function listHidDevices(list: HidLister = async () => (await import('node-hid')).devicesAsync()): Promise<DiscoveredDevice[]> {
  let devices: Awaited<ReturnType<HidLister>>;
  try {
    devices = await list();
  } catch (error) {
    const cause = error instanceof Error ? error.message : String(error);
    throw new AppError('DEVICE_LIST_FAILED', `The register could not list its USB (HID) devices${missingPackageHint(cause)}.`, { cause });
  }
  return devices.flatMap((device) =>
    device.path === undefined
      ? []
      : [
          {
            kind: 'hid' as const,
            path: device.path,
            vendorId: device.vendorId,
            productId: device.productId,
            manufacturer: device.manufacturer ?? null,
            product: device.product ?? null,
            serialNumber: device.serialNumber ?? null,
            scannerVendor: KNOWN_SCANNER_VENDORS.get(device.vendorId) ?? null,
            hidPos: device.usagePage === HID_POS_USAGE_PAGE,
          },
        ],
  );
}

/** serialport reports USB ids as hex strings ("05e0"). */
function hexId(value: string | undefined): number | null {
  if (value === undefined || !/^[0-9a-f]{1,4}$/i.test(value)) return null;
  return parseInt(value, 16);
}

/** Serial ports and HID devices together. */
export async function discoverDevices(): Promise<DiscoveredDevice[]> {
  const [serial, hid] = await Promise.all([listSerialPorts(), listHidDevices()]);
  return [...serial, ...hid];
}

export type DeviceLister = () => Promise<readonly DiscoveredDevice[]>;

export interface DeviceChanges {
  readonly added: readonly DiscoveredDevice[];
  readonly removed: readonly DiscoveredDevice[];
}

const keyOf = (device: DiscoveredDevice): string => `${device.kind}:${device.path}`;

/**
 * Notices devices plugged in or out by listing them on an interval (there
 * is no portable hot-plug event for both serial and HID). The first listing
 * is the baseline, not "added". A listing that fails is reported and
 * otherwise ignored: it must not look as if every device was unplugged.
 */
export class HotplugWatcher {
  #known: Map<string, DiscoveredDevice> | null = null;
  #timer: NodeJS.Timeout | null = null;
  #polling: Promise<DeviceChanges> | null = null;
  readonly #changes = new Listeners<DeviceChanges>();
  readonly #errors = new Listeners<AppError>();

  readonly #list: DeviceLister;
  readonly #intervalMs: number;

  constructor(list: DeviceLister = discoverDevices, intervalMs = 2_000) {
    this.#list = list;
    this.#intervalMs = intervalMs;
  }

  /** The devices seen at the last successful listing. */
  get devices(): DiscoveredDevice[] {
    return [...(this.#known?.values() ?? [])];
  }

  onChange(listener: (changes: DeviceChanges) => void): Unsubscribe {
    return this.#changes.add(listener);
  }

  onError(listener: (error: AppError) => void): Unsubscribe {
    return this.#errors.add(listener);
  }

  start(): this {
    if (this.#timer === null) {
      const tick = (): void => {
        void this.poll().finally(() => {
          if (this.#timer !== null) this.#timer = setTimeout(tick, this.#intervalMs);
        });
      };
      this.#timer = setTimeout(tick, 0);
    }
    return this;
  }

  stop(): void {
    if (this.#timer !== null) clearTimeout(this.#timer);
    this.#timer = null;
  }

  /** Lists once and reports what changed since the last listing (also called by the interval). */
  poll(): Promise<DeviceChanges> {
    // Overlapping polls would report the same change twice.
    this.#polling ??= this.#pollOnce().finally(() => {
      this.#polling = null;
    });
    return this.#polling;
  }

  async #pollOnce(): Promise<DeviceChanges> {
    let listed: readonly DiscoveredDevice[];
    try {
      listed = await this.#list();
    } catch (error) {
      this.#errors.emit(error instanceof AppError ? error : new AppError('DEVICE_LIST_FAILED', 'The register could not list its devices.'));
      return { added: [], removed: [] };
    }
    const next = new Map(listed.map((d) => [keyOf(d), d]));
    const previous = this.#known;
    this.#known = next;
    if (previous === null) return { added: [], removed: [] };
    const added = [...next.entries()].filter(([key]) => !previous.has(key)).map(([, d]) => d);
    const removed = [...previous.entries()].filter(([key]) => !next.has(key)).map(([, d]) => d);
    const changes = { added, removed };
    if (added.length > 0 || removed.length > 0) this.#changes.emit(changes);
    return changes;
  }
}
