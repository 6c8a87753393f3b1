import type { AppError } from '../../../shared/errors';
import { Listeners, type Unsubscribe } from './listeners';
import { ScanFramer, type ScanFraming } from './scan-framer';
import { bytesToScanText, scanEvent, type ConnectionEvent, type ConnectionState, type ScanEvent, type Scanner } from './scanner';
import { SerialLink } from './serial-link';

export interface SerialScannerOptions {
  readonly path: string;
  readonly baudRate?: number;
  /** Default: quiet-time framing, 50 ms. */
  readonly framing?: ScanFraming;
  readonly reconnectMs?: number;
}

/** A scanner in serial / USB-CDC mode: scans arrive in the background, whatever has focus. */
export class SerialScanner implements Scanner {
  readonly source = 'serial' as const;
  readonly path: string;
  readonly #link: SerialLink;
  readonly #framer: ScanFramer;
  readonly #scans = new Listeners<ScanEvent>();
  readonly #dropped = new Listeners<AppError>();

  constructor(options: SerialScannerOptions) {
    this.path = options.path;
    this.#link = new SerialLink({
      path: options.path,
      ...(options.baudRate === undefined ? {} : { baudRate: options.baudRate }),
      ...(options.reconnectMs === undefined ? {} : { reconnectMs: options.reconnectMs }),
    });
    this.#framer = new ScanFramer(
      options.framing ?? { kind: 'quiet' },
      (bytes) => this.#scans.emit(scanEvent(bytesToScanText(bytes), 'serial')),
      (error) => this.#dropped.emit(error),
    );
    this.#link.onData((chunk) => this.#framer.push(chunk));
    this.#link.onState((event) => {
      // Half a scan from before an unplug must not be glued to the next one.
      if (event.state === 'disconnected') this.#framer.reset();
    });
    this.#link.start();
  }

  get state(): ConnectionState {
    return this.#link.state;
  }

  get lastSeenAt(): Date | null {
    return this.#link.lastSeenAt;
  }

  waitConnected(timeoutMs: number): Promise<boolean> {
    return this.#link.waitConnected(timeoutMs);
  }

  onScan(listener: (scan: ScanEvent) => void): Unsubscribe {
    return this.#scans.add(listener);
  }

  onStatus(listener: (event: ConnectionEvent) => void): Unsubscribe {
    return this.#link.onState(listener);
  }

  onDropped(listener: (error: AppError) => void): Unsubscribe {
    return this.#dropped.add(listener);
  }

  async close(): Promise<void> {
    this.#framer.reset();
    await this.#link.close();
    this.#scans.clear();
    this.#dropped.clear();
  }
}
