import { AppError, isAppError } from '../../../shared/errors';
import {
  cutPaper,
  drawerState,
  parseOfflineCause,
  parsePaperStatus,
  parsePrinterStatus,
  statusRequest,
  type CutMode,
  type DrawerOpenLevel,
  type StatusQuery,
} from './escpos-status';
import { drawerKick, type DrawerPin, type DrawerPulse } from './drawer-kick';
import type { PrintOutcome, PrinterDevice, PrinterStatusReport } from './printer';
import { SerialExchange } from './serial-exchange';
import { SerialLink } from './serial-link';
import type { ConnectionState } from './scanner';

export interface SerialPrinterOptions {
  readonly path: string;
  readonly baudRate?: number;
  /** How long to wait for a DLE EOT answer before calling the printer offline. */
  readonly statusTimeoutMs?: number;
  /** How long a job may take to leave the port (a printer out of buffer space blocks writes). */
  readonly writeTimeoutMs?: number;
  readonly reconnectMs?: number;
  /** Which level of the kick connector's sensor pin means "drawer open" (differs between drawers). */
  readonly drawerOpenWhen?: DrawerOpenLevel;
  readonly drawerPulse?: DrawerPulse;
}

/**
 * A long-lived ESC/POS receipt printer on a serial or USB-CDC port. It stays
 * open (so a drawer kick is instant), asks the printer's real-time status
 * before each job, and reopens the port by itself after an unplug.
 */
export class SerialPrinter implements PrinterDevice {
  readonly transport = 'serial' as const;
  readonly path: string;
  readonly #link: SerialLink;
  readonly #exchange: SerialExchange;
  readonly #statusTimeoutMs: number;
  readonly #writeTimeoutMs: number;
  readonly #drawerOpenWhen: DrawerOpenLevel;
  readonly #drawerPulse: DrawerPulse | undefined;

  constructor(options: SerialPrinterOptions) {
    this.path = options.path;
    this.#link = new SerialLink({
      path: options.path,
      ...(options.baudRate === undefined ? {} : { baudRate: options.baudRate }),
      ...(options.reconnectMs === undefined ? {} : { reconnectMs: options.reconnectMs }),
    });
    this.#exchange = new SerialExchange(this.#link);
    this.#statusTimeoutMs = options.statusTimeoutMs ?? 1_000;
    this.#writeTimeoutMs = options.writeTimeoutMs ?? 30_000;
    this.#drawerOpenWhen = options.drawerOpenWhen ?? 'high';
    this.#drawerPulse = options.drawerPulse;
    this.#link.start();
  }

  get state(): ConnectionState {
    return this.#link.state;
  }

  get lastSeenAt(): Date | null {
    return this.#link.lastSeenAt;
  }

  /** Resolves true once the port is open (e.g. after plugging back in), false after `timeoutMs`. */
  waitConnected(timeoutMs: number): Promise<boolean> {
    return this.#link.waitConnected(timeoutMs);
  }

  onStatus(listener: Parameters<SerialLink['onState']>[0]): () => void {
    return this.#link.onState(listener);
  }

  print(bytes: Uint8Array): Promise<PrintOutcome> {
    return this.#exchange.exclusive(async () => {
      const paper = parsePaperStatus(await this.#ask(4));
      if (paper.out) throw this.#paperOut();
      const status = parsePrinterStatus(await this.#ask(1));
      if (status.offline) throw await this.#offlineReason();
      await this.#send(bytes, 'The receipt may be cut short: check it and print again.');
      return { paperLow: paper.nearEnd };
    });
  }

  cut(mode: CutMode = 'partial'): Promise<void> {
    return this.#exchange.exclusive(() => this.#send(cutPaper(mode)));
  }

  kickDrawer(pin: DrawerPin = 2): Promise<void> {
    const bytes = this.#drawerPulse === undefined ? drawerKick(pin) : drawerKick(pin, this.#drawerPulse);
    return this.#exchange.exclusive(() => this.#send(bytes));
  }

  drawerStatus(): Promise<'open' | 'closed'> {
    return this.#exchange.exclusive(async () => drawerState(parsePrinterStatus(await this.#ask(1)), this.#drawerOpenWhen));
  }

  status(): Promise<PrinterStatusReport> {
    return this.#exchange.exclusive(async () => {
      const status = parsePrinterStatus(await this.#ask(1));
      const cause = status.offline ? parseOfflineCause(await this.#ask(2)) : null;
      const paper = parsePaperStatus(await this.#ask(4));
      return {
        online: !status.offline,
        paper: paper.out ? 'out' : paper.nearEnd ? 'low' : 'ok',
        coverOpen: cause?.coverOpen ?? false,
        error: cause?.error ?? false,
        drawer: drawerState(status, this.#drawerOpenWhen),
      };
    });
  }

  async close(): Promise<void> {
    this.#exchange.dispose();
    await this.#link.close();
  }

  /** One DLE EOT question; silence means the printer is off, offline or on the wrong port. */
  async #ask(query: StatusQuery): Promise<number> {
    let answer: number | null;
    try {
      answer = await this.#exchange.ask(statusRequest(query), this.#statusTimeoutMs);
    } catch (error) {
      throw this.#translate(error);
    }
    if (answer === null) {
      throw new AppError(
        'PRINTER_OFFLINE',
        `The receipt printer at ${this.path} is not answering: check it is switched on and its cable is in, then try again.`,
        {
          path: this.path,
          query,
        },
      );
    }
    return answer;
  }

  async #offlineReason(): Promise<AppError> {
    const cause = parseOfflineCause(await this.#ask(2));
    if (cause.paperEndStop) return this.#paperOut();
    if (cause.coverOpen) return new AppError('PRINTER_COVER_OPEN', 'The receipt printer’s cover is open: close it, then print again.', { path: this.path });
    if (cause.error) {
      return new AppError(
        'PRINTER_ERROR',
        'The receipt printer reports an error (often a paper jam at the cutter): open it, clear the paper, close it and print again.',
        {
          path: this.path,
        },
      );
    }
    return new AppError('PRINTER_OFFLINE', 'The receipt printer is offline (perhaps the feed button is held): wait a moment, then print again.', {
      path: this.path,
    });
  }

  #paperOut(): AppError {
    return new AppError('PRINTER_PAPER_OUT', 'The receipt printer is out of paper: load a new roll, then print again.', { path: this.path });
  }

  /** `afterwards` tells the budtender what a failure part-way means for this operation. */
  async #send(bytes: Uint8Array, afterwards?: string): Promise<void> {
    try {
      await this.#link.write(bytes, this.#writeTimeoutMs);
    } catch (error) {
      throw this.#translate(error, afterwards);
    }
  }

  #translate(error: unknown, afterwards?: string): AppError {
    const tail = afterwards === undefined ? '' : ` ${afterwards}`;
    if (isAppError(error) && error.code === 'DEVICE_WRITE_TIMEOUT') {
      return new AppError('PRINTER_OFFLINE', `The receipt printer at ${this.path} stopped taking data: check it is on and has no paper jam.${tail}`, {
        path: this.path,
      });
    }
    return new AppError(
      'PRINTER_DISCONNECTED',
      `The receipt printer at ${this.path} is unplugged or switched off: plug it in and switch it on, it reconnects by itself.${tail}`,
      { path: this.path },
    );
  }
}
