import type { CommandName, CommandOutput, ValidInput } from '../../shared/contract';
import type { RegisterDb } from '../platform/db/open';
import type { DeviceService } from '../features/devices/service';
import type { PiiKeys } from '../platform/security/pii-crypto';
import type { SignedInStaff, TerminalSession } from '../features/staff/terminal-session';
import type { SyncMonitor } from '../features/sync/monitor';
import type { StoreLinkMonitor } from '../features/store-link/store-connection';

/** What a handler knows of its call: the database, the terminal, who is signed in, who approved. */
export interface HandlerContext {
  readonly db: RegisterDb;
  readonly terminalId: string;
  readonly session: TerminalSession;
  /** Keys for the customer fields encrypted at rest. */
  readonly piiKeys: PiiKeys;
  /** The signed-in staff member (null only for public commands). */
  readonly staff: SignedInStaff | null;
  readonly staffId: string | null;
  /** The manager who approved this one command, if the caller's role lacked its permission. */
  readonly approvedBy: string | null;
  readonly now: () => Date;
  /** The delivery engine's view (online, wake-up); a stand-in when none runs. */
  readonly sync: SyncMonitor;
  /** The terminal's printer, drawer and scanners; a stand-in when none run. */
  readonly devices: DeviceService;
  /** The store server (limits across registers); a stand-in on a single register. */
  readonly storeLink: StoreLinkMonitor;
}

/** The part of the context that does not depend on the call. */
export type BaseContext = Pick<HandlerContext, 'db' | 'terminalId' | 'session' | 'piiKeys' | 'now' | 'sync' | 'devices' | 'storeLink'>;

export type Handler<N extends CommandName> = (input: ValidInput<N>, ctx: HandlerContext) => CommandOutput<N> | Promise<CommandOutput<N>>;

export type HandlerMap = { readonly [N in CommandName]: Handler<N> };

/** A feature's share of the handler map. */
export type Handlers<N extends CommandName> = { readonly [K in N]: Handler<K> };
