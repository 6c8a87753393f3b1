import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SerialDrawer } from '../../../../src/main/features/devices/serial-drawer';
import { isAppError } from '../../../../src/shared/errors';
import { ptyPair, type PtyPair } from '../../../support/pty';
import { tempDir } from '../../../support/temp-db';
import { FakeSerialDevice } from './fake-serial-device';

const dir = tempDir();
let pty: PtyPair;
let device: FakeSerialDevice;
let drawer: SerialDrawer | null = null;

beforeEach(async () => {
  pty = await ptyPair(dir.path);
  device = await FakeSerialDevice.open(pty.peer);
});

afterEach(async () => {
  await drawer?.close();
  drawer = null;
  await device.close();
  await pty.close();
});

afterAll(() => dir.cleanup());

async function connected(options: Omit<ConstructorParameters<typeof SerialDrawer>[0], 'path'>): Promise<SerialDrawer> {
  drawer = new SerialDrawer({ path: pty.device, reconnectMs: 50, ...options });
  expect(await drawer.waitConnected(5_000)).toBe(true);
  return drawer;
}

describe('SerialDrawer over a socat pseudo-terminal', () => {
  it('sends the default kick bytes and says "unknown" without a sensor query', async () => {
    const d = await connected({});
    await d.open();
    expect((await device.waitFor((b) => b.length >= 5)).toString('hex')).toBe('1b700019fa');
    expect(await d.status()).toBe('unknown');
  });

  it('sends configured kick bytes and reads the sensor with DLE EOT 1', async () => {
    const d = await connected({ kickBytes: Uint8Array.of(0x07), status: { openWhen: 'high', timeoutMs: 300 } });
    await d.open();
    device.answers.set(1, 0x16);
    expect(await d.status()).toBe('open');
    device.answers.set(1, 0x12);
    expect(await d.status()).toBe('closed');
    expect(device.bytes().toString('hex')).toBe('07' + '100401' + '100401');
  });

  it('says so when the drawer does not answer its status query, or answers garbage', async () => {
    const d = await connected({ status: { timeoutMs: 200 } });
    device.answers.set(1, null);
    await expect(d.status()).rejects.toMatchObject({ code: 'DRAWER_NOT_ANSWERING' });
    device.answers.set(1, 0xff);
    await expect(d.status()).rejects.toMatchObject({ code: 'PRINTER_STATUS_GARBLED' });
  });

  it('fails a kick while unplugged with a readable error, then works again after replugging', async () => {
    const d = await connected({});
    await device.close();
    await pty.close();
    const deadline = Date.now() + 5_000;
    while (d.state !== 'disconnected' && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
    const failure = await d.open().catch((error: unknown) => error);
    expect(isAppError(failure) && failure.code).toBe('DRAWER_DISCONNECTED');
    expect(isAppError(failure) && failure.message).toContain('key');

    pty = await ptyPair(dir.path);
    device = await FakeSerialDevice.open(pty.peer);
    expect(await d.waitConnected(5_000)).toBe(true);
    await d.open();
    expect((await device.waitFor((b) => b.length >= 5)).toString('hex')).toBe('1b700019fa');
  });
});
