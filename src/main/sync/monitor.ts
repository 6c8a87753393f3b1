import type { LaneConnectivity } from './dispatcher';

/** What the core may ask of the running sync engine (nothing, when none runs: the CLI, tests). */
export interface SyncMonitor {
  /** Destinations with a delivering adapter. */
  readonly destinations: readonly string[];
  connectivity(destination: string): LaneConnectivity | null;
  /** New work is queued: deliver it now rather than at the next poll. */
  wake(): void;
  /** Settings changed (e.g. new Metrc keys): rebuild the adapters. */
  reconfigure(): Promise<void>;
}

export const syncNotRunning: SyncMonitor = {
  destinations: [],
  connectivity: () => null,
  wake: () => undefined,
  reconfigure: () => Promise.resolve(),
};
