import { describe, expect, it } from 'vitest';
import { SimulatedDrawer, SimulatedPrinter, SimulatedScanner } from '../../../../src/main/features/devices/simulated';
import type { ScanEvent } from '../../../../src/main/features/devices/scanner';
import { LICENCE } from '../../../shared/scan/licence-fixture';

const hex = (bytes: Uint8Array | undefined) => Buffer.from(bytes ?? []).toString('hex');

describe('simulated devices', () => {
  it('the printer records jobs and commands, and its drawer opens on a kick', async () => {
    const printer = new SimulatedPrinter();
    expect(await printer.print(Buffer.from('RECEIPT'))).toEqual({ paperLow: false });
    await printer.cut('full');
    expect(await printer.drawerStatus()).toBe('closed');
    await printer.kickDrawer(5);
    expect(await printer.drawerStatus()).toBe('open');
    expect(printer.jobs.map((j) => Buffer.from(j).toString())).toEqual(['RECEIPT']);
    expect(printer.sent.map(hex)).toEqual([Buffer.from('RECEIPT').toString('hex'), '1d5600', '1b700119fa']);
    expect(printer.drawer.kicks).toBe(1);
  });

  it('the printer rehearses paper out, cover open and an unplugged cable', async () => {
    const printer = new SimulatedPrinter();
    printer.paper = 'out';
    await expect(printer.print(Buffer.from('X'))).rejects.toMatchObject({ code: 'PRINTER_PAPER_OUT' });
    printer.paper = 'low';
    expect(await printer.print(Buffer.from('X'))).toEqual({ paperLow: true });
    printer.coverOpen = true;
    await expect(printer.print(Buffer.from('X'))).rejects.toMatchObject({ code: 'PRINTER_COVER_OPEN' });
    printer.coverOpen = false;
    printer.unplug();
    await expect(printer.kickDrawer()).rejects.toMatchObject({ code: 'PRINTER_DISCONNECTED' });
    printer.plugIn();
    expect((await printer.status()).online).toBe(true);
  });

  it('the drawer closes by itself after its delay, or when pushed shut', async () => {
    const drawer = new SimulatedDrawer({ autoCloseMs: 30 });
    const changes: string[] = [];
    drawer.onChange((s) => changes.push(s));
    await drawer.open();
    expect(await drawer.status()).toBe('open');
    await new Promise((r) => setTimeout(r, 80));
    expect(await drawer.status()).toBe('closed');

    const manual = new SimulatedDrawer();
    await manual.open();
    await new Promise((r) => setTimeout(r, 40));
    expect(await manual.status()).toBe('open');
    manual.shut();
    expect(await manual.status()).toBe('closed');
    expect(changes).toEqual(['open', 'closed']);
  });

  it('the scanner emits what it is told, classified like a real scan', () => {
    const scanner = new SimulatedScanner();
    const seen: ScanEvent[] = [];
    const off = scanner.onScan((s) => seen.push(s));
    scanner.scan('036000291452');
    scanner.scan(LICENCE);
    off();
    scanner.scan('not delivered');
    expect(seen.map((s) => [s.data, s.kind, s.source])).toEqual([
      ['036000291452', 'product', 'simulated'],
      [LICENCE, 'id', 'simulated'],
    ]);
  });
});
