import { AppError, isAppError } from '../../../shared/errors';
import type { RegisterDb } from '../../platform/db/open';
import { logger } from '../../platform/logging/logger';
import { loadDeviceConfigs, type StoredDeviceConfig } from './configs';
import type { DiscoveredDevice, HotplugWatcher } from './discovery';
import type { CashDrawer } from './drawer';
import { deviceHealth, probeDrawer, probePrinter, probeScanner, type DeviceConfigLike, type DeviceHealth, type DeviceProbe, type DeviceRole } from './health';
import type { HidOpener } from './hid-scanner';
import { watchHotplug } from './hotplug';
import { Listeners, type Unsubscribe } from './listeners';
import { openCashDrawer, openPrinter, openScanner } from './open-device';
import type { PrinterDevice } from './printer';
import type { ScanEvent, Scanner } from './scanner';
import {
  discoverAttached,
  type DeviceService,
  type Discovery,
  type DrawerKickOutcome,
  type DrawerKickReason,
  type ManagedPrint,
  type ScanDelivery,
} from './service';

export interface DeviceManagerOptions {
  readonly db: RegisterDb;
  readonly terminalId: string;
  /** Test hook: how HID scanners are opened (default node-hid). */
  readonly openHid?: HidOpener;
  /** Test hook: how attached devices are listed (default serialport + node-hid). */
  readonly discover?: () => Promise<Discovery>;
  /** How long a scan nobody has collected yet waits for the next poll (default 15 s). */
  readonly scanTtlMs?: number;
  /** How long a sale waits for the drawer kick before answering with a warning (default 3 s). */
  readonly kickTimeoutMs?: number;
  /** Watchers of plugged-in devices, one per kind (none: nothing is watched; the drivers still reconnect at their own port). */
  readonly hotplug?: Partial<Readonly<Record<DiscoveredDevice['kind'], HotplugWatcher>>>;
}

/** One enabled device_configs row and what opening it gave. */
interface Entry {
  readonly config: StoredDeviceConfig;
  readonly printer: PrinterDevice | null;
  readonly drawer: CashDrawer | null;
  /** Null for a keyboard-wedge scanner: the screen reads it. */
  readonly scanner: Scanner | null;
  /** Why the device could not be opened (bad setting, no printer for a printer-port drawer). */
  readonly error: AppError | null;
  readonly unsubscribe: readonly Unsubscribe[];
}

interface Waiter {
  readonly wake: () => void;
  readonly cancel: () => void;
}

const MAX_RECENT_SCANS = 50;

/**
 * The terminal's hardware, kept open for the life of the register: reads
 * this terminal's enabled device_configs, opens each with `open-device.ts`
 * (a device is simulated only when its config says 'simulated' — a missing
 * serial printer is a disconnected serial printer, never a stand-in), and
 * lets the drivers reconnect by themselves. Runs under plain Node.
 *
 * Scans from background scanners are numbered (a cursor) and kept briefly,
 * so a poller that was between two requests when a scan came still gets it,
 * and two pollers each get every scan once.
 */
export class DeviceManager implements DeviceService {
  #entries: Entry[] = [];
  #busy: Promise<void> = Promise.resolve();
  #closed = false;
  #cursor = 0;
  readonly #recent: Array<{ readonly cursor: number; readonly scan: ScanEvent; readonly receivedAt: number }> = [];
  readonly #waiters = new Set<Waiter>();
  readonly #scans = new Listeners<ScanEvent>();
  readonly #scanTtlMs: number;
  readonly #kickTimeoutMs: number;
  #stopWatching: () => void = () => undefined;

  readonly #options: DeviceManagerOptions;

  private constructor(options: DeviceManagerOptions) {
    this.#options = options;
    this.#scanTtlMs = options.scanTtlMs ?? 15_000;
    this.#kickTimeoutMs = options.kickTimeoutMs ?? 3_000;
  }

