import { pushChanges } from '../../src/main/core/change-pushes';
import { createCore } from '../../src/main/core/create-core';
import { noDevices } from '../../src/main/features/devices/service';
import { syncNotRunning } from '../../src/main/features/sync/monitor';
import type { PushEvent } from '../../src/shared/contract/pushes';
import type { StartMessage } from '../../src/main/core/process/protocol';
import { serveCore, type ServedCore } from '../../src/main/entries/core-process/serve';
import { deriveAuditKey } from '../../src/main/platform/audit/audit-key';
import { openDatabase } from '../../src/main/platform/db/open';
import { derivePiiKeys } from '../../src/main/platform/security/pii-crypto';
import { DeviceManager } from '../../src/main/features/devices/device-manager';
import type { SimulatedDrawer, SimulatedPrinter, SimulatedScanner } from '../../src/main/features/devices/simulated';
import { RelayOrdersLane } from '../../src/main/features/online-orders/relay-lane';
import { relayClientFor } from '../../src/main/features/online-orders/relay-settings';
import { storeIdOfTerminal, thisTerminalId } from '../../src/main/features/store/terminal';
import { StoreConnection } from '../../src/main/features/store-link/store-connection';
import { SyncService } from '../../src/main/features/sync/service';
import type { Result } from '../../src/shared/errors';
import type { DiscoveredDevice } from '../../src/main/features/devices/discovery';
import type { SyncTuning } from '../../src/main/features/sync/service';

/**
 * The test's core process: the product's serving loop (serve.ts: protocol,
 * crash reports, stop) around a core built as the browser tests built it
 * in-process — on a file the test already seeded, with the fakes its config
 * names (a fast sync engine, simulated devices with a listed printer, a store
 * link, a clock the test moves). Commands named `test:…` are the test's hands
 * on those fakes; they never reach the registry.
 */
/** What the test asks of its core, passed as JSON in the child's first argument. */
export interface ChildCoreConfig {
  /** The core's clock starts here and moves only by `test:clock-set` (absent: the real clock). */
  readonly clock?: string;
  readonly idleLockMs?: number;
  /** A running sync engine with this tuning (numbers only), and the order relay's lane when asked. */
  readonly sync?: { readonly tuning: SyncTuning; readonly relayOrders?: boolean };
  /** The terminal's devices open (simulated ones as configured), with these devices listed as plugged in. */
  readonly devices?: { readonly discovered: readonly DiscoveredDevice[] };
  /** A store server connection (idle until paired on the Sync screen). */
  readonly storeLink?: boolean;
}

const config = JSON.parse(process.argv[2] ?? '{}') as ChildCoreConfig;

async function start(message: StartMessage, push: (event: PushEvent) => void): Promise<ServedCore> {
  if (message.key.kind !== 'bytes') throw new Error('The test core takes its key as bytes.');
  const masterKey = Buffer.from(message.key.base64, 'base64');
  const piiKeys = derivePiiKeys(masterKey);
  const database = openDatabase({ path: message.databasePath, migrationsFolder: message.migrationsFolder, auditKey: deriveAuditKey(masterKey) });
  const terminalId = thisTerminalId(database.db) ?? '';
  let clock: Date | null = config.clock === undefined ? null : new Date(config.clock);
  const now = () => clock ?? new Date();
  const sync =
    config.sync === undefined
      ? null
      : new SyncService({
          db: database.db,
          keys: piiKeys,
          storeId: storeIdOfTerminal(database.db, terminalId),
          tuning: config.sync.tuning,
          ...(config.sync.relayOrders === true ? { moreLanes: () => [new RelayOrdersLane(() => relayClientFor(database.db, piiKeys))] } : {}),
        });
  const devices =
    config.devices === undefined
      ? null
      : DeviceManager.start({
          db: database.db,
          terminalId,
          discover: () => Promise.resolve({ devices: [...(config.devices?.discovered ?? [])], problems: [] }),
        });
  const storeLink = config.storeLink === true ? new StoreConnection(database.db, piiKeys) : null;
  const core = createCore({
    piiKeys,
    database,
    now,
    ...(config.idleLockMs === undefined ? {} : { idleLockMs: config.idleLockMs }),
    ...(sync === null ? {} : { sync }),
    ...(devices === null ? {} : { devices }),
    ...(storeLink === null ? {} : { storeLink }),
  });
  sync?.start();
  const pushes = pushChanges({
    db: database.db,
    terminalId,
    sync: sync ?? syncNotRunning,
    devices: devices ?? noDevices,
    ...(storeLink === null ? {} : { storeLink }),
    push,
  });

  const control = (name: string, input: unknown): Result<unknown> => {
    const given = (input ?? {}) as Record<string, unknown>;
    switch (name) {
      case 'test:clock-set':
        clock = new Date(String(given['at']));
        return { ok: true, value: null };
      case 'test:scanner-scan':
        (devices?.device('barcode_scanner') as SimulatedScanner).scan(String(given['data']));
        return { ok: true, value: null };
      case 'test:printer-paper':
        (devices?.printer() as SimulatedPrinter).paper = given['paper'] as SimulatedPrinter['paper'];
        return { ok: true, value: null };
      case 'test:drawer-kicks':
        return { ok: true, value: (devices?.drawer() as SimulatedDrawer).kicks };
      default:
        return { ok: false, error: { code: 'TEST_CONTROL_UNKNOWN', message: `No test control ${name}` } };
    }
  };
  return {
    terminalId: core.terminalId,
    invoke: (name, input) => (name.startsWith('test:') ? Promise.resolve(control(name, input)) : core.invoke(name, input)),
    stop: async () => {
      pushes.stop();
      await Promise.all([sync?.stop(), devices?.close(), storeLink?.stop()]);
      database.close();
    },
    closeNow: () => database.close(),
  };
}

serveCore(start);
