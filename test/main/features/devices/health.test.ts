import { describe, expect, it } from 'vitest';
import { deviceHealth, probeDrawer, probePrinter, probeScanner, type DeviceConfigLike, type DeviceProbe } from '../../../../src/main/features/devices/health';
import { SimulatedDrawer, SimulatedPrinter, SimulatedScanner } from '../../../../src/main/features/devices/simulated';
import { AppError } from '../../../../src/shared/errors';
import type { PrinterDevice } from '../../../../src/main/features/devices/printer';

const seen = new Date('2026-01-02T03:04:05Z');

describe('deviceHealth', () => {
  it('gives every role a line: configured ones probed, the rest not configured', async () => {
    const configs: DeviceConfigLike[] = [
      { role: 'receipt_printer', transport: 'serial', path: '/dev/ttyUSB0', enabled: true },
      { role: 'id_scanner', transport: 'hid', path: null, vendorId: 0x05e0, productId: 0x1300, enabled: true },
      { role: 'barcode_scanner', transport: 'wedge', path: null, enabled: true },
      { role: 'cash_drawer', transport: 'serial', path: '/dev/ttyUSB1', enabled: false },
    ];
    const probes = new Map<string, DeviceProbe | null>([
      ['receipt_printer', { state: 'paper_out', lastSeenAt: seen }],
      ['id_scanner', null],
    ]);
    const health = await deviceHealth(configs, async (c) => probes.get(c.role) ?? null);
    expect(health.map((h) => [h.role, h.transport, h.path, h.state])).toEqual([
      ['receipt_printer', 'serial', '/dev/ttyUSB0', 'paper_out'],
      ['cash_drawer', null, null, 'not_configured'],
      ['id_scanner', 'hid', '05e0:1300', 'disconnected'],
      ['barcode_scanner', 'wedge', null, 'ready'],
    ]);
    expect(health[0]).toMatchObject({ message: 'The receipt printer is out of paper: load a new roll.', lastSeenAt: seen });
    expect(health[1]?.message).toBe('No cash drawer is set up for this register.');
    expect(health[3]?.message).toContain('cannot check it');
  });

  it('marks simulated devices as simulated without probing them, and survives a probe that throws', async () => {
    const configs: DeviceConfigLike[] = [
      { role: 'receipt_printer', transport: 'simulated', path: null, enabled: true },
      { role: 'cash_drawer', transport: 'serial', path: '/dev/ttyS1', enabled: true },
    ];
    let probed = 0;
    const health = await deviceHealth(configs, async () => {
      probed += 1;
      throw new AppError('DRAWER_NOT_ANSWERING', 'The cash drawer does not answer.');
    });
    expect(probed).toBe(1);
    expect(health.slice(0, 2).map((h) => [h.state, h.message])).toEqual([
      ['simulated', 'The receipt printer is simulated: nothing real is printed, opened or scanned.'],
      ['offline', 'The cash drawer does not answer.'],
    ]);
  });
});

describe('probes', () => {
  it('reads a printer’s paper, cover and cable', async () => {
    const printer = new SimulatedPrinter();
    expect(await probePrinter(printer)).toMatchObject({ state: 'ready' });
    printer.paper = 'low';
    expect(await probePrinter(printer)).toMatchObject({ state: 'ready', message: expect.stringContaining('running low') });
    printer.paper = 'out';
    expect(await probePrinter(printer)).toMatchObject({ state: 'paper_out' });
    printer.paper = 'ok';
    printer.coverOpen = true;
    expect(await probePrinter(printer)).toMatchObject({ state: 'offline', message: expect.stringContaining('cover is open') });
    printer.unplug();
    expect(await probePrinter(printer)).toMatchObject({ state: 'disconnected' });
  });

  it('turns a printer that does not answer into offline with its message', async () => {
    const silent = {
      state: 'connected',
      lastSeenAt: seen,
      status: () => Promise.reject(new AppError('PRINTER_OFFLINE', 'The receipt printer is not answering.')),
    } as unknown as PrinterDevice;
    expect(await probePrinter(silent)).toEqual({ state: 'offline', lastSeenAt: seen, message: 'The receipt printer is not answering.' });
  });

  it('reports scanners and drawers by their connection', async () => {
    expect(await probeScanner(new SimulatedScanner())).toMatchObject({ state: 'ready' });
    const drawer = new SimulatedDrawer();
    expect(await probeDrawer(drawer)).toMatchObject({ state: 'ready' });
    await drawer.open();
    expect(await probeDrawer(drawer)).toMatchObject({ state: 'ready', message: expect.stringContaining('open now') });
  });
});
