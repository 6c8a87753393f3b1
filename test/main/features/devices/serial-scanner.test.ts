import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AppError } from '../../../../src/shared/errors';
import { parseAamva } from '../../../../src/shared/id/aamva';
import type { ConnectionEvent, ScanEvent } from '../../../../src/main/features/devices/scanner';
import { SerialScanner } from '../../../../src/main/features/devices/serial-scanner';
import type { ScanFraming } from '../../../../src/main/features/devices/scan-framer';
import { ptyPair, type PtyPair } from '../../../support/pty';
import { tempDir } from '../../../support/temp-db';
import { LICENCE, licenceChunks } from '../../../shared/scan/licence-fixture';
import { FakeSerialDevice } from './fake-serial-device';

const dir = tempDir();
let pty: PtyPair;
let device: FakeSerialDevice;
let scanner: SerialScanner | null = null;
let scans: ScanEvent[] = [];
let dropped: AppError[] = [];
let statuses: ConnectionEvent[] = [];

beforeEach(async () => {
  scans = [];
  dropped = [];
  statuses = [];
  pty = await ptyPair(dir.path);
  device = await FakeSerialDevice.open(pty.peer);
});

afterEach(async () => {
  await scanner?.close();
  scanner = null;
  await device.close();
  await pty.close();
});

afterAll(() => dir.cleanup());

async function open(framing: ScanFraming): Promise<SerialScanner> {
  const opened = new SerialScanner({ path: pty.device, framing, reconnectMs: 50 });
  scanner = opened;
  opened.onScan((scan) => scans.push(scan));
  opened.onDropped((error) => dropped.push(error));
  opened.onStatus((event) => statuses.push(event));
  expect(await opened.waitConnected(5_000)).toBe(true);
  return opened;
}

async function until(condition: () => boolean, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 10));
  }
}

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('SerialScanner over a socat pseudo-terminal', () => {
  it('splits product scans at a CR suffix, even two in one chunk', async () => {
    await open({ kind: 'suffix', suffix: Uint8Array.of(0x0d) });
    await device.write('036000291452\r1A4060300002EE1000012345\r');
    await until(() => scans.length === 2);
    expect(scans.map((s) => [s.data, s.kind, s.source])).toEqual([
      ['036000291452', 'product', 'serial'],
      ['1A4060300002EE1000012345', 'product', 'serial'],
    ]);
  });

  it('keeps a licence whole with a custom suffix (ETX) although it has CR and LF inside and arrives in chunks', async () => {
    await open({ kind: 'suffix', suffix: Uint8Array.of(0x03) });
    for (const chunk of licenceChunks()) {
      await device.write(chunk);
      await pause(5);
    }
    await device.write('\u0003');
    await until(() => scans.length === 1);
    expect(scans[0]?.data).toBe(LICENCE);
    expect(scans[0]?.kind).toBe('id');
    expect(parseAamva(scans[0]?.data ?? '')).toMatchObject({ ok: true, value: { idNumber: 'D1234567', familyName: 'RIVERA' } });
  });

  it('frames by quiet time: a chunked licence is one scan, the next barcode after a pause another', async () => {
    await open({ kind: 'quiet', quietMs: 100 });
    for (const chunk of licenceChunks()) {
      await device.write(chunk);
      await pause(5);
    }
    await until(() => scans.length === 1);
    await device.write('036000291452');
    await until(() => scans.length === 2);
    expect(scans.map((s) => [s.data, s.kind])).toEqual([
      [LICENCE, 'id'],
      ['036000291452', 'product'],
    ]);
  });

  it('drops a scan that never got its suffix, with a reason, and carries on', async () => {
    await open({ kind: 'suffix', suffix: Uint8Array.of(0x0d), staleMs: 100 });
    await device.write('03600029');
    await until(() => dropped.length === 1);
    expect(dropped[0]?.code).toBe('SCAN_INCOMPLETE');
    await device.write('036000291452\r');
    await until(() => scans.length === 1);
    expect(scans[0]?.data).toBe('036000291452');
  });

  it('notices the scanner unplugged, reconnects when it is back and delivers scans again', async () => {
    await open({ kind: 'suffix', suffix: Uint8Array.of(0x0d) });
    await device.write('036000291452\r');
    await until(() => scans.length === 1);

    // Unplugged half-way through a scan: the half must not be glued to the next scan.
    await device.write('0360');
    await pause(50);
    await device.close();
    await pty.close();
    await until(() => scanner?.state === 'disconnected');

    pty = await ptyPair(dir.path);
    device = await FakeSerialDevice.open(pty.peer);
    await until(() => scanner?.state === 'connected');
    await device.write('1A4060300002EE1000012345\r');
    await until(() => scans.length === 2);
    expect(scans[1]?.data).toBe('1A4060300002EE1000012345');
    expect(statuses.map((s) => s.state)).toEqual(['connected', 'disconnected', 'connected']);
  });
});
