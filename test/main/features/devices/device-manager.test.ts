import { join } from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../../../src/main/core/create-core';
import { DEMO_TERMINAL_ID, demoPackageTag, demoUpc } from '../../../../src/main/features/demo/seed';
import { DeviceManager } from '../../../../src/main/features/devices/device-manager';
import { HotplugWatcher, type DiscoveredDevice } from '../../../../src/main/features/devices/discovery';
import { SerialPrinter } from '../../../../src/main/features/devices/serial-printer';
import { SimulatedDrawer, SimulatedPrinter, SimulatedScanner } from '../../../../src/main/features/devices/simulated';
import { ptyPair, type PtyPair } from '../../../support/pty';
import { checkInSaved } from '../../../support/check-in';
import { signIn } from '../../../support/session';
import { openTempDatabase, tempDir, testPiiKeys, type TempDatabase } from '../../../support/temp-db';
import { FakeSerialDevice } from './fake-serial-device';
import { value } from '../../../support/result';

const LICENCE = '@\n\u001e\rANSI 636014100001DL00410279DLDCSRIVERA\nDACJORDAN\nDBB04121990\nDBA04122029\nDAQD1234567\nDCGUSA\r';
const KICK = '1b700019fa';

let database: TempDatabase;
let manager: DeviceManager | null = null;

/** A cart with one item and a known adult, ready to pay. */
async function readyCart(core: Core): Promise<string> {
  const cart = value(await core.send('cart-open', {}));
  value(await core.send('cart-scan', { cartId: cart.cartId, code: demoPackageTag(2) }));
  await checkInSaved(core, database, cart.cartId, 'customer-demo-adult');
  return cart.cartId;
}

/** Paid exactly by card: no cash, so no reason to open the drawer. */
async function byCard(core: Core, cartId: string): Promise<Array<{ tender: 'card'; amountCents: number; reference: string }>> {
  const cart = value(await core.send('cart-get', { cartId }));
  return [{ tender: 'card', amountCents: cart.totals?.totalCents ?? 0, reference: 'A1' }];
}

const audits = (action: string): number => (database.sqlite.prepare('SELECT count(*) AS n FROM audit_log WHERE action = ?').get(action) as { n: number }).n;

beforeEach(() => {
  database = openTempDatabase({ demo: true });
});

afterEach(async () => {
  await manager?.close();
  manager = null;
  database.dispose();
});

describe('DeviceManager with the demo store’s simulated devices', () => {
  it('opens what the configs say, simulated only because they say simulated', async () => {
    manager = DeviceManager.start({ db: database.db, terminalId: DEMO_TERMINAL_ID });
    expect(manager.printer()).toBeInstanceOf(SimulatedPrinter);
    expect(manager.drawer()).toBeInstanceOf(SimulatedDrawer);
    expect(manager.device('barcode_scanner')).toBeInstanceOf(SimulatedScanner);
    expect(manager.device('id_scanner')).toBeNull();
    const health = await manager.health();
    expect(health.map((h) => [h.role, h.state])).toEqual([
      ['receipt_printer', 'simulated'],
      ['cash_drawer', 'simulated'],
      ['id_scanner', 'not_configured'],
      ['barcode_scanner', 'simulated'],
    ]);
  });

  it('kicks the drawer and prints on the kept-open printer', async () => {
    manager = DeviceManager.start({ db: database.db, terminalId: DEMO_TERMINAL_ID });
    expect(await manager.kickDrawer('no_sale')).toEqual({ kicked: true, warning: null });
    expect((manager.drawer() as SimulatedDrawer).kicks).toBe(1);
    expect(await manager.print(Buffer.from('hello'))).toEqual({ printer: 'the simulated receipt printer', paperLow: false });
    expect((manager.printer() as SimulatedPrinter).jobs).toHaveLength(1);
  });

  it('reports a device whose setting cannot be opened, and warns instead of kicking it', async () => {
    database.sqlite
      .prepare("UPDATE device_configs SET transport = 'serial', path = NULL, options = '{\"attachedTo\":\"receipt_printer\"}' WHERE role = 'cash_drawer'")
      .run();
    database.sqlite.prepare("UPDATE device_configs SET enabled = 0 WHERE role = 'receipt_printer'").run();
    manager = DeviceManager.start({ db: database.db, terminalId: DEMO_TERMINAL_ID });
    expect(manager.drawer()).toBeNull();
    const kick = await manager.kickDrawer('cash_sale');
    expect(kick.kicked).toBe(false);
    expect(kick.warning).toMatch(/^The cash drawer did not open: .*no receipt printer is set up/);
    const drawer = (await manager.health()).find((h) => h.role === 'cash_drawer');
    expect(drawer).toMatchObject({ state: 'offline', message: expect.stringContaining('no receipt printer is set up') });
  });

  it('reloads after a config change and closes everything on close', async () => {
    manager = DeviceManager.start({ db: database.db, terminalId: DEMO_TERMINAL_ID });
    const before = manager.printer();
    database.sqlite.prepare("UPDATE device_configs SET enabled = 0 WHERE role = 'receipt_printer'").run();
    await manager.reload();
    expect(manager.printer()).toBeNull();
    expect(before).not.toBeNull();
    await manager.close();
    expect(manager.drawer()).toBeNull();
    expect(await manager.nextScan(undefined, 1_000)).toEqual({ cursor: 0, scan: null });
  });
});

