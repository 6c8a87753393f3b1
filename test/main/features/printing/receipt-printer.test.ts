import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SerialPort } from 'serialport';
import { createCore, type Core } from '../../../../src/main/core/create-core';
import { DEMO_TERMINAL_ID } from '../../../../src/main/features/demo/seed';
import { ptyPair, type PtyPair } from '../../../support/pty';
import { approve, signIn } from '../../../support/session';
import { openTempDatabase, tempDir, testPiiKeys, type TempDatabase } from '../../../support/temp-db';

let database: TempDatabase;
let core: Core;
let pty: PtyPair;
let printer: SerialPort;
const received: Buffer[] = [];
const dir = tempDir();

beforeEach(async () => {
  database = openTempDatabase({ demo: true });
  core = createCore({ piiKeys: testPiiKeys, database });
  pty = await ptyPair(dir.path);
  // The test plays the printer on the other end of the pair.
  printer = new SerialPort({ path: pty.peer, baudRate: 9600 });
  printer.on('data', (chunk: Buffer) => received.push(chunk));
  await new Promise<void>((resolve, reject) => printer.once('open', resolve).once('error', reject));
  database.sqlite
    .prepare(
      "INSERT INTO device_configs (id, terminal_id, role, transport, path, options, enabled) VALUES ('printer-1', ?, 'receipt_printer', 'serial', ?, '{\"baudRate\":9600}', 1)",
    )
    .run(DEMO_TERMINAL_ID, pty.device);
  await signIn(core, 'budtender');
  await core.send('drawer-open', { count: { '2000': 5 } });
  await core.send('drawer-count', { count: { '2000': 5 } });
  await core.send('drawer-close', { approval: await approve(core, 'drawer-close', {}) });
});

afterEach(async () => {
  received.length = 0;
  if (printer.isOpen) await new Promise<void>((resolve) => printer.close(() => resolve()));
  await pty.close();
  database.dispose();
});

afterAll(() => dir.cleanup());

async function receivedText(until: (text: string) => boolean): Promise<string> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const text = Buffer.concat(received).toString('latin1');
    if (until(text) || Date.now() > deadline) return text;
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('printing the Z-report on a serial receipt printer (socat pseudo-terminal)', () => {
  it('sends the ESC/POS job, ending with the cut', async () => {
    expect(await core.send('report-z-print', {})).toEqual({ ok: true, value: { printer: pty.device } });
    const text = await receivedText((t) => t.includes('\u001dV\u0001'));
    expect(text.startsWith('\u001b@')).toBe(true);
    expect(text).toContain('Z-REPORT');
    expect(text).toContain('Expected in drawer');
    expect(text).toContain('$100.00');
    expect(text).toContain('\u001dV\u0001');
  });

  it('prints the store day for a manager', async () => {
    await signIn(core, 'manager');
    expect(await core.send('report-day-print', {})).toEqual({ ok: true, value: { printer: pty.device } });
    const text = await receivedText((t) => t.includes('\u001dV\u0001'));
    expect(text).toContain('STORE DAY');
    expect(text).toContain('Greentill Demo Dispensary');
  });

  it('says so when the printer is unplugged', async () => {
    await pty.close();
    expect(await core.send('report-z-print', {})).toMatchObject({
      ok: false,
      error: { code: 'PRINTER_UNAVAILABLE', message: expect.stringContaining('not answering') },
    });
  });

  it('says so when no printer is set up', async () => {
    database.sqlite.prepare('DELETE FROM device_configs').run();
    expect(await core.send('report-z-print', {})).toMatchObject({ ok: false, error: { code: 'NO_RECEIPT_PRINTER' } });
  });
});
