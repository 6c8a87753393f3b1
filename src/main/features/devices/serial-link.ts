import { realpath } from 'node:fs/promises';
import { SerialPort } from 'serialport';
import { AppError } from '../../../shared/errors';
import { Listeners, type Unsubscribe } from './listeners';
import { waitUntilConnected, type ConnectionEvent, type ConnectionState } from './scanner';

export interface SerialLinkOptions {
  readonly path: string;
  /** Epson-type printers and most scanners default to 9600 8N1. */
  readonly baudRate?: number;
  /** How often to retry opening while unplugged, and to check the device is still there while plugged. */
  readonly reconnectMs?: number;
}

const DEFAULT_RECONNECT_MS = 1_000;

/**
 * A serial port that survives being unplugged: it reopens the same path on
 * an interval until the device is back, and reports connected/disconnected.
 *
 * Unplug detection does not rely on serialport's `close` event alone: on a
 * pseudo-terminal (and some USB-serial drivers) a vanished device reads as
 * end-of-file, which serialport retries forever without closing. So while
 * connected the link also checks that the path still resolves to the device
 * it opened; a missing or re-created device node means "unplugged".
 * (Windows COM ports have no device node; there serialport's own close
 * event is what tells.)
 */
export class SerialLink {
  readonly path: string;
  readonly #baudRate: number;
  readonly #reconnectMs: number;
  #port: SerialPort | null = null;
  #openedDevice: string | null = null;
  #timer: NodeJS.Timeout | null = null;
  #closed = false;
  #current: ConnectionState = 'disconnected';
  #seenAt: Date | null = null;
  readonly #dataListeners = new Listeners<Buffer>();
  readonly #stateListeners = new Listeners<ConnectionEvent>();
  /** Writes in flight, failed at once when the device goes away (a blocked write would otherwise hang). */
  readonly #inFlight = new Set<(error: AppError) => void>();

  constructor(options: SerialLinkOptions) {
    this.path = options.path;
    this.#baudRate = options.baudRate ?? 9600;
    this.#reconnectMs = options.reconnectMs ?? DEFAULT_RECONNECT_MS;
  }

  get state(): ConnectionState {
    return this.#current;
  }

  get lastSeenAt(): Date | null {
    return this.#seenAt;
  }