describe('the register with the device manager (simulated)', () => {
  let core: Core;
  beforeEach(async () => {
    manager = DeviceManager.start({ db: database.db, terminalId: DEMO_TERMINAL_ID });
    core = createCore({ piiKeys: testPiiKeys, database, devices: manager });
    await signIn(core, 'manager');
    value(await core.send('drawer-open', { count: { '2000': 5 } }));
  });

  it('opens the drawer for a cash sale, not for a card-only one', async () => {
    const drawer = manager?.drawer() as SimulatedDrawer;
    const cash = value(await core.send('sale-complete', { cartId: await readyCart(core), tenders: [{ tender: 'cash', tenderedCents: 10_000 }] }));
    expect(cash.drawerWarning).toBeUndefined();
    expect(drawer.kicks).toBe(1);
    const cartId = await readyCart(core);
    value(await core.send('sale-complete', { cartId, tenders: await byCard(core, cartId) }));
    expect(drawer.kicks).toBe(1);
  });

  it('opens the drawer when a void or return gives cash back, not when the refund goes to a card', async () => {
    const drawer = manager?.drawer() as SimulatedDrawer;
    const cashSale = value(await core.send('sale-complete', { cartId: await readyCart(core), tenders: [{ tender: 'cash', tenderedCents: 10_000 }] }));
    const cardCart = await readyCart(core);
    const cardSale = value(await core.send('sale-complete', { cartId: cardCart, tenders: await byCard(core, cardCart) }));
    expect(drawer.kicks).toBe(1);
    value(await core.send('sale-void', { saleId: cardSale.saleId, reason: 'Wrong product' }));
    expect(drawer.kicks).toBe(1);
    const line = value(await core.send('sale-find', { saleNumber: cashSale.saleNumber })).lines[0];
    const returned = value(
      await core.send('sale-return', {
        saleId: cashSale.saleId,
        lines: [{ saleLineId: line?.saleLineId ?? '', quantity: 1 }],
        reason: 'Damaged',
        disposition: 'quarantine',
      }),
    );
    expect(returned.drawerWarning).toBeUndefined();
    expect(drawer.kicks).toBe(2);
  });

  it('opens the drawer for a drop to the safe and for a paid-in or paid-out, after recording each', async () => {
    const drawer = manager?.drawer() as SimulatedDrawer;
    const movements = () =>
      (
        database.sqlite.prepare("SELECT kind FROM drawer_movements WHERE kind IN ('drop', 'paid_in', 'paid_out') ORDER BY rowid").all() as { kind: string }[]
      ).map((m) => m.kind);
    expect(value(await core.send('drawer-drop', { amountCents: 5_000, reason: 'Over the drawer limit' })).drawerWarning).toBeUndefined();
    expect(drawer.kicks).toBe(1);
    value(await core.send('drawer-paid', { direction: 'out', amountCents: 1_200, reason: 'Window cleaner' }));
    value(await core.send('drawer-paid', { direction: 'in', amountCents: 2_000, reason: 'Change from the safe' }));
    expect(drawer.kicks).toBe(3);
    expect(movements()).toEqual(['drop', 'paid_out', 'paid_in']);
    // A refused movement records nothing and opens nothing.
    expect((await core.send('drawer-drop', { amountCents: -5, reason: 'x' })).ok).toBe(false);
    expect(drawer.kicks).toBe(3);
  });

  it('prints the receipt on the managed printer, with its errors in plain words', async () => {
    const sale = value(await core.send('sale-complete', { cartId: await readyCart(core), tenders: [{ tender: 'cash', tenderedCents: 10_000 }] }));
    expect(await core.send('sale-receipt-print', { saleId: sale.saleId })).toEqual({ ok: true, value: { printer: 'the simulated receipt printer' } });
    const printer = manager?.printer() as SimulatedPrinter;
    expect(Buffer.from(printer.jobs[0] ?? []).toString('latin1')).toContain(sale.saleNumber);
    printer.paper = 'low';
    expect(await core.send('sale-receipt-print', { saleId: sale.saleId })).toMatchObject({
      ok: true,
      value: { warning: expect.stringContaining('running low') },
    });
    printer.paper = 'out';
    expect(await core.send('sale-receipt-print', { saleId: sale.saleId })).toEqual({
      ok: false,
      error: { code: 'PRINTER_PAPER_OUT', message: 'The receipt printer is out of paper: load a new roll, then print again.' },
    });
  });

  it('scanner-next hands a simulated scan to the poller, classified, and times out cleanly', async () => {
    const scanner = manager?.device('barcode_scanner') as SimulatedScanner;
    const waiting = core.send('scanner-next', { waitMs: 5_000 });
    await new Promise((r) => setTimeout(r, 30));
    scanner.scan(demoUpc(0));
    const product = value(await waiting);
    expect(product).toMatchObject({ data: demoUpc(0), kind: 'product', source: 'simulated', cursor: 1 });

    // A scan made between two polls is not lost: the cursor picks it up.
    scanner.scan(LICENCE);
    const id = value(await core.send('scanner-next', { after: 1, waitMs: 1_000 }));
    expect(id).toMatchObject({ data: LICENCE, kind: 'id', cursor: 2 });

    const started = Date.now();
    expect(await core.send('scanner-next', { after: 2, waitMs: 150 })).toEqual({ ok: true, value: { timeout: true, cursor: 2 } });
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
    // No wait longer than an HTTP client keeps a request open.
    expect(await core.invoke('scanner-next', { waitMs: 30_000 })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT', message: 'waitMs: Too big: expected number to be <=25000' },
    });
  });

  it('saves a device config (audited), reopens the devices, and refuses bad input readably', async () => {
    const bad: Array<[unknown, string]> = [
      [{ role: 'receipt_printer', transport: 'serial' }, 'path: A receipt printer on a serial port needs its port, e.g. /dev/ttyUSB0 or COM3'],
      [{ role: 'receipt_printer', transport: 'serial', path: 'printer please' }, 'path: "printer please" is not a serial port'],
      [{ role: 'receipt_printer', transport: 'hid', path: '/dev/hidraw0' }, 'transport: A receipt printer cannot be driven over hid: use serial or simulated'],
      [{ role: 'fax_machine', transport: 'serial', path: '/dev/ttyS0' }, 'role: '],
      [{ role: 'barcode_scanner', transport: 'serial', path: '/dev/ttyACM0', options: { suffix: 'CR' } }, 'options.suffix: Write bytes as hex pairs'],
      [{ role: 'barcode_scanner', transport: 'serial', path: '/dev/ttyACM0', options: { baudRate: 12345 } }, 'options.baudRate: Use a standard baud rate'],
      [{ role: 'barcode_scanner', transport: 'serial', path: '/dev/ttyACM0', options: { evil: true } }, 'options: '],
      [{ role: 'id_scanner', transport: 'hid' }, 'path: A HID scanner needs its device path, or both its USB vendor and product id'],
      [{ role: 'id_scanner', transport: 'simulated', path: '/dev/ttyS0' }, 'path: A simulated device has no port'],
      [{ role: 'cash_drawer', transport: 'serial', path: '/dev/tty\u0007' }, 'path: The port must not contain control characters'],
    ];
    for (const [payload, message] of bad) {
      const result = await core.invoke('devices-save-config', payload);
      expect({ payload, result }).toMatchObject({
        payload,
        result: { ok: false, error: { code: 'INVALID_INPUT', message: expect.stringContaining(message) } },
      });
    }
    expect(audits('device.add')).toBe(0);

    const saved = value(await core.send('devices-save-config', { role: 'id_scanner', transport: 'simulated' }));
    expect(saved.replaced).toEqual([]);
    expect(audits('device.add')).toBe(1);
    expect(manager?.device('id_scanner')).toBeInstanceOf(SimulatedScanner);

    // A second receipt printer replaces the first (a terminal has one).
    const printer = value(await core.send('devices-save-config', { role: 'receipt_printer', transport: 'simulated', options: { statusTimeoutMs: 500 } }));
    expect(printer.replaced).toEqual(['device-demo-receipt-printer']);
    const configs = value(await core.send('devices-list-configs', {})).items;
    const printers = configs.filter((c) => c.role === 'receipt_printer').map((c) => [c.id, c.enabled]);
    expect(printers).toHaveLength(2);
    expect(printers).toEqual(
      expect.arrayContaining([
        ['device-demo-receipt-printer', false],
        [printer.id, true],
      ]),
    );

    await signIn(core, 'budtender');
    expect(await core.send('devices-save-config', { role: 'id_scanner', transport: 'simulated' })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect((await core.send('devices-health', {})).ok).toBe(true);
  });

  it('lists attached devices for the setup screen', async () => {
    const found = value(await core.send('devices-discover', {}));
    expect(Array.isArray(found.items)).toBe(true);
    expect(Array.isArray(found.problems)).toBe(true);
  });
});