  /** Opens every enabled device of the terminal (in the background: serial links connect by themselves). */
  static start(options: DeviceManagerOptions): DeviceManager {
    const manager = new DeviceManager(options);
    manager.#openAll();
    manager.#stopWatching = watchHotplug({
      watchers: options.hotplug ?? {},
      db: options.db,
      terminalId: options.terminalId,
      roleAt: (path) => manager.#entries.find((e) => e.config.path === path)?.config.role ?? null,
      reopen: () => (manager.#closed ? Promise.resolve() : manager.reload()),
    });
    return manager;
  }

  printer(): PrinterDevice | null {
    return this.#entryFor('receipt_printer')?.printer ?? null;
  }

  drawer(): CashDrawer | null {
    return this.#entryFor('cash_drawer')?.drawer ?? null;
  }

  /** The open device playing `role` (the first, for scanners), e.g. to drive a simulated one. */
  device(role: DeviceRole): PrinterDevice | CashDrawer | Scanner | null {
    const entry = this.#entryFor(role);
    return entry?.printer ?? entry?.drawer ?? entry?.scanner ?? null;
  }

  /** The configs opened now (enabled ones of this terminal). */
  get configs(): readonly StoredDeviceConfig[] {
    return this.#entries.map((e) => e.config);
  }

  async print(bytes: Uint8Array): Promise<ManagedPrint | null> {
    await this.#busy;
    const entry = this.#entryFor('receipt_printer');
    if (entry === undefined) return null;
    if (entry.error !== null) throw entry.error;
    if (entry.printer === null) return null;
    const outcome = await entry.printer.print(bytes);
    if (outcome.paperLow) logger.warn({ path: entry.config.path }, 'receipt printer paper is running low');
    return { printer: entry.config.path ?? `the ${entry.config.transport} receipt printer`, paperLow: outcome.paperLow };
  }

  async kickDrawer(reason: DrawerKickReason): Promise<DrawerKickOutcome> {
    await this.#busy;
    const entry = this.#entryFor('cash_drawer');
    if (entry === undefined) return { kicked: false, warning: null };
    const fail = (message: string): DrawerKickOutcome => {
      logger.warn({ reason, path: entry.config.path, message }, 'cash drawer did not open');
      return { kicked: false, warning: `The cash drawer did not open: ${message}` };
    };
    if (entry.error !== null) return fail(entry.error.message);
    const drawer = entry.drawer;
    if (drawer === null) return { kicked: false, warning: null };
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<'timeout'>((resolve) => {
      timer = setTimeout(() => resolve('timeout'), this.#kickTimeoutMs);
    });
    // Settles either way (a kick that fails after the timeout must not become an unhandled rejection).
    const kick = drawer.open().then(
      () => ({ ok: true as const }),
      (error: unknown) => ({ ok: false as const, error }),
    );
    try {
      const result = await Promise.race([kick, timeout]);
      if (result === 'timeout') return fail('it did not answer in time. Open it with its key if it stays shut.');
      if (!result.ok) return fail(isAppError(result.error) ? result.error.message : 'it did not answer. Open it with its key.');
      logger.info({ reason, transport: drawer.transport }, 'cash drawer kicked');
      return { kicked: true, warning: null };
    } finally {
      clearTimeout(timer);
    }
  }

  async probe(configId: string): Promise<DeviceProbe | null> {
    await this.#busy;
    const entry = this.#entries.find((e) => e.config.id === configId);
    if (entry === undefined) return null;
    if (entry.error !== null) throw entry.error;
    if (entry.printer !== null) return probePrinter(entry.printer);
    if (entry.drawer !== null) return probeDrawer(entry.drawer);
    if (entry.scanner !== null) return probeScanner(entry.scanner);
    return null;
  }

  /** One line per role, as the health screen shows it. */
  health(): Promise<DeviceHealth[]> {
    return terminalDeviceHealth(this.#options.db, this.#options.terminalId, this);
  }

  onScan(listener: (scan: ScanEvent) => void): Unsubscribe {
    return this.#scans.add(listener);
  }

  nextScan(after: number | undefined, waitMs: number): Promise<ScanDelivery> {
    // A cursor from before a restart may be ahead of ours: count from now then.
    const from = Math.min(after ?? this.#cursor, this.#cursor);
    const ready = this.#firstAfter(from);
    if (ready !== null) return Promise.resolve(ready);
    if (this.#closed || waitMs <= 0) return Promise.resolve({ cursor: from, scan: null });
    return new Promise((resolve) => {
      const finish = (delivery: ScanDelivery): void => {
        clearTimeout(timer);
        this.#waiters.delete(waiter);
        resolve(delivery);
      };
      const waiter: Waiter = {
        wake: () => {
          const found = this.#firstAfter(from);
          if (found !== null) finish(found);
        },
        cancel: () => finish({ cursor: from, scan: null }),
      };
      const timer = setTimeout(() => finish({ cursor: from, scan: null }), waitMs);
      timer.unref();
      this.#waiters.add(waiter);
    });
  }

  discover(): Promise<Discovery> {
    return (this.#options.discover ?? (() => discoverAttached()))();
  }

  reload(): Promise<void> {
    return this.#serially(async () => {
      await this.#closeAll();
      if (!this.#closed) this.#openAll();
    });
  }

  async close(): Promise<void> {
    if (this.#closed) return this.#busy;
    this.#closed = true;
    this.#stopWatching();
    for (const waiter of [...this.#waiters]) waiter.cancel();
    this.#scans.clear();
    return this.#serially(() => this.#closeAll());
  }

  #serially(work: () => Promise<void>): Promise<void> {
    const next = this.#busy.then(work, work);
    this.#busy = next.catch((error: unknown) => logger.error({ err: error }, 'device reload failed'));
    return next;
  }

  #entryFor(role: DeviceRole): Entry | undefined {
    return this.#entries.find((e) => e.config.role === role);
  }

  #openAll(): void {
    const configs = loadDeviceConfigs(this.#options.db, this.#options.terminalId).filter((c) => c.enabled);
    const entries: Entry[] = [];
    // Printers first: a drawer on the printer's kick connector needs its printer.
    for (const config of configs.filter((c) => c.role === 'receipt_printer')) entries.push(this.#attempt(config, () => ({ printer: openPrinter(config) })));
    const receipt = entries.find((e) => e.config.role === 'receipt_printer');
    for (const config of configs.filter((c) => c.role === 'cash_drawer')) {
      entries.push(
        this.#attempt(config, () => {
          if (config.options['attachedTo'] === 'receipt_printer' && receipt?.error != null) {
            throw new AppError(
              'NO_RECEIPT_PRINTER',
              `The cash drawer is plugged into the receipt printer, which could not be opened: ${receipt.error.message}`,
            );
          }
          return { drawer: openCashDrawer(config, receipt?.printer ?? null) };
        }),
      );
    }
    for (const config of configs.filter((c) => c.role === 'id_scanner' || c.role === 'barcode_scanner')) {
      entries.push(
        this.#attempt(config, () => ({ scanner: openScanner(config, this.#options.openHid === undefined ? {} : { openHid: this.#options.openHid }) })),
      );
    }
    this.#entries = entries;
  }

  /** Opens one device; a config that cannot be opened is kept with its error, for health and warnings. */
  #attempt(config: StoredDeviceConfig, open: () => { printer?: PrinterDevice; drawer?: CashDrawer; scanner?: Scanner | null }): Entry {
    const where = { role: config.role, transport: config.transport, path: config.path };
    try {
      const opened = open();
      const scanner = opened.scanner ?? null;
      const unsubscribe =
        scanner === null
          ? []
          : [
              scanner.onScan((scan) => this.#accept(scan)),
              scanner.onDropped((error) => logger.warn({ ...where, code: error.code }, error.message)),
              scanner.onStatus((event) => logger.info({ ...where, state: event.state, reason: event.reason }, 'scanner connection changed')),
            ];
      logger.info(where, 'device opened');
      return { config, printer: opened.printer ?? null, drawer: opened.drawer ?? null, scanner, error: null, unsubscribe };
    } catch (error) {
      const failure = isAppError(error)
        ? error
        : new AppError('DEVICE_OPEN_FAILED', `The ${config.role.replace('_', ' ')} could not be opened: ask IT to check the device setup.`);
      logger.warn({ ...where, code: failure.code }, failure.message);
      return { config, printer: null, drawer: null, scanner: null, error: failure, unsubscribe: [] };
    }
  }

  async #closeAll(): Promise<void> {
    const entries = this.#entries;
    this.#entries = [];
    // Drawers before printers: a printer-port drawer goes through its printer.
    const order = (e: Entry): number => (e.drawer !== null ? 0 : e.scanner !== null ? 1 : 2);
    for (const entry of [...entries].sort((a, b) => order(a) - order(b))) {
      for (const off of entry.unsubscribe) off();
      const device = entry.drawer ?? entry.scanner ?? entry.printer;
      try {
        await device?.close();
      } catch (error) {
        logger.warn({ err: error, role: entry.config.role }, 'device did not close cleanly');
      }
    }
  }

  #accept(scan: ScanEvent): void {
    this.#cursor += 1;
    this.#recent.push({ cursor: this.#cursor, scan, receivedAt: Date.now() });
    if (this.#recent.length > MAX_RECENT_SCANS) this.#recent.splice(0, this.#recent.length - MAX_RECENT_SCANS);
    logger.info({ kind: scan.kind, source: scan.source, length: scan.data.length }, 'scan received');
    this.#scans.emit(scan);
    for (const waiter of [...this.#waiters]) waiter.wake();
  }

  #firstAfter(from: number): ScanDelivery | null {
    const oldest = Date.now() - this.#scanTtlMs;
    while (this.#recent.length > 0 && (this.#recent[0]?.receivedAt ?? 0) < oldest) this.#recent.shift();
    const found = this.#recent.find((r) => r.cursor > from);
    return found === undefined ? null : { cursor: found.cursor, scan: found.scan };
  }
}

/**
 * Every role's line for this terminal: each enabled config checked through
 * the running devices (or reported not opened when none run), plus a
 * "not set up" line for each role without one.
 */
export function terminalDeviceHealth(db: RegisterDb, terminalId: string, devices: Pick<DeviceService, 'probe'>): Promise<DeviceHealth[]> {
  const configs = loadDeviceConfigs(db, terminalId);
  const ids = new Map<DeviceConfigLike, string>(configs.map((c) => [c, c.id]));
  return deviceHealth(configs, (config) => devices.probe(ids.get(config) ?? ''));
}
