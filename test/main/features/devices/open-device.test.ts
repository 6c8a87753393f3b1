import { EventEmitter } from 'node:events';
import { afterAll, describe, expect, it } from 'vitest';
import { openCashDrawer, openPrinter, openScanner, type DeviceConfig } from '../../../../src/main/features/devices/open-device';
import { HidScanner } from '../../../../src/main/features/devices/hid-scanner';
import { SerialPrinter } from '../../../../src/main/features/devices/serial-printer';
import { SerialScanner } from '../../../../src/main/features/devices/serial-scanner';
import { SerialDrawer } from '../../../../src/main/features/devices/serial-drawer';
import { SimulatedDrawer, SimulatedPrinter, SimulatedScanner } from '../../../../src/main/features/devices/simulated';
import { tempDir } from '../../../support/temp-db';

const dir = tempDir();
afterAll(() => dir.cleanup());

const config = (c: Partial<DeviceConfig> & Pick<DeviceConfig, 'role' | 'transport'>): DeviceConfig => ({ path: null, enabled: true, options: {}, ...c });

describe('opening configured devices', () => {
  it('a missing serial printer stays a disconnected serial printer, never a simulated one', async () => {
    const printer = openPrinter(config({ role: 'receipt_printer', transport: 'serial', path: `${dir.path}/ttyNothing`, options: { reconnectMs: 20 } }));
    try {
      expect(printer).toBeInstanceOf(SerialPrinter);
      await new Promise((r) => setTimeout(r, 60));
      expect(printer.state).toBe('disconnected');
      await expect(printer.print(Buffer.from('X'))).rejects.toMatchObject({ code: 'PRINTER_DISCONNECTED' });
    } finally {
      await printer.close();
    }
  });

  it('opens simulated devices only when the transport says simulated', async () => {
    expect(openPrinter(config({ role: 'receipt_printer', transport: 'simulated' }))).toBeInstanceOf(SimulatedPrinter);
    expect(openCashDrawer(config({ role: 'cash_drawer', transport: 'simulated' }), null)).toBeInstanceOf(SimulatedDrawer);
    expect(openScanner(config({ role: 'barcode_scanner', transport: 'simulated' }))).toBeInstanceOf(SimulatedScanner);
  });

  it('routes a drawer on the printer’s kick connector through the printer, on the configured pin', async () => {
    const printer = new SimulatedPrinter();
    const drawer = openCashDrawer(config({ role: 'cash_drawer', transport: 'serial', options: { attachedTo: 'receipt_printer', drawerPin: 5 } }), printer);
    await drawer.open();
    expect(await drawer.status()).toBe('open');
    expect(Buffer.from(printer.sent[0] ?? []).toString('hex')).toBe('1b700119fa');
    expect(() => openCashDrawer(config({ role: 'cash_drawer', transport: 'serial', options: { attachedTo: 'receipt_printer' } }), null)).toThrow(
      expect.objectContaining({ code: 'NO_RECEIPT_PRINTER' }),
    );
  });

  it('builds serial scanners, drawers and HID scanners from their options', async () => {
    const serial = openScanner(config({ role: 'id_scanner', transport: 'serial', path: `${dir.path}/ttyScanner`, options: { suffix: '0d 03' } }));
    const drawer = openCashDrawer(
      config({ role: 'cash_drawer', transport: 'serial', path: `${dir.path}/ttyDrawer`, options: { kickBytes: '07', sensorBit: 0 } }),
      null,
    );
    const fake = Object.assign(new EventEmitter(), { close: async () => undefined });
    const hid = openScanner(config({ role: 'id_scanner', transport: 'hid', vendorId: 0x05e0, productId: 0x1300 }), { openHid: async () => fake });
    try {
      expect(serial).toBeInstanceOf(SerialScanner);
      expect(drawer).toBeInstanceOf(SerialDrawer);
      expect(hid).toBeInstanceOf(HidScanner);
      expect((hid as HidScanner).target).toEqual({ vendorId: 0x05e0, productId: 0x1300 });
    } finally {
      await serial?.close();
      await drawer.close();
      await hid?.close();
    }
  });

  it('leaves a wedge scanner to the screen and refuses transports a role cannot use', () => {
    expect(openScanner(config({ role: 'barcode_scanner', transport: 'wedge' }))).toBeNull();
    expect(() => openPrinter(config({ role: 'receipt_printer', transport: 'wedge' }))).toThrow(
      expect.objectContaining({ code: 'DEVICE_TRANSPORT_UNSUPPORTED' }),
    );
    expect(() => openPrinter(config({ role: 'receipt_printer', transport: 'serial' }))).toThrow(expect.objectContaining({ code: 'DEVICE_CONFIG_INVALID' }));
    expect(() => openScanner(config({ role: 'id_scanner', transport: 'serial', path: '/dev/x', options: { suffix: 'CR' } }))).toThrow(
      expect.objectContaining({ code: 'DEVICE_CONFIG_INVALID', message: expect.stringContaining('"suffix"') }),
    );
    expect(() => openScanner(config({ role: 'id_scanner', transport: 'hid' }))).toThrow(expect.objectContaining({ code: 'DEVICE_CONFIG_INVALID' }));
  });
});
