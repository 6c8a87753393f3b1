import type { CommandInput, CommandName, CommandOutput } from '../../shared/contract';
import { AppError, type Result } from '../../shared/errors';
import type { RegisterDatabase } from '../db/open';
import { thisTerminalId } from '../store/terminal';
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
  readonly now?: () => Date;
}

/**
 * The register's core as every transport sees it (Electron IPC, the headless
 * host, tests): one `invoke(name, input)` over the contract.
 */
export function createCore({ database, now = () => new Date() }: CoreOptions): Core {
  const terminalId = thisTerminalId(database.db);
  if (terminalId === null) throw new AppError('TERMINAL_NOT_SET_UP', 'This database has no terminal set up. Start with the demo store or run the set-up.');
  const invoke = createInvoke(allHandlers(), () => ({ db: database.db, terminalId, staffId: null, now }));
  const send = <N extends CommandName>(name: N, input: CommandInput<N>) => invoke(name, input) as Promise<Result<CommandOutput<N>>>;
  return { invoke, send, terminalId };
}
