import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HeadlessHost } from '../../src/main/entries/headless/host';
import { demoRegisterPage, type DemoRegisterPage, signInAs } from '../support/browser';
import { repoRoot } from '../support/cli';

/**
 * Issue #17, item 14: a product row says the dose — THC per piece and per
 * pack, whole milligrams — and shows the product's picture when the catalog
 * has one, served by the register itself (nothing is loaded from the
 * internet); a product without one shows none.
 */
const screens = join(repoRoot, 'test-artifacts', 'screens');
const SCAN_BOX = 'Scan or search by name, brand, strain, SKU or UPC';

describe.each([
  { width: 1024, height: 768 },
  { width: 1366, height: 768 },
])('product rows at $width×$height', ({ width, height }) => {
  let register: DemoRegisterPage;
  let host: HeadlessHost;
  let page: Page;
  let pageErrors: string[] = [];
  /** Every address the page asked for. */
  const requested: string[] = [];

  beforeAll(async () => {
    mkdirSync(screens, { recursive: true });
    register = await demoRegisterPage({ viewport: { width, height } });
    ({ host, page, pageErrors } = register);
    page.on('request', (request) => requested.push(request.url()));
  });

  afterAll(() => register?.close());

  const row = (name: string) => page.getByTestId('catalog-row').filter({ has: page.locator('.product-name', { hasText: name }) });
  async function search(text: string): Promise<void> {
    await page.getByPlaceholder(SCAN_BOX).fill(text);
    await expect.poll(() => page.getByTestId('catalog-scroll').getAttribute('data-results-for')).toBe(text);
  }

  it('shows THC per piece and per pack on a row of pieces, per pack alone on a pack, none on an accessory', async () => {
    await page.goto(host.url);
    await signInAs(page, 'budtender');
    await search('gummies');
    await expect.poll(() => row('Sour Watermelon Gummies 10x10mg').getByTestId('product-dose').textContent()).toBe('10 mg THC/piece · 100 mg/pack');
    expect(await row('Blueberry Gummies 20x5mg').getByTestId('product-dose').textContent()).toBe('5 mg THC/piece · 100 mg/pack');
    await page.screenshot({ path: join(screens, `checkout-product-dose-${width}x${height}.png`) });
    await search('blue dream 3.5g');
    await expect.poll(() => row('Blue Dream 3.5g').getByTestId('product-dose').textContent()).toBe('784 mg THC/pack');
    await search('glass hand pipe');
    await expect.poll(() => row('Glass Hand Pipe').count()).toBe(1);
    expect(await row('Glass Hand Pipe').getByTestId('product-dose').count()).toBe(0);
  });

  it('shows a product’s picture when it has one, from the register; a row without one shows none', async () => {
    await search('gummies');
    const picture = row('Sour Watermelon Gummies 10x10mg').getByTestId('product-image');
    await expect.poll(() => picture.count()).toBe(1);
    // Drawn (decoded) from what the register served, not a broken image.
    await expect.poll(() => picture.evaluate((node) => (node as unknown as { naturalWidth: number }).naturalWidth)).toBeGreaterThan(0);
    expect(await picture.getAttribute('src')).toMatch(/^data:image\/png;base64,/);
    const box = await picture.boundingBox();
    expect(box !== null && box.width >= 32 && box.height >= 32 && box.width <= 64 && box.height <= 64).toBe(true);
    expect(await row('Sleepy Berry Gummies 10x10mg').getByTestId('product-image').count()).toBe(0);
    await page.screenshot({ path: join(screens, `checkout-product-image-${width}x${height}.png`) });
    // Nothing came from anywhere but the register.
    const fromRegister = (url: string) => url.startsWith('data:') || ['127.0.0.1', 'localhost'].includes(new URL(url).hostname);
    expect(requested.length).toBeGreaterThan(0);
    expect(requested.filter((url) => !fromRegister(url))).toEqual([]);
  });

  it('raised no page errors', () => {
    expect(pageErrors).toEqual([]);
  });
});
