import { describe, expect, it } from 'vitest';
import {
  checkStatusByte,
  cutPaper,
  drawerState,
  parseErrorCause,
  parseOfflineCause,
  parsePaperStatus,
  parsePrinterStatus,
  statusRequest,
} from '../../../../src/main/features/devices/escpos-status';
import { drawerKick } from '../../../../src/main/features/devices/drawer-kick';

const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex');

describe('ESC/POS device commands', () => {
  it('builds the drawer kick ESC p m t1 t2 for pins 2 and 5', () => {
    expect(hex(drawerKick())).toBe('1b700019fa');
    expect(hex(drawerKick(5))).toBe('1b700119fa');
    expect(hex(drawerKick(2, { onMs: 100, offMs: 200 }))).toBe('1b70003264');
    // t2 below t1 is raised to t1, as printers would.
    expect(hex(drawerKick(2, { onMs: 100, offMs: 20 }))).toBe('1b70003232');
  });

  it('refuses a pulse printers cannot do', () => {
    expect(() => drawerKick(2, { onMs: 1, offMs: 500 })).toThrow(expect.objectContaining({ code: 'INVALID_INPUT' }));
    expect(() => drawerKick(2, { onMs: 50, offMs: 600 })).toThrow(expect.objectContaining({ code: 'INVALID_INPUT' }));
  });

  it('builds GS V cuts, with and without feed', () => {
    expect(hex(cutPaper('full'))).toBe('1d5600');
    expect(hex(cutPaper())).toBe('1d5601');
    expect(hex(cutPaper('full', 48))).toBe('1d564130');
    expect(hex(cutPaper('partial', 0))).toBe('1d564200');
    expect(() => cutPaper('full', 300)).toThrow(expect.objectContaining({ code: 'INVALID_INPUT' }));
  });

  it('builds DLE EOT n requests', () => {
    expect([1, 2, 3, 4].map((n) => hex(statusRequest(n as 1 | 2 | 3 | 4)))).toEqual(['100401', '100402', '100403', '100404']);
  });
});

describe('ESC/POS status answers', () => {
  it('reads an idle printer (0x12) as online, drawer sensor low', () => {
    expect(parsePrinterStatus(0x12)).toEqual({ drawerSensorHigh: false, offline: false, waitingForRecovery: false, feedButtonPressed: false });
  });

  it('reads the drawer sensor (bit 2) and offline (bit 3)', () => {
    expect(parsePrinterStatus(0x16)).toMatchObject({ drawerSensorHigh: true, offline: false });
    expect(parsePrinterStatus(0x1a)).toMatchObject({ drawerSensorHigh: false, offline: true });
    expect(parsePrinterStatus(0x72)).toMatchObject({ waitingForRecovery: true, feedButtonPressed: true });
  });

  it('turns the sensor level into open/closed by the drawer’s setting', () => {
    const high = parsePrinterStatus(0x16);
    const low = parsePrinterStatus(0x12);
    expect([drawerState(high, 'high'), drawerState(low, 'high')]).toEqual(['open', 'closed']);
    expect([drawerState(high, 'low'), drawerState(low, 'low')]).toEqual(['closed', 'open']);
  });

  it('reads the offline cause: cover (bit 2), feed button (bit 3), paper end (bit 5), error (bit 6)', () => {
    expect(parseOfflineCause(0x12)).toEqual({ coverOpen: false, feedButton: false, paperEndStop: false, error: false });
    expect(parseOfflineCause(0x16)).toMatchObject({ coverOpen: true });
    expect(parseOfflineCause(0x1a)).toMatchObject({ feedButton: true, coverOpen: false });
    expect(parseOfflineCause(0x32)).toMatchObject({ paperEndStop: true });
    expect(parseOfflineCause(0x52)).toMatchObject({ error: true, paperEndStop: false });
  });

  it('reads the error cause', () => {
    expect(parseErrorCause(0x1a)).toEqual({ cutter: true, unrecoverable: false, autoRecoverable: false });
    expect(parseErrorCause(0x52)).toMatchObject({ autoRecoverable: true });
  });

  it('reads the paper sensor: near end (bits 2/3), end (bits 5/6), either bit of a pair', () => {
    expect(parsePaperStatus(0x12)).toEqual({ nearEnd: false, out: false });
    expect(parsePaperStatus(0x1e)).toEqual({ nearEnd: true, out: false });
    expect(parsePaperStatus(0x16)).toEqual({ nearEnd: true, out: false });
    expect(parsePaperStatus(0x72)).toEqual({ nearEnd: false, out: true });
    expect(parsePaperStatus(0x32)).toEqual({ nearEnd: false, out: true });
    expect(parsePaperStatus(0x7e)).toEqual({ nearEnd: true, out: true });
  });

  it.each([
    ['bit 0 set', 0x13],
    ['bit 1 clear', 0x10],
    ['bit 4 clear', 0x02],
    ['bit 7 set', 0x92],
    ['all ones', 0xff],
    ['zero', 0x00],
    ['not a byte', 0x112],
  ])('rejects a garbage answer (%s) as PRINTER_STATUS_GARBLED', (_label, byte) => {
    expect(() => checkStatusByte(byte, 1)).toThrow(expect.objectContaining({ code: 'PRINTER_STATUS_GARBLED' }));
    expect(() => parsePaperStatus(byte)).toThrow(expect.objectContaining({ code: 'PRINTER_STATUS_GARBLED' }));
  });
});
