import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoPackageTag, demoUpc } from '../../src/main/features/demo/seed';
import type { HeadlessHost } from '../../src/main/entries/headless/host';
import { startChildCore, type ChildCore } from '../support/child-core';
import { JORDAN, openRegisterPage, pickCustomerAndCheckIn, serveRegister, signInAs } from '../support/browser';
import { repoRoot } from '../support/cli';
import { openTempDatabase, type TempDatabase } from '../support/temp-db';

/** The demo counter's simulated devices, driven from the test while the real UI runs in Chromium. */
const artifacts = join(repoRoot, 'test-artifacts');
const LICENCE = '@\n\u001e\rANSI 636014100001DL00410279DLDCSRIVERA\nDACJORDAN\nDBB04121990\nDBA04122029\nDAQD1234567\nDCGUSA\r';
let database: TempDatabase;
/** The core process, its devices open; the test drives the simulated ones through its controls. */
let core: ChildCore;
let host: HeadlessHost;
let browser: Browser;
let page: Page;
let pageErrors: string[] = [];
const PLUGGED_PRINTER = '/dev/ttyGREENTILL-E2E-NONE';
const scanBox = () => page.getByPlaceholder('Scan or search by name, brand, strain, SKU or UPC');
const audits = (action: string) => (database.sqlite.prepare('SELECT count(*) AS n FROM audit_log WHERE action = ?').get(action) as { n: number }).n;

beforeAll(async () => {
  mkdirSync(artifacts, { recursive: true });
  database = openTempDatabase({ demo: true });
  // What the computer "sees": one USB-serial printer (no real one here), so the setup form can pick it.
  const epson = {
    kind: 'serial' as const,
    path: PLUGGED_PRINTER,
    vendorId: 0x04b8,
    productId: 0x0202,
    manufacturer: 'EPSON',
    product: 'TM-T20',
    serialNumber: 'E2E-0001',
    scannerVendor: null,
    hidPos: false,
  };
  core = await startChildCore(database, { devices: { discovered: [epson] } });
  host = await serveRegister(core);
  ({ browser, page, pageErrors } = await openRegisterPage());
});

afterAll(async () => {
  await browser?.close();
  await host?.close();
  await core?.stop();
  database?.dispose();
});

