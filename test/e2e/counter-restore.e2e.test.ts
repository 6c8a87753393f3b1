import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCore } from '../../src/main/core/create-core';
import { demoUpc } from '../../src/main/features/demo/seed';
import { startHeadlessHost, type HeadlessHost } from '../../src/main/entries/headless/host';
import { launchChromium, signInAs } from '../support/browser';
import { repoRoot } from '../support/cli';
import { openTempDatabase, testPiiKeys, type TempDatabase } from '../support/temp-db';

/**
 * The counter keeps what the core keeps (issue #17): a cart left open by a
 * reload comes back on screen instead of holding stock unseen.
 */
const rendererDir = join(repoRoot, 'out', 'renderer');
const SCAN_BOX = 'Scan or search by name, brand, strain, SKU or UPC';

describe('the counter after a reload', () => {
  let database: TempDatabase;
  let host: HeadlessHost;
  let browser: Browser;
  let page: Page;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    if (!existsSync(join(rendererDir, 'index.html'))) throw new Error('Build the renderer first: npm run build:renderer (npm test does it)');
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

  it('raised no page errors', () => {
    expect(pageErrors).toEqual([]);
  });
});
