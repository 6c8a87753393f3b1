import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startRegister, type StartedRegister } from '../../src/main/core/app-start';
import { DeviceManager } from '../../src/main/features/devices/device-manager';
import { noDevices } from '../../src/main/features/devices/service';
import { SimulatedPrinter } from '../../src/main/features/devices/simulated';
import { StaticKeySource } from '../../src/main/platform/security/key-source';
import { migrationsFolder, tempDir } from '../support/temp-db';

const dirs: Array<{ cleanup: () => void }> = [];
const started: StartedRegister[] = [];
afterEach(async () => {
  for (const register of started.splice(0)) {
    await register.sync.stop();
    await register.devices.close();
    register.database.close();
  }
  for (const dir of dirs.splice(0)) dir.cleanup();
});

async function start(options: { openDevices?: boolean } = {}): Promise<StartedRegister> {
  const dir = tempDir();
  dirs.push(dir);
  const register = await startRegister({
    databasePath: join(dir.path, 'register.sqlite'),
    migrationsFolder,
    keySource: new StaticKeySource(Buffer.alloc(32, 9)),
    demo: true,
    startSync: false,
    ...options,
  });
  started.push(register);
  return register;
}

describe('startRegister', () => {
  it('opens the terminal’s devices and hands them to the core', async () => {
    const register = await start();
    expect(register.devices).toBeInstanceOf(DeviceManager);
    expect(register.devices.printer()).toBeInstanceOf(SimulatedPrinter);
    await register.core.send('session-sign-in', { staffId: 'staff-demo-manager', pin: '7316' });
    const health = await register.core.send('devices-health', {});
    expect(health.ok && health.value.items.map((i) => i.state)).toEqual(['simulated', 'simulated', 'not_configured', 'simulated']);
  });

  it('leaves the ports alone for support commands', async () => {
    const register = await start({ openDevices: false });
    expect(register.devices).toBe(noDevices);
  });
});
