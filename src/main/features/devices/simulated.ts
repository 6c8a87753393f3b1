import { AppError } from '../../../shared/errors';
import type { CashDrawer, DrawerState } from './drawer';
import { cutPaper, type CutMode } from './escpos-status';
import { drawerKick, type DrawerPin } from './drawer-kick';
import { Listeners, type Unsubscribe } from './listeners';
import type { PaperLevel, PrintOutcome, PrinterDevice, PrinterStatusReport } from './printer';
import { scanEvent, type ConnectionEvent, type ConnectionState, type ScanEvent, type Scanner } from './scanner';

/**
 * In-memory devices for demos, training and tests. They are used only when
 * a device is configured with transport 'simulated' — never as a fallback
 * when real hardware is missing, which would hide a broken setup behind a
 * till that seems to work.
 */

export interface SimulatedDrawerOptions {
  /** Close by itself this long after opening (a budtender pushing it shut); null: stays open until `shut()`. */
  readonly autoCloseMs?: number | null;
}

export class SimulatedDrawer implements CashDrawer {
  readonly transport = 'simulated' as const;
  readonly state: ConnectionState = 'connected';
  lastSeenAt: Date | null = new Date();
  /** How many times the drawer was fired, for tests and the demo's training view. */
  kicks = 0;
  #isOpen = false;
  #timer: NodeJS.Timeout | null = null;
  readonly #autoCloseMs: number | null;
  readonly #changes = new Listeners<'open' | 'closed'>();

  constructor(options: SimulatedDrawerOptions = {}) {
    this.#autoCloseMs = options.autoCloseMs ?? null;
  }

  async open(): Promise<void> {
    this.kicks += 1;
    this.lastSeenAt = new Date();
    this.#setOpen(true);
    if (this.#autoCloseMs !== null) {
      if (this.#timer !== null) clearTimeout(this.#timer);
      this.#timer = setTimeout(() => {
        this.#timer = null;
        this.#setOpen(false);
      }, this.#autoCloseMs);
    }
  }

  /** Someone pushes the drawer shut. */
  shut(): void {
    if (this.#timer !== null) clearTimeout(this.#timer);
    this.#timer = null;
    this.#setOpen(false);
  }

  async status(): Promise<DrawerState> {
    return this.#isOpen ? 'open' : 'closed';
  }

  onChange(listener: (state: 'open' | 'closed') => void): Unsubscribe {
    return this.#changes.add(listener);
  }

  async close(): Promise<void> {
    if (this.#timer !== null) clearTimeout(this.#timer);
    this.#timer = null;
    this.#changes.clear();
  }

  #setOpen(open: boolean): void {
    if (this.#isOpen === open) return;
    this.#isOpen = open;
    this.#changes.emit(open ? 'open' : 'closed');
  }
}

/** A printer that keeps what it was sent. Paper, cover and cable can be changed to rehearse the error paths. */
export class SimulatedPrinter implements PrinterDevice {
  readonly transport = 'simulated' as const;
  state: ConnectionState = 'connected';
  lastSeenAt: Date | null = new Date();
  /** Every print job, in order. */
  readonly jobs: Uint8Array[] = [];
  /** Every byte sequence sent, jobs and device commands alike (kick, cut). */
  readonly sent: Uint8Array[] = [];
  paper: PaperLevel = 'ok';
  coverOpen = false;
  readonly drawer: SimulatedDrawer;

  constructor(options: { drawer?: SimulatedDrawer } = {}) {
    this.drawer = options.drawer ?? new SimulatedDrawer();
  }

  /** Simulate pulling the cable (and plugging it back with `plugIn`). */
  unplug(): void {
    this.state = 'disconnected';
  }

  plugIn(): void {
    this.state = 'connected';
  }

  async print(bytes: Uint8Array): Promise<PrintOutcome> {
    this.#check();
    if (this.paper === 'out') throw new AppError('PRINTER_PAPER_OUT', 'The receipt printer is out of paper: load a new roll, then print again.');
    if (this.coverOpen) throw new AppError('PRINTER_COVER_OPEN', 'The receipt printer’s cover is open: close it, then print again.');
    this.jobs.push(Uint8Array.from(bytes));
    this.sent.push(Uint8Array.from(bytes));
    return { paperLow: this.paper === 'low' };
  }

  async cut(mode: CutMode = 'partial'): Promise<void> {
    this.#check();
    this.sent.push(cutPaper(mode));
  }

  async kickDrawer(pin: DrawerPin = 2): Promise<void> {
    this.#check();
    this.sent.push(drawerKick(pin));
    await this.drawer.open();
  }

  async drawerStatus(): Promise<'open' | 'closed'> {
    this.#check();
    return (await this.drawer.status()) === 'open' ? 'open' : 'closed';
  }

  async status(): Promise<PrinterStatusReport> {
    this.#check();
    return {
      online: this.paper !== 'out' && !this.coverOpen,
      paper: this.paper,
      coverOpen: this.coverOpen,
      error: false,
      drawer: await this.drawerStatus(),
    };
  }

  async close(): Promise<void> {
    await this.drawer.close();
  }

  #check(): void {
    if (this.state === 'disconnected') {
      throw new AppError('PRINTER_DISCONNECTED', 'The (simulated) receipt printer is unplugged: plug it back in from the simulator.');
    }
    this.lastSeenAt = new Date();
  }
}

/** A scanner that scans what it is told to. */
export class SimulatedScanner implements Scanner {
  readonly source = 'simulated' as const;
  readonly state: ConnectionState = 'connected';
  lastSeenAt: Date | null = new Date();
  readonly #scans = new Listeners<ScanEvent>();
  readonly #dropped = new Listeners<AppError>();
  readonly #statuses = new Listeners<ConnectionEvent>();

  /** Emits `data` as a scan (classified like a real one) and returns the event. */
  scan(data: string): ScanEvent {
    const event = scanEvent(data, 'simulated');
    this.lastSeenAt = event.at;
    this.#scans.emit(event);
    return event;
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

  async close(): Promise<void> {
    this.#scans.clear();
    this.#dropped.clear();
    this.#statuses.clear();
  }
}
