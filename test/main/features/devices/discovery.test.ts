import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { HotplugWatcher, listHidDevices, listSerialPorts, type DiscoveredDevice } from '../../../../src/main/features/devices/discovery';
import { AppError } from '../../../../src/shared/errors';

const device = (path: string, kind: 'serial' | 'hid' = 'serial'): DiscoveredDevice => ({
  kind,
  path,
  vendorId: null,
  productId: null,
  manufacturer: null,
  product: null,
  serialNumber: null,
  scannerVendor: null,
  hidPos: false,
});

describe('device listing', () => {
  it('lists this machine’s serial ports with the real serialport binding (udev)', async () => {
    const ports = await listSerialPorts();
    expect(Array.isArray(ports)).toBe(true);
    for (const port of ports) expect(port).toMatchObject({ kind: 'serial', path: expect.any(String) });
  });

  it('lists this machine’s HID devices with node-hid', async () => {
    const devices = await listHidDevices();
    expect(Array.isArray(devices)).toBe(true);
  });

  it('marks known scanner makers and HID POS interfaces', async () => {
    const serial = await listSerialPorts(async () => [
      { path: '/dev/ttyACM0', vendorId: '05e0', productId: '1701', manufacturer: 'Symbol' },
      { path: '/dev/ttyUSB0', vendorId: '0403', productId: '6001' },
      { path: '/dev/ttyS0' },
    ]);
    expect(serial.map((d) => [d.path, d.vendorId, d.productId, d.scannerVendor])).toEqual([
      ['/dev/ttyACM0', 0x05e0, 0x1701, 'Zebra'],
      ['/dev/ttyUSB0', 0x0403, 0x6001, null],
      ['/dev/ttyS0', null, null, null],
    ]);
    const hid = await listHidDevices(async () => [
      { vendorId: 0x0c2e, productId: 0x0b87, path: '/dev/hidraw0', usagePage: 0x8c, product: 'Xenon' },
      { vendorId: 0x1eab, productId: 0x0001, path: '/dev/hidraw1', usagePage: 0x01 },
      { vendorId: 0x05f9, productId: 0x2206, path: '/dev/hidraw2', usagePage: 0x8c },
      { vendorId: 0x046d, productId: 0xc52b, path: '/dev/hidraw3', usagePage: 0x01 },
      { vendorId: 0x046d, productId: 0xc52b },
    ]);
    expect(hid.map((d) => [d.path, d.scannerVendor, d.hidPos])).toEqual([
      ['/dev/hidraw0', 'Honeywell', true],
      ['/dev/hidraw1', 'Newland', false],
      ['/dev/hidraw2', 'Datalogic', true],
      ['/dev/hidraw3', null, false],
    ]);
  });

  it('turns a failing lister into DEVICE_LIST_FAILED', async () => {
    await expect(listSerialPorts(() => Promise.reject(new Error('udevadm: not found')))).rejects.toMatchObject({ code: 'DEVICE_LIST_FAILED' });
  });
});

describe('HotplugWatcher', () => {
  it('reports added and removed devices against the first listing', async () => {
    const lists: DiscoveredDevice[][] = [[device('/dev/ttyS0')], [device('/dev/ttyS0'), device('/dev/hidraw0', 'hid')], [device('/dev/hidraw0', 'hid')]];
    let call = 0;
    const watcher = new HotplugWatcher(async () => lists[Math.min(call++, lists.length - 1)] ?? []);
    const seen: string[] = [];
    watcher.onChange((c) => seen.push(`+${c.added.map((d) => d.path).join(',')} -${c.removed.map((d) => d.path).join(',')}`));
    expect(await watcher.poll()).toEqual({ added: [], removed: [] });
    expect((await watcher.poll()).added.map((d) => d.path)).toEqual(['/dev/hidraw0']);
    expect((await watcher.poll()).removed.map((d) => d.path)).toEqual(['/dev/ttyS0']);
    expect(await watcher.poll()).toEqual({ added: [], removed: [] });
    expect(seen).toEqual(['+/dev/hidraw0 -', '+ -/dev/ttyS0']);
    expect(watcher.devices.map((d) => d.path)).toEqual(['/dev/hidraw0']);
  });

  it('does not take a failed listing for every device unplugged', async () => {
    let fail = false;
    const watcher = new HotplugWatcher(async () => {
      if (fail) throw new AppError('DEVICE_LIST_FAILED', 'could not list');
      return [device('/dev/ttyS0')];
    });
    const errors: string[] = [];
    const changes: unknown[] = [];
    watcher.onError((e) => errors.push(e.code));
    watcher.onChange((c) => changes.push(c));
    await watcher.poll();
    fail = true;
    expect(await watcher.poll()).toEqual({ added: [], removed: [] });
    fail = false;
    await watcher.poll();
    expect(errors).toEqual(['DEVICE_LIST_FAILED']);
    expect(changes).toEqual([]);
  });

  it('polls on its interval once started, and stops', async () => {
    let present = false;
    const watcher = new HotplugWatcher(async () => (present ? [device('/dev/ttyACM0')] : []), 10);
    const added = new Promise<string>((resolve) => watcher.onChange((c) => resolve(c.added[0]?.path ?? '')));
    watcher.start();
    await new Promise((r) => setTimeout(r, 30));
    present = true; // plugged in
    try {
      expect(await added).toBe('/dev/ttyACM0');
    } finally {
      watcher.stop();
    }
  });
});

describe('a missing system package', () => {
  it('is named in the listing error, so IT knows what to install', async () => {
    const noLibusb = () => Promise.reject(new Error('libusb-1.0.so.0: cannot open shared object file: No such file or directory'));
    await expect(listHidDevices(noLibusb)).rejects.toMatchObject({
      code: 'DEVICE_LIST_FAILED',
      message: expect.stringContaining('apt-get install libusb-1.0-0'),
    });
    const noUdev = () => Promise.reject(new Error('spawn udevadm ENOENT'));
    await expect(listSerialPorts(noUdev)).rejects.toMatchObject({ message: expect.stringContaining('apt-get install udev') });
  });

  it('fails the serial tests naming socat instead of skipping them', async () => {
    const { ptyPair } = await import('../../../support/pty');
    const dir = mkdtempSync(join(tmpdir(), 'greentill-nosocat-'));
    const path = process.env['PATH'];
    process.env['PATH'] = dir;
    try {
      await expect(ptyPair(dir)).rejects.toThrow('apt-get install socat');
    } finally {
      process.env['PATH'] = path;
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
