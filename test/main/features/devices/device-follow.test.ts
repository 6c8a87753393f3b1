import { describe, expect, it } from 'vitest';
import type { StoredDeviceConfig } from '../../../../src/main/features/devices/configs';
import { findMovedDevices } from '../../../../src/main/features/devices/device-follow';
import type { DiscoveredDevice } from '../../../../src/main/features/devices/discovery';

const EPSON = { vendorId: 0x04b8, productId: 0x0202 };

function config(id: string, role: StoredDeviceConfig['role'], path: string | null, more: Partial<StoredDeviceConfig> = {}): StoredDeviceConfig {
  return { id, role, transport: 'serial', path, vendorId: EPSON.vendorId, productId: EPSON.productId, options: {}, enabled: true, ...more };
}

function listed(path: string, more: Partial<DiscoveredDevice> = {}): DiscoveredDevice {
  return { kind: 'serial', path, ...EPSON, manufacturer: 'EPSON', product: null, serialNumber: null, scannerVendor: null, hidPos: false, ...more };
}

const noNodes = (): boolean => false;

describe('following a set-up device to another port', () => {
  it('follows a printer whose port is gone to the one device with its USB ids', () => {
    const found = findMovedDevices(
      [config('p', 'receipt_printer', '/dev/ttyUSB0')],
      'serial',
      [listed('/dev/ttyS0', { vendorId: null, productId: null }), listed('/dev/ttyUSB1')],
      noNodes,
    );
    expect(found).toEqual({ moves: [{ configId: 'p', role: 'receipt_printer', from: '/dev/ttyUSB0', to: '/dev/ttyUSB1' }], ambiguous: [] });
  });

  it('leaves a config alone while its port is listed, or exists as a stable name the OS does not list', () => {
    expect(
      findMovedDevices([config('p', 'receipt_printer', '/dev/ttyUSB0')], 'serial', [listed('/dev/ttyUSB0'), listed('/dev/ttyUSB1')], noNodes).moves,
    ).toEqual([]);
    const byId = '/dev/serial/by-id/usb-EPSON_TM-T20-if00';
    expect(findMovedDevices([config('p', 'receipt_printer', byId)], 'serial', [listed('/dev/ttyUSB1')], (path) => path === byId).moves).toEqual([]);
  });

  it('needs the same serial number when the config stored one', () => {
    const printer = config('p', 'receipt_printer', '/dev/ttyUSB0', { options: { usbSerialNumber: 'A1' } });
    expect(findMovedDevices([printer], 'serial', [listed('/dev/ttyUSB1', { serialNumber: 'B2' })], noNodes).moves).toEqual([]);
    expect(
      findMovedDevices([printer], 'serial', [listed('/dev/ttyUSB1', { serialNumber: 'B2' }), listed('/dev/ttyUSB2', { serialNumber: 'A1' })], noNodes).moves,
    ).toEqual([{ configId: 'p', role: 'receipt_printer', from: '/dev/ttyUSB0', to: '/dev/ttyUSB2' }]);
  });

  it('does not guess between two identical devices, and never takes another config’s port', () => {
    const two = findMovedDevices([config('p', 'receipt_printer', '/dev/ttyUSB0')], 'serial', [listed('/dev/ttyUSB1'), listed('/dev/ttyUSB2')], noNodes);
    expect(two).toEqual({
      moves: [],
      ambiguous: [{ configId: 'p', role: 'receipt_printer', from: '/dev/ttyUSB0', candidates: ['/dev/ttyUSB1', '/dev/ttyUSB2'] }],
    });
    const taken = findMovedDevices(
      [config('p', 'receipt_printer', '/dev/ttyUSB0'), config('d', 'cash_drawer', '/dev/ttyUSB1')],
      'serial',
      [listed('/dev/ttyUSB1')],
      noNodes,
    );
    expect(taken).toEqual({ moves: [], ambiguous: [] });
  });

  it('moves neither of two gone configs whose only candidate is the same device', () => {
    const found = findMovedDevices(
      [config('p', 'receipt_printer', '/dev/ttyUSB0'), config('s', 'barcode_scanner', '/dev/ttyUSB3')],
      'serial',
      [listed('/dev/ttyUSB1')],
      noNodes,
    );
    expect(found.moves).toEqual([]);
    expect(found.ambiguous.map((a) => [a.configId, a.candidates])).toEqual([
      ['p', ['/dev/ttyUSB1']],
      ['s', ['/dev/ttyUSB1']],
    ]);
  });

  it('follows HID scanners among HID devices only, and ignores configs without ids, disabled or drawer-on-printer ones', () => {
    const hid = config('h', 'barcode_scanner', '/dev/hidraw3', { transport: 'hid', vendorId: 0x05e0, productId: 0x1200 });
    const scannerHid = listed('/dev/hidraw4', { kind: 'hid', vendorId: 0x05e0, productId: 0x1200, hidPos: true });
    expect(findMovedDevices([hid], 'hid', [scannerHid], noNodes).moves).toEqual([
      { configId: 'h', role: 'barcode_scanner', from: '/dev/hidraw3', to: '/dev/hidraw4' },
    ]);
    expect(findMovedDevices([hid], 'serial', [listed('/dev/hidraw4', { vendorId: 0x05e0, productId: 0x1200 })], noNodes).moves).toEqual([]);
    const ignored = [
      config('a', 'receipt_printer', '/dev/ttyUSB0', { vendorId: null, productId: null }),
      config('b', 'receipt_printer', '/dev/ttyUSB0', { enabled: false }),
      config('c', 'cash_drawer', '/dev/ttyUSB0', { options: { attachedTo: 'receipt_printer' } }),
      config('d', 'receipt_printer', null),
      config('e', 'receipt_printer', null, { transport: 'simulated' }),
    ];
    expect(findMovedDevices(ignored, 'serial', [listed('/dev/ttyUSB1')], noNodes)).toEqual({ moves: [], ambiguous: [] });
  });
});
