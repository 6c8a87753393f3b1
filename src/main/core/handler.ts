import type { CommandName, CommandOutput, ValidInput } from '../../shared/contract';
import type { RegisterDb } from '../db/open';

/** Who is calling and from where; staff identity arrives with the login feature. */
export interface HandlerContext {
  readonly db: RegisterDb;
  readonly terminalId: string;
  readonly staffId: string | null;
  readonly now: () => Date;
}

export type Handler<N extends CommandName> = (input: ValidInput<N>, ctx: HandlerContext) => CommandOutput<N> | Promise<CommandOutput<N>>;

export type HandlerMap = { readonly [N in CommandName]: Handler<N> };

/** A feature's share of the handler map. */
export type Handlers<N extends CommandName> = { readonly [K in N]: Handler<K> };
