import { TRACEABILITY_LANE } from './lanes';
import type { RegisterDb } from '../../platform/db/open';
import { logger } from '../../platform/logging/logger';
import type { PiiKeys } from '../../platform/security/pii-crypto';
import { Dispatcher, type DispatcherOptions, type LaneConnectivity } from './dispatcher';
import type { LaneAdapter } from '../../../shared/sync/lane';
import { metrcLane } from './metrc-lane';
import { loadMenuSettings } from './menu-settings';
import { MenuLane } from './menu/menu-lane';
import { AlpineIqLane } from './alpine-iq/lane';
import { loadLoyaltyFeedSettings } from './alpine-iq/settings';
import { loadMetrcSettings } from './metrc-settings';
import { metrcNotSetUp, type PatientStatusAnswer, type SyncMonitor } from './monitor';
import type { MetrcApiVersion } from '../../../metrc/adapter';
import { reconcilePackages, type PackageReconciliation } from './package-reconciliation';
import { DestinationUnavailable, PermanentRefusal } from '../../../shared/sync/lane';
import { MetrcHttp } from '../../../metrc/http';
import { PatientStatusCache, fetchPatientStatus } from './metrc/patient-status';

/**
 * Work to run every so often while the state's system answers — re-checking
 * offline sales (compliance's). Handed in by whoever assembles the register,
 * so sync needs nothing from the features that use it.
 */
export type WhileOnline = (monitor: SyncMonitor) => Promise<unknown>;

export type SyncTuning = Omit<DispatcherOptions, 'db' | 'adapters'> & {
  readonly reverifyEveryMs?: number;
  /** Metrc refreshes patient status at most once a minute: asking sooner only spends rate limit. */
  readonly patientStatusCacheMs?: number;
};

/**
 * The register's sync engine: a dispatcher built from the store's saved
 * settings, rebuilt when they change. A lane without settings (no Metrc
 * keys yet, no online menu) keeps its items queued and says so.
 */
export class SyncService implements SyncMonitor {
  readonly #db: RegisterDb;
  readonly #keys: PiiKeys;
  readonly #storeId: string;
  readonly #tuning: SyncTuning;
  #dispatcher: Dispatcher | null = null;
  #metrc: MetrcHttp | null = null;
  /** The traceability lane's own connection and API version, for reads staff ask for (reconciliation). */
  #metrcLane: { readonly http: MetrcHttp; readonly version: MetrcApiVersion } | null = null;
  readonly #patients: PatientStatusCache;
  #reverifyTimer: ReturnType<typeof setInterval> | null = null;
  #reverifying = false;
  readonly #whileOnline: WhileOnline | null;
  readonly #moreLanes: () => LaneAdapter[];
  readonly #handover: () => LaneAdapter | null;

