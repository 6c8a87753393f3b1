import type { CommandName, CommandInput, CommandOutput } from './contract';
import type { Result } from './errors';

/**
 * What the renderer can reach of the main process: one call, by contract
 * name. The Electron preload and the headless-host client both implement it.
 */
export interface GreentillBridge {
  invoke<N extends CommandName>(name: N, input: CommandInput<N>): Promise<Result<CommandOutput<N>>>;
}

/** The name under which the preload exposes the bridge on `window`. */
export const BRIDGE_GLOBAL = 'greentill';