describe('hardware at the counter (simulated devices, real UI)', () => {
  it('shows each device’s state in words on the Drawer screen', async () => {
    await page.goto(host.url);
    await signInAs(page, 'manager');
    await page.keyboard.press('F2');
    await expect.poll(() => page.getByTestId('device-health').count()).toBe(4);
    const line = (role: string) => page.locator(`[data-testid="device-health"][data-role="${role}"]`).textContent();
    expect(await line('receipt_printer')).toContain('Simulated');
    expect(await line('receipt_printer')).toContain('nothing real is printed');
    expect(await line('id_scanner')).toContain('Not set up');
    await page.screenshot({ path: join(artifacts, 'devices-health.png'), fullPage: true });
  });

  it('a no-sale opens the drawer', async () => {
    await page.getByLabel('$20.00 pieces').fill('5');
    await page.getByRole('button', { name: 'Open drawer' }).click();
    await expect.poll(() => page.getByTestId('drawer-session').textContent()).toContain('float $100.00');
    await page.getByLabel('No-sale reason').fill('Change for the safe');
    await page.getByRole('button', { name: 'No sale' }).click();
    await expect.poll(() => page.getByRole('status').textContent()).toContain('no sale');
    expect(await core.control('drawer-kicks')).toBe(1);
  });

  it('a person typing a reason is left alone', async () => {
    await page.getByLabel('No-sale reason').click();
    await page.keyboard.type('Till check', { delay: 60 });
    expect(await page.getByLabel('No-sale reason').inputValue()).toBe('Till check');
    await page.waitForTimeout(200);
    expect(await page.getByRole('heading', { name: 'Drawer' }).count()).toBe(1);
    await page.getByLabel('No-sale reason').fill('');
  });

  it('a wedge scan into the reason field goes to the cart and does not submit the no-sale', async () => {
    const noSales = audits('drawer.no_sale');
    await page.getByLabel('No-sale reason').click();
    await page.keyboard.type(demoUpc(0));
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByTestId('cart-line').count()).toBe(1);
    expect(await scanBox().count()).toBe(1);
    expect(audits('drawer.no_sale')).toBe(noSales);
  });

  it('a wedge scan on the Reports screen with nothing focused lands in the cart too', async () => {
    await page.keyboard.press('F4');
    await page.getByRole('heading', { name: 'Store day' }).click();
    await page.keyboard.type(demoPackageTag(6));
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByTestId('cart-line').count()).toBe(2);
  });

  it('a background scanner’s product scan reaches the cart from another screen', async () => {
    await page.keyboard.press('F2');
    await expect.poll(() => page.getByTestId('devices-panel').count()).toBe(1);
    await core.control('scanner-scan', { data: demoPackageTag(8) });
    await expect.poll(() => page.getByTestId('cart-line').count()).toBe(3);
  });

  it('a background scanner’s licence scan opens check-in with the card read', async () => {
    await core.control('scanner-scan', { data: LICENCE });
    await expect.poll(() => page.getByTestId('scan-note').textContent()).toContain('Licence scanned');
    await page.getByRole('dialog').getByRole('button', { name: 'Check ID' }).click();
    await expect.poll(() => page.getByTestId('check-in-result').textContent()).toContain('Accepted: JORDAN RIVERA');
    await expect.poll(() => page.getByTestId('scan-note').textContent()).toContain('Read CA card');
    await page.getByRole('dialog').getByRole('button', { name: 'Close' }).click();
  });

  it('a cash sale opens the drawer; the receipt prints on the simulated printer, and paper-out is said plainly', async () => {
    expect(await pickCustomerAndCheckIn(page, 'Rive', /Jordan Rivera/, JORDAN)).toBe('accepted');
    await page
      .getByRole('button', { name: /^Cash / })
      .first()
      .click();
    await expect.poll(() => page.getByTestId('change-due').count()).toBe(1);
    expect(await core.control('drawer-kicks')).toBe(2);
    expect(await page.getByTestId('drawer-warning').count()).toBe(0);
    await page.getByRole('button', { name: 'Print receipt' }).click();
    await expect.poll(() => page.getByRole('status').textContent()).toContain('Printed on the simulated receipt printer');
    await core.control('printer-paper', { paper: 'out' });
    await page.getByRole('button', { name: 'Print receipt' }).click();
    await expect.poll(() => page.getByRole('status').textContent()).toContain('out of paper: load a new roll');
    await page.screenshot({ path: join(artifacts, 'devices-sale-done.png') });
  });

  it('a manager sets the receipt printer up on a serial port: a wrong port is refused in words, a saved one takes effect at once', async () => {
    await page.getByRole('button', { name: 'Next customer' }).click();
    await page.keyboard.press('F2');
    await page.getByRole('button', { name: 'Set up a device…' }).click();
    const form = page.getByRole('form', { name: 'Set up a device' });
    await expect.poll(() => form.getByTestId('device-current').textContent()).toContain('Simulated');
    await form.getByLabel('Role').selectOption({ label: 'Receipt printer' });
    await form.getByLabel('Connection').selectOption({ label: 'Serial or USB-serial port' });
    await form.getByLabel('Port', { exact: true }).fill('ttyUSB0');
    await form.getByRole('button', { name: 'Save device' }).click();
    await expect.poll(() => form.getByRole('alert').textContent()).toContain('Port: "ttyUSB0" is not a serial port');
    const changes = audits('device.change');

    await form.getByLabel('Port', { exact: true }).fill(PLUGGED_PRINTER);
    await form.getByLabel('Baud rate').selectOption('19200');
    await form.getByRole('button', { name: 'Save device' }).click();
    await expect.poll(() => form.getByRole('status').textContent()).toContain('Receipt printer saved: /dev/ttyGREENTILL-E2E-NONE');
    expect(audits('device.change')).toBe(changes + 1);
    // Picked from what the computer lists: its USB identity is kept, so the register can follow it to another socket.
    expect(
      database.sqlite
        .prepare(
          "SELECT path, vendor_id, product_id, json_extract(options, '$.usbSerialNumber') AS serial FROM device_configs WHERE role = 'receipt_printer' AND enabled = 1",
        )
        .get(),
    ).toEqual({
      path: PLUGGED_PRINTER,
      vendor_id: 0x04b8,
      product_id: 0x0202,
      serial: 'E2E-0001',
    });
    // The running devices reopened with it: the printer is now that (absent) port, said plainly.
    const printer = page.locator('[data-testid="device-health"][data-role="receipt_printer"]');
    await expect.poll(() => printer.getAttribute('data-state')).toBe('disconnected');
    expect(await printer.textContent()).toContain('/dev/ttyGREENTILL-E2E-NONE');
    await expect.poll(() => form.getByTestId('device-current').textContent()).toContain('on /dev/ttyGREENTILL-E2E-NONE');
    await page.screenshot({ path: join(artifacts, 'devices-setup.png'), fullPage: true });
  });

  it('raised no page errors', () => {
    expect(pageErrors).toEqual([]);
  });
});