describe('real serial hardware through a socat pseudo-terminal', () => {
  const dir = tempDir();
  let pty: PtyPair;
  let device: FakeSerialDevice;
  let core: Core;
  afterAll(() => dir.cleanup());

  beforeEach(async () => {
    pty = await ptyPair(dir.path);
    device = await FakeSerialDevice.open(pty.peer);
    // The usual wiring: a serial ESC/POS printer with the drawer on its kick connector.
    database.sqlite
      .prepare(
        "UPDATE device_configs SET transport = 'serial', path = ?, options = '{\"reconnectMs\":50,\"statusTimeoutMs\":300}' WHERE role = 'receipt_printer'",
      )
      .run(pty.device);
    database.sqlite
      .prepare("UPDATE device_configs SET transport = 'serial', options = '{\"attachedTo\":\"receipt_printer\"}' WHERE role = 'cash_drawer'")
      .run();
    manager = DeviceManager.start({ db: database.db, terminalId: DEMO_TERMINAL_ID, kickTimeoutMs: 2_000 });
    const printer = manager.printer();
    expect(printer).toBeInstanceOf(SerialPrinter);
    expect(await (printer as SerialPrinter).waitConnected(5_000)).toBe(true);
    core = createCore({ piiKeys: testPiiKeys, database, devices: manager });
    await signIn(core, 'manager');
    value(await core.send('drawer-open', { count: { '2000': 5 } }));
  });

  afterEach(async () => {
    await manager?.close();
    manager = null;
    await device.close();
    await pty.close();
  });

  it('a cash sale fires the drawer: exactly 1b 70 00 19 fa reaches the printer', async () => {
    const sale = value(await core.send('sale-complete', { cartId: await readyCart(core), tenders: [{ tender: 'cash', tenderedCents: 10_000 }] }));
    expect(sale.drawerWarning).toBeUndefined();
    expect((await device.waitFor((b) => b.length >= 5)).toString('hex')).toBe(KICK);
  });

  it('a no-sale fires the drawer and is audited', async () => {
    const result = value(await core.send('drawer-no-sale', { reason: 'Change for the safe' }));
    expect(result.drawerWarning).toBeUndefined();
    expect((await device.waitFor((b) => b.length >= 5)).toString('hex')).toBe(KICK);
    expect(audits('drawer.no_sale')).toBe(1);
  });

  it('prints a receipt after asking the printer its status', async () => {
    const cartId = await readyCart(core);
    const sale = value(await core.send('sale-complete', { cartId, tenders: await byCard(core, cartId) }));
    expect(await core.send('sale-receipt-print', { saleId: sale.saleId })).toEqual({ ok: true, value: { printer: pty.device } });
    const bytes = await device.waitFor((b) => b.toString('latin1').includes('\u001dV'));
    expect(bytes.subarray(0, 6).toString('hex')).toBe('100404' + '100401');
    expect(bytes.toString('latin1')).toContain(sale.saleNumber);
  });

  it('unplugged: health says disconnected, a cash sale still completes with a warning, and printing says what to do', async () => {
    await device.close();
    await pty.close();
    const deadline = Date.now() + 5_000;
    while (manager?.printer()?.state !== 'disconnected' && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));

    const health = value(await core.send('devices-health', {})).items;
    expect(health.find((h) => h.role === 'receipt_printer')).toMatchObject({
      state: 'disconnected',
      path: pty.device,
      message: expect.stringContaining('unplugged or switched off'),
    });
    expect(health.find((h) => h.role === 'cash_drawer')).toMatchObject({ state: 'disconnected' });

    const salesBefore = (database.sqlite.prepare('SELECT count(*) AS n FROM sales').get() as { n: number }).n;
    const sale = value(await core.send('sale-complete', { cartId: await readyCart(core), tenders: [{ tender: 'cash', tenderedCents: 10_000 }] }));
    expect(sale.drawerWarning).toMatch(/^The cash drawer did not open: The receipt printer at .* is unplugged or switched off/);
    expect(database.sqlite.prepare('SELECT count(*) AS n FROM sales').get()).toEqual({ n: salesBefore + 1 });

    expect(await core.send('sale-receipt-print', { saleId: sale.saleId })).toMatchObject({
      ok: false,
      error: { code: 'PRINTER_DISCONNECTED', message: expect.stringContaining('plug it in and switch it on') },
    });
  });
});

