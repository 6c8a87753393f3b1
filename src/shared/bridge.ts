import type { CommandName, CommandInput, CommandOutput } from './contract';
import type { Result } from './errors';

/**
 * What the renderer can reach of the main process: one call, by contract
 * name, and the core's pushes. The Electron preload and the headless-host
 * client both implement it.
 */
export interface GreentillBridge {
  invoke<N extends CommandName>(name: N, input: CommandInput<N>): Promise<Result<CommandOutput<N>>>;
  /**
   * Hears the core's pushes (`contract/pushes.ts`) as they come, unchecked:
   * the page validates each before acting on it. `onStream` says whether
   * the stream is up (the page polls as before while it is not, or when a
   * bridge has no pushes at all). Returns how to stop.
   */
  subscribe?(listener: (event: unknown) => void, onStream?: (up: boolean) => void): () => void;
}

/** The name under which the preload exposes the bridge on `window`. */
export const BRIDGE_GLOBAL = 'greentill';

/**
 * The headless host's answer header naming how many times the core process
 * has been started again: the page compares it with the last one it saw to
 * notice a restarted core (whose staff session is gone).
 */
export const CORE_GENERATION_HEADER = 'x-greentill-core-generation';
