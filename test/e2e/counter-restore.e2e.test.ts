import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCore } from '../../src/main/core/create-core';
import { demoUpc } from '../../src/main/features/demo/seed';
import { startHeadlessHost, type HeadlessHost } from '../../src/main/entries/headless/host';
import { JORDAN, launchChromium, signInAs } from '../support/browser';
import { repoRoot } from '../support/cli';
import { openTempDatabase, testPiiKeys, type TempDatabase } from '../support/temp-db';

/**
 * The counter keeps what the core keeps (issue #17): a cart left open by a
 * reload comes back on screen instead of holding stock unseen.
 */
const rendererDir = join(repoRoot, 'out', 'renderer');
const SCAN_BOX = 'Scan or search by name, brand, strain, SKU or UPC';
const BLUE_DREAM_35 = 0;
const ZKITTLEZ_28G = 8;

describe('the counter after a reload, and its limit meter', () => {
  let database: TempDatabase;
  let host: HeadlessHost;
  let browser: Browser;
  let page: Page;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    if (!existsSync(join(rendererDir, 'index.html'))) throw new Error('Build the renderer first: npm run build:renderer (npm test does it)');
    mkdirSync(join(repoRoot, 'test-artifacts', 'screens'), { recursive: true });
    database = openTempDatabase({ demo: true });
    const core = createCore({ piiKeys: testPiiKeys, database });
    host = await startHeadlessHost({ invoke: core.invoke, staticDir: rendererDir });
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
    page.setDefaultTimeout(15_000);
    page.on('pageerror', (error) => pageErrors.push(error.message));
    page.on('console', (message) => {
      if (message.type() === 'error') pageErrors.push(message.text());
    });
  });

  afterAll(async () => {
    await browser?.close();
    await host?.close();
    database?.dispose();
  });

  /** A wedge scanner: its characters a few ms apart, then Enter, wherever focus is. */
  async function scan(code: string): Promise<void> {
    await page.getByPlaceholder(SCAN_BOX).waitFor({ state: 'visible' });
    await page.keyboard.type(code);
    await page.keyboard.press('Enter');
  }
  const cartLineNames = () => page.getByTestId('cart-line').allTextContents();

  it('shows the cart rung before a reload again once someone signs in, with the same lines', async () => {
    await page.goto(host.url);
    await signInAs(page, 'budtender');
    await scan(demoUpc(30));
    await scan(demoUpc(31));
    await expect.poll(() => page.getByTestId('cart-line').count()).toBe(2);
    const before = await cartLineNames();
    // The register locks (idle, or the Lock button), the page reloads, and the budtender signs in again.
    await page.getByRole('button', { name: 'Lock', exact: true }).click();
    await page.reload();
    await expect.poll(() => page.getByRole('heading', { name: /Locked/ }).count()).toBe(1);
    await signInAs(page, 'budtender');
    await expect.poll(() => page.getByTestId('cart-line').count()).toBe(2);
    expect(await cartLineNames()).toEqual(before);
    // A plain reload while signed in shows it too.
    await page.reload();
    await expect.poll(() => page.getByTestId('signed-in-as').textContent()).toBe('Bailey Budtender');
    await expect.poll(() => page.getByTestId('cart-line').count()).toBe(2);
    // It is the same cart, still open: a third scan joins it rather than starting another.
    await scan(demoUpc(32));
    await expect.poll(() => page.getByTestId('cart-line').count()).toBe(3);
    expect(database.sqlite.prepare("SELECT count(*) AS n FROM carts WHERE status = 'open'").get()).toEqual({ n: 1 });
  });

  it('shows a limit meter per bucket in the cart that follows each line (issue #17, item 4)', async () => {
    const meter = page.getByTestId('limit-meter');
    // The three lines so far: only a vape's oil counts, toward concentrate.
    await expect.poll(() => meter.getByRole('listitem').allTextContents()).toEqual(['Concentrate 0.3 g of 8 g today']);
    await scan(demoUpc(BLUE_DREAM_35));
    await expect.poll(() => page.getByTestId('limit-flower').textContent()).toBe('Flower 3.5 g of 28.5 g today');
    await expect.poll(() => meter.textContent()).toContain('This cart only: check the ID');
    await scan(demoUpc(BLUE_DREAM_35));
    await expect.poll(() => page.getByTestId('limit-flower').textContent()).toBe('Flower 7 g of 28.5 g today');
    await scan(demoUpc(ZKITTLEZ_28G));
    await expect.poll(() => page.getByTestId('limit-flower').textContent()).toBe('⚠ Flower 35 g of 28.5 g today');
    await page.getByRole('button', { name: 'Remove Zkittlez 28g' }).click();
    await expect.poll(() => page.getByTestId('limit-flower').textContent()).toBe('Flower 7 g of 28.5 g today');
    // Checked in, the customer's day counts (Jordan has bought nothing yet today).
    await page.getByRole('button', { name: 'Check ID…' }).click();
    const dialog = page.getByRole('dialog');
    for (const [label, value] of [
      ['ID number', JORDAN.idNumber],
      ['First name', JORDAN.firstName],
      ['Last name', JORDAN.lastName],
      ['Date of birth', JORDAN.dateOfBirth],
      ['ID expiry', JORDAN.expiry ?? ''],
    ] as const)
      await dialog.getByLabel(label).fill(value);
    await dialog.getByLabel('ID number').press('Enter');
    await expect.poll(() => page.getByTestId('check-in-result').textContent()).toContain('Accepted');
    await page.keyboard.press('Enter');
    await expect.poll(() => meter.textContent()).not.toContain('This cart only');
    expect(await page.getByTestId('limit-flower').textContent()).toBe('Flower 7 g of 28.5 g today');
    await page.screenshot({ path: join(repoRoot, 'test-artifacts', 'screens', 'checkout-limit-meter-1366x768.png') });
  });

  it('raised no page errors', () => {
    expect(pageErrors).toEqual([]);
  });
});