describe('a set-up USB serial printer that comes back at another port (real pseudo-terminal)', () => {
  const dir = tempDir();
  let pty: PtyPair;
  let device: FakeSerialDevice;
  let listing: DiscoveredDevice[];
  afterAll(() => dir.cleanup());

  const pluggedAt = (path: string): DiscoveredDevice => ({
    kind: 'serial',
    path,
    vendorId: 0x04b8,
    productId: 0x0202,
    manufacturer: 'EPSON',
    product: null,
    serialNumber: null,
    scannerVendor: null,
    hidPos: false,
  });
  const printerPath = (): string | null =>
    (database.sqlite.prepare("SELECT path FROM device_configs WHERE role = 'receipt_printer'").get() as { path: string | null }).path;

  /** The printer (drawer on its kick connector) was set up at a port that no longer exists, with its USB ids. */
  function startWithPrinterAt(gone: string): HotplugWatcher {
    database.sqlite
      .prepare(
        "UPDATE device_configs SET transport = 'serial', path = ?, vendor_id = 1208, product_id = 514, options = '{\"reconnectMs\":50,\"statusTimeoutMs\":300}' WHERE role = 'receipt_printer'",
      )
      .run(gone);
    database.sqlite
      .prepare("UPDATE device_configs SET transport = 'serial', options = '{\"attachedTo\":\"receipt_printer\"}' WHERE role = 'cash_drawer'")
      .run();
    // A long interval: the test lists by hand.
    const serial = new HotplugWatcher(() => Promise.resolve(listing), 60_000);
    manager = DeviceManager.start({ db: database.db, terminalId: DEMO_TERMINAL_ID, kickTimeoutMs: 2_000, hotplug: { serial } });
    return serial;
  }

  async function followedTo(path: string): Promise<SerialPrinter> {
    const deadline = Date.now() + 5_000;
    while ((manager?.printer() as SerialPrinter | null)?.path !== path && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    const printer = manager?.printer();
    expect(printer).toBeInstanceOf(SerialPrinter);
    expect((printer as SerialPrinter).path).toBe(path);
    expect(await (printer as SerialPrinter).waitConnected(5_000)).toBe(true);
    return printer as SerialPrinter;
  }

  beforeEach(async () => {
    pty = await ptyPair(dir.path);
    device = await FakeSerialDevice.open(pty.peer);
    listing = [];
  });

  afterEach(async () => {
    await manager?.close();
    manager = null;
    await device.close();
    await pty.close();
  });

  it('plugged into another socket while the register runs: followed there, audited, and the drawer opens through it', async () => {
    const gone = join(dir.path, 'ttyUSB0');
    const serial = startWithPrinterAt(gone);
    await serial.poll();
    expect(manager?.printer()?.state).toBe('disconnected');
    expect(audits('device.moved')).toBe(0);

    listing = [pluggedAt(pty.device)];
    await serial.poll();
    await followedTo(pty.device);
    expect(printerPath()).toBe(pty.device);
    const audit = database.sqlite.prepare("SELECT staff_id, before, after FROM audit_log WHERE action = 'device.moved'").all();
    expect(audit).toEqual([{ staff_id: null, before: JSON.stringify({ path: gone }), after: JSON.stringify({ path: pty.device }) }]);
    expect(await manager?.kickDrawer('no_sale')).toEqual({ kicked: true, warning: null });
    expect((await device.waitFor((b) => b.length >= 5)).toString('hex')).toBe(KICK);
  });

  it('moved while the register was off: followed from the first listing', async () => {
    listing = [pluggedAt(pty.device)];
    startWithPrinterAt(join(dir.path, 'ttyUSB7'));
    await followedTo(pty.device);
    expect(audits('device.moved')).toBe(1);
  });

  it('two identical adapters and no serial number: not guessed, the printer stays where it was set up', async () => {
    const gone = join(dir.path, 'ttyUSB0');
    listing = [pluggedAt(pty.device), pluggedAt(pty.peer)];
    const serial = startWithPrinterAt(gone);
    await serial.poll();
    await new Promise((r) => setTimeout(r, 100));
    expect(printerPath()).toBe(gone);
    expect(audits('device.moved')).toBe(0);
    expect(manager?.printer()?.state).toBe('disconnected');
  });
});
