import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../src/main/core/create-core';
import { encodeReport } from '../../src/main/features/printing/report-document';
import { receiptPrintable } from '../../src/main/features/receipts/receipt-printing';
import type { ReceiptDocument } from '../../src/shared/contract/receipt';
import { demoUpc } from '../../src/main/features/demo/seed';
import type { HeadlessHost } from '../../src/main/entries/headless/host';
import { JORDAN, signInAs, demoRegisterPage, type DemoRegisterPage } from '../support/browser';
import { repoRoot } from '../support/cli';
import type { TempDatabase } from '../support/temp-db';

/**
 * Issue #17, items 3, 4 and 12: a cart left open by a reload comes back on
 * screen instead of holding stock unseen; the cart's limit meter follows
 * each line; the Returns screen lists the day's sales and opens the one
 * whose receipt barcode is scanned.
 */
const SCAN_BOX = 'Scan or search by name, brand, strain, SKU or UPC';
const BLUE_DREAM_35 = 0;
const ZKITTLEZ_28G = 8;

describe('the counter: carts after a reload, the limit meter, returns by receipt barcode', () => {
  let register: DemoRegisterPage;
  let database: TempDatabase;
  let core: Core;
  let host: HeadlessHost;
  let page: Page;
  let pageErrors: string[] = [];

  beforeAll(async () => {
    mkdirSync(join(repoRoot, 'test-artifacts', 'screens'), { recursive: true });
    register = await demoRegisterPage({ viewport: { width: 1366, height: 768 } });
    ({ database, core, host, page, pageErrors } = register);
  });

  afterAll(() => register?.close());

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

  /** What a scanner reads off the printed receipt: the Code 128 data of the ESC/POS bytes (GS k 73 n "{B" …). */
  async function receiptBarcode(saleId: string): Promise<string> {
    const receipt = await core.invoke('sale-receipt', { saleId });
    if (!receipt.ok) throw new Error(receipt.error.message);
    const bytes = Buffer.from(encodeReport(receiptPrintable(receipt.value as ReceiptDocument)));
    const at = bytes.indexOf(Buffer.from([0x1d, 0x6b, 73]));
    expect(at).toBeGreaterThan(0);
    const data = bytes.subarray(at + 4, at + 4 + (bytes[at + 3] ?? 0)).toString('latin1');
    expect(data.startsWith('{B')).toBe(true);
    return data.slice(2);
  }

  it('lists the day’s sales on the Returns screen; a row, or the receipt’s barcode scanned, opens the sale (issue #17, item 12)', async () => {
    // The till's drawer, opened as the Drawer screen would (its own e2e covers that screen).
    expect(await core.invoke('drawer-open', { count: { '2000': 10 } })).toMatchObject({ ok: true });
    await page
      .getByRole('button', { name: /^Cash / })
      .first()
      .click();
    await page.getByRole('button', { name: 'Next customer' }).click();
    const sold = database.sqlite.prepare('SELECT id, sale_number AS saleNumber FROM sales').get() as { id: string; saleNumber: string };
    expect(sold.saleNumber).toBe('C1-000001');
    await page.keyboard.press('F3');
    const rows = page.getByTestId('recent-sale');
    await expect.poll(() => rows.count()).toBe(1);
    expect(await rows.first().textContent()).toMatch(/^C1-000001.*Bailey Budtender4\$/);
    // Picked from the list.
    await rows.first().getByRole('button', { name: 'C1-000001' }).click();
    await expect.poll(() => page.getByTestId('found-sale').textContent()).toContain('Sale C1-000001');
    // With the sale open, the day's list stays on screen beside it, to pick the next one.
    const listed = await rows.first().boundingBox();
    const viewport = page.viewportSize();
    expect(listed !== null && viewport !== null && listed.y >= 0 && listed.y + listed.height <= viewport.height).toBe(true);
    await page.screenshot({ path: join(repoRoot, 'test-artifacts', 'screens', 'returns-recent-1366x768.png') });
    // Scanned into the box (it has the focus when the screen opens): the scanner's Enter finds it.
    const scanned = await receiptBarcode(sold.id);
    expect(scanned).toBe('C1-000001');
    await page.keyboard.press('F1');
    await page.keyboard.press('F3');
    await expect.poll(() => page.getByTestId('found-sale').count()).toBe(0);
    await expect
      .poll(() =>
        page.evaluate(() => (globalThis as unknown as { document: { activeElement: { ariaLabel: string | null } } }).document.activeElement.ariaLabel),
      )
      .toBe('Sale number');
    await page.keyboard.type(scanned);
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByTestId('found-sale').textContent()).toContain('Sale C1-000001');
    // Scanned with the focus elsewhere on the screen: still opens it here, and nothing reaches the cart.
    await page.keyboard.press('F1');
    await page.keyboard.press('F3');
    await expect.poll(() => page.getByTestId('found-sale').count()).toBe(0);
    await page.getByRole('heading', { name: 'Today’s sales' }).click();
    await page.keyboard.type(scanned);
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByTestId('found-sale').textContent()).toContain('Sale C1-000001');
    await page.keyboard.press('F1');
    await expect.poll(() => page.getByPlaceholder(SCAN_BOX).count()).toBe(1);
    expect(await page.getByTestId('cart-line').count()).toBe(0);
    expect(await page.getByTestId('scan-error').textContent()).toBe('');
  });

  it('raised no page errors', () => {
    expect(pageErrors).toEqual([]);
  });
});