  /** Starts connecting (and keeps reconnecting) in the background. */
  start(): this {
    if (this.#port === null && this.#timer === null && !this.#closed) void this.#tryOpen();
    return this;
  }

  onData(listener: (chunk: Buffer) => void): Unsubscribe {
    return this.#dataListeners.add(listener);
  }

  onState(listener: (event: ConnectionEvent) => void): Unsubscribe {
    return this.#stateListeners.add(listener);
  }

  /** Resolves true once connected, false if `timeoutMs` passes first. */
  waitConnected(timeoutMs: number): Promise<boolean> {
    return waitUntilConnected(this.#current, (listener) => this.onState(listener), timeoutMs);
  }

  /**
   * Writes and waits until the bytes left for the device (drain). Fails with
   * DEVICE_DISCONNECTED when not connected or unplugged mid-write, and with
   * DEVICE_WRITE_TIMEOUT when the device stops accepting data.
   */
  write(bytes: Uint8Array, timeoutMs = 30_000): Promise<void> {
    const port = this.#port;
    if (port === null || this.#current !== 'connected') return Promise.reject(this.#disconnectedError());
    return new Promise<void>((resolve, reject) => {
      let done = false;
      const finish = (error: AppError | null): void => {
        if (done) return;
        done = true;
        clearTimeout(timer);
        this.#inFlight.delete(fail);
        if (error === null) resolve();
        else reject(error);
      };
      const fail = (error: AppError): void => finish(error);
      const timer = setTimeout(
        () => finish(new AppError('DEVICE_WRITE_TIMEOUT', `The device at ${this.path} stopped accepting data.`, { path: this.path, timeoutMs })),
        timeoutMs,
      );
      this.#inFlight.add(fail);
      // A failed write means the device went away: drop the port first, so the
      // caller that sees this failure already sees the link disconnected.
      const failed = (error: Error): void => {
        if (this.#port === port) void this.#drop('a write failed');
        finish(this.#disconnectedError(error));
      };
      port.write(Buffer.from(bytes), (error) => {
        if (error) failed(error);
      });
      port.drain((error) => (error ? failed(error) : finish(null)));
    });
  }

  async close(): Promise<void> {
    this.#closed = true;
    if (this.#timer !== null) clearTimeout(this.#timer);
    this.#timer = null;
    await this.#drop('closed by the register');
    this.#dataListeners.clear();
    this.#stateListeners.clear();
  }

  #disconnectedError(cause?: unknown): AppError {
    return new AppError('DEVICE_DISCONNECTED', `The device at ${this.path} is unplugged or switched off.`, {
      path: this.path,
      ...(cause === undefined ? {} : { cause: cause instanceof Error ? cause.message : String(cause) }),
    });
  }

  #schedule(): void {
    if (this.#closed || this.#timer !== null) return;
    this.#timer = setTimeout(() => {
      this.#timer = null;
      if (this.#port === null) void this.#tryOpen();
      else void this.#checkPresence();
    }, this.#reconnectMs);
  }

  async #tryOpen(): Promise<void> {
    if (this.#closed || this.#port !== null) return;
    const port = new SerialPort({ path: this.path, baudRate: this.#baudRate, autoOpen: false });
    try {
      // Only device nodes (/dev/…) can be watched this way; COM ports rely on serialport's close event.
      const device = this.path.startsWith('/') ? await realpath(this.path) : null;
      await new Promise<void>((resolve, reject) => port.open((error) => (error ? reject(error) : resolve())));
      if (this.#closed) {
        await closePort(port);
        return;
      }
      this.#port = port;
      this.#openedDevice = device;
      port.on('data', (chunk: Buffer) => {
        this.#seenAt = new Date();
        this.#dataListeners.emit(chunk);
      });
      // serialport reports a disconnect as `close` with an error; either way the device is gone.
      port.on('close', () => {
        if (this.#port === port) void this.#drop('the port closed');
      });
      port.on('error', () => {
        if (this.#port === port) void this.#drop('the port reported an error');
      });
      this.#seenAt = new Date();
      this.#setState('connected');
      if (device === null) return;
    } catch {
      // Not there yet (unplugged, switched off): try again later.
    }
    this.#schedule();
  }

  /** While connected: is the path still the device we opened? */
  async #checkPresence(): Promise<void> {
    const port = this.#port;
    if (port === null || this.#openedDevice === null) return;
    let device: string | null;
    try {
      device = await realpath(this.path);
    } catch {
      device = null;
    }
    if (this.#port !== port) return;
    if (device === null || device !== this.#openedDevice) await this.#drop('the device was unplugged');
    this.#schedule();
  }

  async #drop(reason: string): Promise<void> {
    const port = this.#port;
    this.#port = null;
    this.#openedDevice = null;
    const error = this.#disconnectedError(reason);
    for (const fail of [...this.#inFlight]) fail(error);
    // Before any await: whoever is told about the failure must already see the new state.
    this.#setState('disconnected', reason);
    if (port !== null) {
      port.removeAllListeners('data');
      port.removeAllListeners('close');
      // A late error from a half-dead port must not become an unhandled 'error' event.
      port.removeAllListeners('error');
      port.on('error', () => undefined);
      if (port.isOpen) await closePort(port);
    }
    this.#schedule();
  }

  #setState(state: ConnectionState, reason?: string): void {
    if (this.#current === state) return;
    this.#current = state;
    this.#stateListeners.emit(reason === undefined ? { state, at: new Date() } : { state, at: new Date(), reason });
  }
}

function closePort(port: SerialPort): Promise<void> {
  return new Promise<void>((resolve) => port.close(() => resolve()));
}
