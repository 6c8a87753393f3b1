import type { RegisterDb } from '../db/open';
import { logger } from '../logger';
import type { PiiKeys } from '../security/pii-crypto';
import { Dispatcher, type DispatcherOptions, type LaneConnectivity } from './dispatcher';
import type { LaneAdapter } from './lane';
import { metrcLane } from './metrc-lane';
import { loadMetrcSettings } from './metrc-settings';
import type { SyncMonitor } from './monitor';

/**
 * The register's sync engine: a dispatcher built from the store's saved
 * settings, rebuilt when they change. A lane without settings (no Metrc
 * keys yet, no online menu) keeps its items queued and says so.
 */
export class SyncService implements SyncMonitor {
  readonly #db: RegisterDb;
  readonly #keys: PiiKeys;
  readonly #storeId: string;
  readonly #tuning: Omit<DispatcherOptions, 'db' | 'adapters'>;
  #dispatcher: Dispatcher | null = null;

  constructor(options: { readonly db: RegisterDb; readonly keys: PiiKeys; readonly storeId: string; readonly tuning?: Omit<DispatcherOptions, 'db' | 'adapters'> }) {
    this.#db = options.db;
    this.#keys = options.keys;
    this.#storeId = options.storeId;
    this.#tuning = options.tuning ?? {};
  }

  get destinations(): readonly string[] {
    return this.#dispatcher?.destinations ?? [];
  }

  connectivity(destination: string): LaneConnectivity | null {
    return this.#dispatcher?.connectivity(destination) ?? null;
  }

  wake(): void {
    this.#dispatcher?.wake();
  }

  start(): void {
    const adapters = this.#adapters();
    if (adapters.length === 0) {
      logger.warn('sync: no destination is configured; sales stay queued until Metrc is set up');
      return;
    }
    this.#dispatcher = new Dispatcher({ db: this.#db, adapters, ...this.#tuning });
    this.#dispatcher.start();
  }

  async reconfigure(): Promise<void> {
    await this.stop();
    this.start();
  }

  async stop(): Promise<void> {
    const dispatcher = this.#dispatcher;
    this.#dispatcher = null;
    await dispatcher?.stop();
  }

  #adapters(): LaneAdapter[] {
    const metrc = loadMetrcSettings(this.#db, this.#keys, this.#storeId);
    return metrc === null || !metrc.enabled ? [] : [metrcLane(metrc, this.#keys)];
  }
}
