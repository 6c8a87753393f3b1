import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isAppError } from '../../../../src/shared/errors';
import { SerialPrinter } from '../../../../src/main/features/devices/serial-printer';
import { ptyPair, type PtyPair } from '../../../support/pty';
import { tempDir } from '../../../support/temp-db';
import { FakeSerialDevice, statusRequestsIn } from './fake-serial-device';

const dir = tempDir();
let pty: PtyPair;
let device: FakeSerialDevice;
let printer: SerialPrinter;

beforeEach(async () => {
  pty = await ptyPair(dir.path);
  device = await FakeSerialDevice.open(pty.peer);
  printer = new SerialPrinter({ path: pty.device, statusTimeoutMs: 300, reconnectMs: 50 });
  expect(await printer.waitConnected(5_000)).toBe(true);
});

afterEach(async () => {
  await printer.close();
  await device.close();
  await pty.close();
});

afterAll(() => dir.cleanup());

async function errorOf(promise: Promise<unknown>): Promise<{ code: string; message: string }> {
  try {
    await promise;
  } catch (error) {
    if (isAppError(error)) return { code: error.code, message: error.message };
    throw error;
  }
  throw new Error('expected a failure');
}

describe('SerialPrinter over a socat pseudo-terminal', () => {
  it('asks paper (DLE EOT 4) and printer status (DLE EOT 1) before sending the job', async () => {
    const job = Buffer.from('\u001b@HELLO\n', 'latin1');
    expect(await printer.print(job)).toEqual({ paperLow: false });
    const received = await device.waitFor((b) => b.includes(job));
    expect(received.toString('hex')).toBe(`100404100401${job.toString('hex')}`);
  });

  it('sends the exact drawer kick and cut bytes', async () => {
    await printer.kickDrawer(2);
    await printer.kickDrawer(5);
    await printer.cut('full');
    await printer.cut();
    const received = await device.waitFor((b) => b.length >= 16);
    expect(received.toString('hex')).toBe('1b700019fa' + '1b700119fa' + '1d5600' + '1d5601');
  });

  it('refuses to print without paper, and says paper is low when it is', async () => {
    device.answers.set(4, 0x72); // bits 5 and 6: roll end
    expect(await errorOf(printer.print(Buffer.from('X')))).toMatchObject({ code: 'PRINTER_PAPER_OUT', message: expect.stringContaining('out of paper') });
    expect(statusRequestsIn(device.bytes())).toEqual([4]);
    expect(device.bytes().includes('X')).toBe(false);

    device.answers.set(4, 0x1e); // bits 2 and 3: near end
    expect(await printer.print(Buffer.from('Y'))).toEqual({ paperLow: true });
    await device.waitFor((b) => b.includes('Y'));
  });

  it('reports the cover open from the offline cause (DLE EOT 2)', async () => {
    device.answers.set(1, 0x1a); // offline
    device.answers.set(2, 0x16); // cover open
    expect(await errorOf(printer.print(Buffer.from('X')))).toMatchObject({ code: 'PRINTER_COVER_OPEN' });
    expect(statusRequestsIn(device.bytes())).toEqual([4, 1, 2]);
  });

  it('calls a silent printer offline', async () => {
    device.answers.set(4, null);
    expect(await errorOf(printer.print(Buffer.from('X')))).toMatchObject({ code: 'PRINTER_OFFLINE', message: expect.stringContaining('not answering') });
  });

  it('rejects a garbage status answer as a typed error', async () => {
    device.answers.set(4, 0xff);
    expect(await errorOf(printer.print(Buffer.from('X')))).toMatchObject({ code: 'PRINTER_STATUS_GARBLED' });
  });

  it('reads the drawer sensor with the configured open level', async () => {
    device.answers.set(1, 0x16); // sensor high
    expect(await printer.drawerStatus()).toBe('open');
    device.answers.set(1, 0x12);
    expect(await printer.drawerStatus()).toBe('closed');
    // Another drawer model: a low sensor means open. (The port is exclusive, so the first handle goes.)
    await printer.close();
    printer = new SerialPrinter({ path: pty.device, statusTimeoutMs: 300, drawerOpenWhen: 'low' });
    expect(await printer.waitConnected(5_000)).toBe(true);
    expect(await printer.drawerStatus()).toBe('open');
  });

  it('reports its full status', async () => {
    device.answers.set(1, 0x1e); // offline, drawer sensor high
    device.answers.set(2, 0x32); // paper end stop
    device.answers.set(4, 0x7e); // near end and end
    expect(await printer.status()).toEqual({ online: false, paper: 'out', coverOpen: false, error: false, drawer: 'open' });
  });

  it('fails a job cut short by an unplug, then prints again once plugged back in, without a restart', async () => {
    // The printer stops reading (its buffer is full), so the job is still being written when the cable goes.
    device.port.pause();
    const big = Buffer.alloc(2 * 1024 * 1024, 0x41);
    // Answer the status requests by hand while paused.
    const pending = printer.print(big);
    const answerWhilePaused = setInterval(() => device.port.write(Buffer.of(0x12)), 20);
    const outcome = errorOf(pending);
    await new Promise((r) => setTimeout(r, 400));
    clearInterval(answerWhilePaused);
    await device.close();
    await pty.close(); // unplugged
    expect(await outcome).toMatchObject({ code: 'PRINTER_DISCONNECTED', message: expect.stringContaining('cut short') });
    expect(printer.state).toBe('disconnected');
    expect(await errorOf(printer.kickDrawer())).toMatchObject({ code: 'PRINTER_DISCONNECTED' });

    pty = await ptyPair(dir.path); // plugged back in: same path, a new device behind it
    device = await FakeSerialDevice.open(pty.peer);
    expect(await printer.waitConnected(5_000)).toBe(true);
    expect(await printer.print(Buffer.from('AFTER'))).toEqual({ paperLow: false });
    const received = await device.waitFor((b) => b.includes('AFTER'));
    expect(received.toString('latin1')).toBe('\u0010\u0004\u0004\u0010\u0004\u0001AFTER');
  });
});