  constructor(options: {
    readonly db: RegisterDb;
    readonly keys: PiiKeys;
    readonly storeId: string;
    readonly tuning?: SyncTuning;
    readonly whileOnline?: WhileOnline;
    /** Lanes the features above sync deliver (the store server's), built at every (re)start. */
    readonly moreLanes?: () => LaneAdapter[];
    /**
     * In a store with a server (issue #20), the state lane's adapter that hands every item to the
     * store's single Metrc reporter instead of sending it (null: this register reports itself).
     */
    readonly traceabilityHandover?: () => LaneAdapter | null;
  }) {
    this.#moreLanes = options.moreLanes ?? (() => []);
    this.#handover = options.traceabilityHandover ?? (() => null);
    this.#whileOnline = options.whileOnline ?? null;
    this.#db = options.db;
    this.#keys = options.keys;
    this.#storeId = options.storeId;
    this.#tuning = options.tuning ?? {};
    this.#patients = new PatientStatusCache(this.#tuning.patientStatusCacheMs ?? 60_000);
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

  /** Starts the lanes; already started (a pairing reconfigured it first), it starts nothing more: a second dispatcher would work each lane in a second pass, out of order. */
  start(): void {
    if (this.#dispatcher !== null) return;
    this.#startReverifying();
    const adapters = this.#adapters();
    if (adapters.length === 0) {
      logger.warn('sync: no destination is configured; sales stay queued until Metrc or the online menu is set up');
      return;
    }
    const { reverifyEveryMs: _reverify, patientStatusCacheMs: _cache, ...dispatcherTuning } = this.#tuning;
    this.#dispatcher = new Dispatcher({ db: this.#db, adapters, ...dispatcherTuning });
    this.#dispatcher.start();
  }

  async reconfigure(): Promise<void> {
    await this.stop();
    this.start();
  }

  async stop(): Promise<void> {
    if (this.#reverifyTimer !== null) clearInterval(this.#reverifyTimer);
    this.#reverifyTimer = null;
    const dispatcher = this.#dispatcher;
    this.#dispatcher = null;
    await dispatcher?.stop();
  }

  /** Offline sales are re-checked against the state once it answers again. */
  #startReverifying(): void {
    const whileOnline = this.#whileOnline;
    if (this.#reverifyTimer !== null || whileOnline === null) return;
    this.#reverifyTimer = setInterval(() => {
      if (this.#reverifying || this.connectivity(TRACEABILITY_LANE)?.online !== true) return;
      this.#reverifying = true;
      whileOnline(this)
        .catch((error: unknown) => logger.error({ err: error }, 're-verification of offline sales failed'))
        .finally(() => (this.#reverifying = false));
    }, this.#tuning.reverifyEveryMs ?? 30_000);
    this.#reverifyTimer.unref();
  }

  async patientStatus(patientLicenseNumber: string): Promise<PatientStatusAnswer> {
    const http = this.#metrc;
    if (http === null) return { online: false, reason: 'The register is not connected to Metrc (not set up).' };
    try {
      return { online: true, status: await this.#patients.get(patientLicenseNumber, () => fetchPatientStatus(http, patientLicenseNumber)) };
    } catch (error) {
      if (error instanceof DestinationUnavailable || error instanceof PermanentRefusal) return { online: false, reason: error.message };
      throw error;
    }
  }

  reconcilePackages(by: { readonly staffId: string; readonly terminalId: string }): Promise<PackageReconciliation> {
    const lane = this.#metrcLane;
    if (lane === null) return Promise.reject(metrcNotSetUp());
    return reconcilePackages(this.#db, { http: lane.http, version: lane.version, staffId: by.staffId, terminalId: by.terminalId, now: () => new Date() });
  }

  /** Each lane that is set up and switched on; Metrc and the online menu do not depend on each other. */
  #adapters(): LaneAdapter[] {
    return [...this.#metrcAdapters(), ...this.#menuAdapters(), ...this.#loyaltyFeedAdapters(), ...this.#moreLanes()];
  }

  #metrcAdapters(): LaneAdapter[] {
    const metrc = loadMetrcSettings(this.#db, this.#keys, this.#storeId);
    const handover = this.#handover();
    if (metrc === null || !metrc.enabled) {
      this.#metrc = null;
      this.#metrcLane = null;
      return handover === null ? [] : [handover];
    }
    // One connection (and one read budget) for the lane and the patient lookups; a patient waits at the counter: 3 s, not 30.
    const http = new MetrcHttp(metrc);
    this.#metrc = new MetrcHttp({ ...metrc, timeoutMs: 3_000 }, http.pacer);
    this.#metrcLane = { http, version: metrc.apiVersion };
    // In a store with a server the register still reads Metrc with its own keys (patients, packages); the store server reports.
    return [handover ?? metrcLane(metrc, this.#keys, http)];
  }

  #menuAdapters(): LaneAdapter[] {
    const menu = loadMenuSettings(this.#db, this.#keys, this.#storeId);
    if (menu === null || !menu.enabled) return [];
    return [new MenuLane({ endpointUrl: menu.endpointUrl, secret: menu.secret, storeId: this.#storeId })];
  }

  #loyaltyFeedAdapters(): LaneAdapter[] {
    const feed = loadLoyaltyFeedSettings(this.#db, this.#keys);
    return feed === null || !feed.enabled ? [] : [new AlpineIqLane(feed)];
  }
}
