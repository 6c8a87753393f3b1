import { startRegister } from '../../core/app-start';
import { pushChanges } from '../../core/change-pushes';
import type { StartMessage } from '../../core/process/protocol';
import type { PushEvent } from '../../../shared/contract/pushes';
import { FileKeySource, StaticKeySource, unprotectedKeyFile, type KeySource } from '../../platform/security/key-source';
import { serveCore, type ServedCore } from './serve';

/**
 * The register's core in its own process (issue #19): the database, the
 * command registry, sync and devices, away from the thread that draws
 * windows and routes input. Started by the host (Electron's utilityProcess,
 * or child_process.fork under the headless host); answers `invoke` messages
 * through the same registry every transport uses (serve.ts).
 */
function keySourceOf(key: StartMessage['key']): KeySource {
  // The headless host's key file is protected by file permissions only (as `start:web` always was).
  return key.kind === 'file' ? new FileKeySource({ path: key.path, protector: unprotectedKeyFile }) : new StaticKeySource(Buffer.from(key.base64, 'base64'));
}

async function startCore(message: StartMessage, push: (event: PushEvent) => void): Promise<ServedCore> {
  const started = await startRegister({
    databasePath: message.databasePath,
    migrationsFolder: message.migrationsFolder,
    keySource: keySourceOf(message.key),
    demo: message.demo,
    startSync: message.startSync,
    openDevices: message.openDevices,
  });
  const pushes = pushChanges({
    db: started.database.db,
    terminalId: started.core.terminalId,
    sync: started.sync,
    devices: started.devices,
    storeLink: started.storeLink,
    push,
  });
  return {
    terminalId: started.core.terminalId,
    invoke: started.core.invoke,
    stop: async () => {
      pushes.stop();
      started.orderFeed.stop();
      started.staffAlerts.stop();
      await Promise.all([started.sync.stop(), started.devices.close(), started.storeLink.stop()]);
      started.database.close();
    },
    closeNow: () => started.database.close(),
  };
}

serveCore(startCore);
