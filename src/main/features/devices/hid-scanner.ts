import { AppError } from '../../../shared/errors';
import { DEFAULT_HID_POS_LAYOUT, HidPosAssembler, type HidPosLayout } from './hid-pos-report';
import { Listeners, type Unsubscribe } from './listeners';
import { bytesToScanText, scanEvent, waitUntilConnected, type ConnectionEvent, type ConnectionState, type ScanEvent, type Scanner } from './scanner';

/** Which HID device: by path (exact interface) or by vendor and product id (first match). */
export type HidTarget = { readonly path: string } | { readonly vendorId: number; readonly productId: number };

/** The part of node-hid's HIDAsync the scanner uses, so tests can stand in a fake device. */
export interface HidDeviceHandle {
  on(event: 'data', listener: (report: Buffer) => void): unknown;
  on(event: 'error', listener: (error: unknown) => void): unknown;
  close(): Promise<void>;
}

export type HidOpener = (target: HidTarget) => Promise<HidDeviceHandle>;

export interface HidScannerOptions {
  readonly target: HidTarget;
  /** Vendor layouts vary: override only the offsets that differ. */
  readonly layout?: Partial<HidPosLayout>;
  readonly reconnectMs?: number;
  /** Defaults to node-hid; tests pass a fake device. */
  readonly openDevice?: HidOpener;
}

/**
 * node-hid is loaded on first use, not at import: the native module (and
 * libusb) is only needed on terminals that have a HID POS scanner.
 */
export const openNodeHid: HidOpener = async (target) => {
  const { HIDAsync } = await import('node-hid');
  const device = 'path' in target ? await HIDAsync.open(target.path) : await HIDAsync.open(target.vendorId, target.productId);
  return device;
};

export function describeHidTarget(target: HidTarget): string {
  return 'path' in target ? target.path : `${hex4(target.vendorId)}:${hex4(target.productId)}`;
}

const hex4 = (n: number): string => n.toString(16).padStart(4, '0');

/**
 * A scanner in USB HID POS mode, read in the background. The transport is
 * thin: open, feed every report to the assembler, reopen after an unplug.
 * Nothing a device sends can throw out of the data handler.
 */
export class HidScanner implements Scanner {
  readonly source = 'hid' as const;
  readonly target: HidTarget;
  readonly #assembler: HidPosAssembler;
  readonly #openDevice: HidOpener;
  readonly #reconnectMs: number;
  #device: HidDeviceHandle | null = null;
  #timer: NodeJS.Timeout | null = null;
  #closed = false;
  #current: ConnectionState = 'disconnected';
  #seenAt: Date | null = null;
  readonly #scans = new Listeners<ScanEvent>();
  readonly #dropped = new Listeners<AppError>();
  readonly #statuses = new Listeners<ConnectionEvent>();

  constructor(options: HidScannerOptions) {
    this.target = options.target;
    this.#assembler = new HidPosAssembler({ ...DEFAULT_HID_POS_LAYOUT, ...options.layout });
    this.#openDevice = options.openDevice ?? openNodeHid;
    this.#reconnectMs = options.reconnectMs ?? 1_000;
    void this.#tryOpen();
  }

  get state(): ConnectionState {
    return this.#current;
  }

  get lastSeenAt(): Date | null {
    return this.#seenAt;
  }

  onScan(listener: (scan: ScanEvent) => void): Unsubscribe {
    return this.#scans.add(listener);
  }

  onStatus(listener: (event: ConnectionEvent) => void): Unsubscribe {
    return this.#statuses.add(listener);
  }

  onDropped(listener: (error: AppError) => void): Unsubscribe {
    return this.#dropped.add(listener);
  }

  /** Resolves true once the device is open, false after `timeoutMs`. */
  waitConnected(timeoutMs: number): Promise<boolean> {
    return waitUntilConnected(this.#current, (listener) => this.onStatus(listener), timeoutMs);
  }

  async close(): Promise<void> {
    this.#closed = true;
    if (this.#timer !== null) clearTimeout(this.#timer);
    this.#timer = null;
    await this.#drop('closed by the register');
    this.#scans.clear();
    this.#dropped.clear();
    this.#statuses.clear();
  }

  /** Feeds one input report; public so a recorded session can be replayed through the same path. */
  handleReport(report: Uint8Array, at: Date = new Date()): void {
    this.#seenAt = at;
    for (const outcome of this.#assembler.push(report, at.getTime())) {
      if (outcome.kind === 'scan') this.#scans.emit(scanEvent(bytesToScanText(outcome.data), 'hid', at, outcome.symbology));
      else if (outcome.kind === 'dropped') this.#dropped.emit(new AppError(outcome.error.code, outcome.error.message, outcome.error.details));
    }
  }

  async #tryOpen(): Promise<void> {
    if (this.#closed || this.#device !== null) return;
    try {
      const device = await this.#openDevice(this.target);
      if (this.#closed) {
        await device.close().catch(() => undefined);
        return;
      }
      this.#device = device;
      device.on('data', (report: Buffer) => this.handleReport(report));
      // node-hid reports an unplug as a read error.
      device.on('error', () => {
        if (this.#device === device) void this.#drop('the scanner was unplugged');
      });
      this.#seenAt = new Date();
      this.#setState('connected');
    } catch {
      this.#schedule();
    }
  }

  async #drop(reason: string): Promise<void> {
    const device = this.#device;
    this.#device = null;
    this.#assembler.reset();
    this.#setState('disconnected', reason);
    if (device !== null) await device.close().catch(() => undefined);
    this.#schedule();
  }

  #schedule(): void {
    if (this.#closed || this.#timer !== null) return;
    this.#timer = setTimeout(() => {
      this.#timer = null;
      void this.#tryOpen();
    }, this.#reconnectMs);
  }

  #setState(state: ConnectionState, reason?: string): void {
    if (this.#current === state) return;
    this.#current = state;
    this.#statuses.emit(reason === undefined ? { state, at: new Date() } : { state, at: new Date(), reason });
  }
}
