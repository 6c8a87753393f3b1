import type { CommandInput, CommandName, CommandOutput } from '../../shared/contract';
import { AppError, type Result } from '../../shared/errors';
import type { RegisterDatabase } from '../platform/db/open';
import { thisTerminalId } from '../features/store/terminal';
import { DEFAULT_IDLE_LOCK_MS } from '../platform/security/lockout';
import type { PiiKeys } from '../platform/security/pii-crypto';
import { createAuthorize } from '../features/staff/authorize';
import { TerminalSession } from '../features/staff/terminal-session';
import { syncNotRunning, type SyncMonitor } from '../features/sync/monitor';
import { noDevices, type DeviceService } from '../features/devices/service';
import { storeNotLinked, type StoreLinkMonitor } from '../features/store-link/store-connection';
import { allHandlers } from './handlers';
import { createInvoke, type Invoke } from './registry';

export interface Core {
  /** For transports: any name, any payload, validated against the contract. */
  readonly invoke: Invoke;
  /** The same path, typed, for in-process callers (CLI commands, tests). */
  readonly send: <N extends CommandName>(name: N, input: CommandInput<N>) => Promise<Result<CommandOutput<N>>>;
  readonly terminalId: string;
}

export interface CoreOptions {
  readonly database: RegisterDatabase;
  /** Derived from the master key held by the OS keychain (or a key file under Node). */
  readonly piiKeys: PiiKeys;
  readonly now?: () => Date;
  /** Idle time before the register locks itself. */
  readonly idleLockMs?: number;
  /** The running sync engine, when there is one. */
  readonly sync?: SyncMonitor;
  /** The terminal's open devices (the DeviceManager), when they run. */
  readonly devices?: DeviceService;
  /** The store server connection, on a register paired with one. */
  readonly storeLink?: StoreLinkMonitor;
}

/**
 * The register's core as every transport sees it (Electron IPC, the headless
 * host, tests): one `invoke(name, input)` over the contract.
 */
export function createCore({
  database,
  piiKeys,
  now = () => new Date(),
  idleLockMs = DEFAULT_IDLE_LOCK_MS,
  sync = syncNotRunning,
  devices = noDevices,
  storeLink = storeNotLinked,
}: CoreOptions): Core {
  const terminalId = thisTerminalId(database.db);
  if (terminalId === null) throw new AppError('TERMINAL_NOT_SET_UP', 'This database has no terminal set up. Start with the demo store or run the set-up.');
  const session = new TerminalSession(idleLockMs);
  const invoke = createInvoke(
    allHandlers(),
    { db: database.db, terminalId, session, piiKeys, now, sync, devices, storeLink },
    createAuthorize(database.db, session, terminalId),
  );
  const send = <N extends CommandName>(name: N, input: CommandInput<N>) => invoke(name, input) as Promise<Result<CommandOutput<N>>>;
  return { invoke, send, terminalId };
}
