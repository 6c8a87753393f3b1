import { AppError } from '../../../shared/errors';
import { checkStatusByte, statusRequest, type DrawerOpenLevel, type StatusQuery } from './escpos-status';
import { drawerKick } from './drawer-kick';
import type { CashDrawer, DrawerState } from './drawer';
import { SerialExchange } from './serial-exchange';
import { SerialLink } from './serial-link';
import type { ConnectionState } from './scanner';

export interface SerialDrawerStatusQuery {
  /** What to send to ask (default `DLE EOT 1`, as ESC/POS-compatible drawer interfaces answer). */
  readonly request?: Uint8Array;
  /** Which bit of the one-byte answer is the sensor (default 2, as in ESC/POS). */
  readonly sensorBit?: number;
  readonly openWhen?: DrawerOpenLevel;
  readonly timeoutMs?: number;
}

export interface SerialDrawerOptions {
  readonly path: string;
  readonly baudRate?: number;
  readonly reconnectMs?: number;
  /** What fires the solenoid; drawer interfaces differ (default the ESC/POS kick `1B 70 00 19 FA`). */
  readonly kickBytes?: Uint8Array;
  /** Omit for drawers without a readable sensor: `status()` then says 'unknown'. */
  readonly status?: SerialDrawerStatusQuery;
}

/** A cash drawer on its own serial or USB-CDC port (not through the receipt printer). */
export class SerialDrawer implements CashDrawer {
  readonly transport = 'serial' as const;
  readonly path: string;
  readonly #link: SerialLink;
  readonly #exchange: SerialExchange;
  readonly #kickBytes: Uint8Array;
  readonly #query: Required<SerialDrawerStatusQuery> | null;

  constructor(options: SerialDrawerOptions) {
    this.path = options.path;
    this.#link = new SerialLink({
      path: options.path,
      ...(options.baudRate === undefined ? {} : { baudRate: options.baudRate }),
      ...(options.reconnectMs === undefined ? {} : { reconnectMs: options.reconnectMs }),
    });
    this.#exchange = new SerialExchange(this.#link);
    this.#kickBytes = options.kickBytes ?? drawerKick(2);
    this.#query =
      options.status === undefined
        ? null
        : {
            request: options.status.request ?? statusRequest(1),
            sensorBit: options.status.sensorBit ?? 2,
            openWhen: options.status.openWhen ?? 'high',
            timeoutMs: options.status.timeoutMs ?? 1_000,
          };
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

  open(): Promise<void> {
    return this.#exchange.exclusive(async () => {
      try {
        await this.#link.write(this.#kickBytes, 5_000);
      } catch {
        throw this.#unplugged();
      }
    });
  }

  status(): Promise<DrawerState> {
    const query = this.#query;
    if (query === null) return Promise.resolve('unknown');
    return this.#exchange.exclusive(async () => {
      let answer: number | null;
      try {
        answer = await this.#exchange.ask(query.request, query.timeoutMs);
      } catch {
        throw this.#unplugged();
      }
      if (answer === null)
        throw new AppError('DRAWER_NOT_ANSWERING', `The cash drawer at ${this.path} does not report whether it is open: check its cable.`, { path: this.path });
      const n = dleEotQuery(query.request);
      if (n !== null) checkStatusByte(answer, n);
      const high = (answer & (1 << query.sensorBit)) !== 0;
      return high === (query.openWhen === 'high') ? 'open' : 'closed';
    });
  }

  async close(): Promise<void> {
    this.#exchange.dispose();
    await this.#link.close();
  }

  #unplugged(): AppError {
    return new AppError(
      'DRAWER_DISCONNECTED',
      `The cash drawer at ${this.path} is unplugged: plug it back in (it reconnects by itself) or open it with its key.`,
      {
        path: this.path,
      },
    );
  }
}

/** A DLE EOT request's n, whose answers have fixed bits worth checking; null for a vendor's own request. */
function dleEotQuery(request: Uint8Array): StatusQuery | null {
  const n = request[2];
  if (request.length !== 3 || request[0] !== 0x10 || request[1] !== 0x04) return null;
  return n === 1 || n === 2 || n === 3 || n === 4 ? n : null;
}
