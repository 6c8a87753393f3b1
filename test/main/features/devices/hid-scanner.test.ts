import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { HidScanner, type HidDeviceHandle, type HidTarget } from '../../../../src/main/features/devices/hid-scanner';
import type { AppError } from '../../../../src/shared/errors';
import type { ConnectionEvent, ScanEvent } from '../../../../src/main/features/devices/scanner';
import { LICENCE } from '../../../shared/scan/licence-fixture';
import { hidReport, hidReports } from './hid-reports';

/** Stands in for node-hid's HIDAsync: the test pushes reports and pulls the plug. */
class FakeHidDevice extends EventEmitter implements HidDeviceHandle {
  closed = false;
  async close(): Promise<void> {
    this.closed = true;
  }
  report(bytes: Uint8Array): void {
    this.emit('data', Buffer.from(bytes));
  }
}

async function until(condition: () => boolean, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 5));
  }
}

function harness() {
  const opened: FakeHidDevice[] = [];
  const targets: HidTarget[] = [];
  let plugged = true;
  const scanner = new HidScanner({
    target: { vendorId: 0x05e0, productId: 0x1300 },
    reconnectMs: 20,
    openDevice: async (target) => {
      targets.push(target);
      if (!plugged) throw new Error('could not open HID device');
      const device = new FakeHidDevice();
      opened.push(device);
      return device;
    },
  });
  const scans: ScanEvent[] = [];
  const dropped: AppError[] = [];
  const statuses: ConnectionEvent[] = [];
  scanner.onScan((s) => scans.push(s));
  scanner.onDropped((e) => dropped.push(e));
  scanner.onStatus((e) => statuses.push(e));
  return {
    scanner,
    opened,
    targets,
    scans,
    dropped,
    statuses,
    setPlugged: (value: boolean) => {
      plugged = value;
    },
  };
}

describe('HidScanner (fake node-hid device)', () => {
  it('delivers a multi-report licence as one ID scan, and a product scan as a product', async () => {
    const h = harness();
    try {
      expect(await h.scanner.waitConnected(1_000)).toBe(true);
      expect(h.targets[0]).toEqual({ vendorId: 0x05e0, productId: 0x1300 });
      const device = h.opened[0];
      for (const report of hidReports(LICENCE)) device?.report(report);
      device?.report(hidReport('036000291452', { symbology: ']E0' }));
      expect(h.scans.map((s) => [s.data, s.kind, s.source, s.symbology])).toEqual([
        [LICENCE, 'id', 'hid', ']L0'],
        ['036000291452', 'product', 'hid', ']E0'],
      ]);
    } finally {
      await h.scanner.close();
    }
  });

  it('turns a garbled report into a dropped event, never a throw out of the data handler', async () => {
    const h = harness();
    try {
      await h.scanner.waitConnected(1_000);
      const device = h.opened[0];
      expect(() => device?.report(hidReport('oops', { length: 99 }))).not.toThrow();
      expect(h.dropped.map((e) => e.code)).toEqual(['HID_REPORT_GARBLED']);
      device?.report(hidReport('036000291452'));
      expect(h.scans.map((s) => s.data)).toEqual(['036000291452']);
    } finally {
      await h.scanner.close();
    }
  });

  it('reconnects after an unplug (read error) once the device is back', async () => {
    const h = harness();
    try {
      await h.scanner.waitConnected(1_000);
      h.setPlugged(false);
      h.opened[0]?.emit('error', new Error('could not read from HID device'));
      await until(() => h.scanner.state === 'disconnected');
      expect(h.opened[0]?.closed).toBe(true);
      await until(() => h.targets.length >= 3); // it keeps trying while unplugged
      h.setPlugged(true);
      await until(() => h.scanner.state === 'connected');
      h.opened[1]?.report(hidReport('036000291452'));
      expect(h.scans.map((s) => s.data)).toEqual(['036000291452']);
      expect(h.statuses.map((s) => s.state)).toEqual(['connected', 'disconnected', 'connected']);
    } finally {
      await h.scanner.close();
    }
  });
});

describe('node-hid', () => {
  it('loads its native module (libusb) and lists devices', async () => {
    const hid = await import('node-hid');
    const devices = await hid.devicesAsync();
    expect(Array.isArray(devices)).toBe(true);
    expect(Array.isArray(hid.devices())).toBe(true);
    expect(typeof hid.getHidapiVersion()).toBe('string');
  });
});
