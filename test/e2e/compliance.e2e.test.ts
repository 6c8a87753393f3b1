import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HeadlessHost } from '../../src/main/entries/headless/host';
import { startChildCore, type ChildCore } from '../support/child-core';
import { JORDAN, openRegisterPage, serveRegister, pickCustomerAndCheckIn, signInAs } from '../support/browser';
import { repoRoot } from '../support/cli';
import { firstTagOf } from '../support/demo-packages';
import { openTempDatabase, type TempDatabase } from '../support/temp-db';

/** Refusals and promotions as the budtender sees them, on a fresh demo store. */
const artifacts = join(repoRoot, 'test-artifacts');
let database: TempDatabase;
let core: ChildCore;
let host: HeadlessHost;
let browser: Browser;
let page: Page;
let pageErrors: string[] = [];
const tagOf = (name: string) => firstTagOf(database.sqlite, name);

beforeAll(async () => {
  mkdirSync(artifacts, { recursive: true });
  database = openTempDatabase({ demo: true });
  core = await startChildCore(database);
  host = await serveRegister(core);
  ({ browser, page, pageErrors } = await openRegisterPage());
});

afterAll(async () => {
  await browser?.close();
  await host?.close();
  await core?.stop();
  database?.dispose();
});

/** Types a barcode as a wedge scanner does, wherever focus happens to be: it must land in the scan box. */
async function scan(code: string): Promise<void> {
  await page.keyboard.type(code);
  await page.keyboard.press('Enter');
}

describe('compliance at the counter', () => {
  it('signs a manager in and opens the drawer', async () => {
    await page.goto(host.url);
    await signInAs(page, 'manager');
    await page.keyboard.press('F2');
    await page.getByLabel('$20.00 pieces').fill('10');
    await page.getByRole('button', { name: 'Open drawer' }).click();
    await expect.poll(() => page.getByTestId('drawer-session').textContent()).toContain('float $200.00');
    await page.keyboard.press('F1');
  });

  it('a licence scanned into the scan box (Enters and all) opens check-in with the card read', async () => {
    await scan('@\n\u001e\rANSI 636014100001DL00410279DLDCSRIVERA\nDACJORDAN\nDBB04121990\nDBA04122029\nDAQD1234567\nDCGUSA\r');
    const dialog = page.getByRole('dialog');
    // The screen forwards the barcode; the register reads it when the ID is checked.
    await expect.poll(() => page.getByTestId('scan-note').textContent()).toContain('Licence scanned');
    await dialog.getByRole('button', { name: 'Check ID' }).click();
    await expect.poll(() => page.getByTestId('check-in-result').textContent()).toContain('Accepted: JORDAN RIVERA');
    await expect.poll(() => page.getByTestId('scan-note').textContent()).toContain('Read CA card');
    await page.screenshot({ path: join(artifacts, 'licence-scanned.png') });
    await dialog.getByRole('button', { name: 'Close' }).click();
  });

  it('refuses a medical patient whose card expired, with the renewal guidance', async () => {
    await scan(tagOf('Blue Dream 3.5g'));
    await page.getByRole('button', { name: 'Check ID…' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Sale type').selectOption('medical');
    for (const [label, value] of [
      ['ID number', 'D5550001'],
      ['First name', 'Pat'],
      ['Last name', 'Okafor'],
      ['Date of birth', '1985-06-21'],
      ['ID expiry', '2030-06-21'],
      ['Medical registration number', 'CA-MMIC-1993320'],
    ] as const) {
      await dialog.getByLabel(label).fill(value);
    }
    await dialog.getByRole('button', { name: 'Check ID' }).click();
    await expect.poll(() => page.getByTestId('check-in-result').textContent()).toContain('renew through the state portal');
    await page.screenshot({ path: join(artifacts, 'refused-medical-expired.png') });
    await dialog.getByRole('button', { name: 'Cancel' }).click();
  });

  it('blocks a sale over the daily flower limit, naming the category and amount', async () => {
    await scan(tagOf('Zkittlez 28g'));
    expect(await pickCustomerAndCheckIn(page, 'Rive', /Jordan Rivera/, JORDAN)).toBe('accepted');
    await page
      .getByRole('button', { name: /^Cash / })
      .first()
      .click();
    // 28 g + 3.5 g of flower against California's 28.5 g a day.
    await expect
      .poll(() => page.getByTestId('payment-error').textContent())
      .toContain('Over the daily flower limit by 3 g: 31.5 g of 28.5 g (4 CCR §15409(a)(1))');
    await page.screenshot({ path: join(artifacts, 'refused-daily-limit.png') });
  });

  it('applies the edibles promotion from the database and shows it in the totals', async () => {
    await page.getByRole('button', { name: 'Remove Zkittlez 28g' }).click();
    await page.getByRole('button', { name: 'Remove Blue Dream 3.5g' }).click();
    await scan(tagOf('Sour Watermelon Gummies 10x10mg'));
    await page.getByRole('button', { name: 'One more Sour Watermelon Gummies 10x10mg' }).click();
    await page.getByRole('button', { name: 'One more Sour Watermelon Gummies 10x10mg' }).click();
    await expect.poll(() => page.getByTestId('cart-totals').textContent()).toContain('Edibles: buy 2, get 1 half price');
    await page
      .getByRole('button', { name: /^Cash / })
      .first()
      .click();
    await expect.poll(() => page.getByTestId('change-due').textContent()).toBe('$0.00');
    await expect.poll(() => page.getByTestId('receipt').textContent()).toContain('Edibles: buy 2, get 1 half price');
    await page.screenshot({ path: join(artifacts, 'promotion-receipt.png') });
  });

  it('one customer start to finish: licence scanned, three items by barcode, a promotion, cash, change and receipt', async () => {
    await page.getByRole('button', { name: 'Next customer' }).click();
    await scan('@\n\u001e\rANSI 636014100001DL00410279DLDCSRIVERA\nDACJORDAN\nDBB04121990\nDBA04122029\nDAQD1234567\nDCGUSA\r');
    const dialog = page.getByRole('dialog');
    await expect.poll(() => page.getByTestId('scan-note').textContent()).toContain('Licence scanned');
    await dialog.getByRole('button', { name: 'Check ID' }).click();
    await expect.poll(() => page.getByTestId('check-in-result').textContent()).toContain('Accepted: JORDAN RIVERA');
    await expect.poll(() => page.getByTestId('scan-note').textContent()).toContain('Read CA card');
    await dialog.getByRole('button', { name: 'Close' }).click();
    for (let i = 0; i < 3; i += 1) await scan(tagOf('Sour Watermelon Gummies 10x10mg'));
    await expect.poll(() => page.getByTestId('cart-totals').textContent()).toContain('Edibles: buy 2, get 1 half price');
    await page
      .getByRole('button', { name: /^Cash / })
      .first()
      .click();
    await expect.poll(() => page.getByTestId('change-due').count()).toBe(1);
    await expect.poll(() => page.getByTestId('receipt').textContent()).toContain('Edibles: buy 2, get 1 half price');
    expect(await page.getByTestId('receipt').textContent()).toContain('Sour Watermelon Gummies');
    await page.screenshot({ path: join(artifacts, 'start-to-finish-receipt.png') });
  });

  it('the compliance officer reviews a flag on the Compliance screen (F6), which other roles do not see', async () => {
    expect(await page.getByRole('button', { name: /^Compliance/ }).count()).toBe(0);
    database.sqlite
      .prepare(
        "INSERT INTO compliance_flags (id, store_id, kind, customer_id, sale_id, business_day, details, citation, created_at) VALUES ('flag-e2e', ?, 'possible_structuring', 'customer-demo-adult', NULL, '2026-12-01', ?, 'FinCEN FIN-2014-G001 (red flags)', ?)",
      )
      .run('store-demo-oakland', JSON.stringify({ cashCents: 1_850_000, sales: 3 }), Date.now());
    await page.getByRole('button', { name: 'Next customer' }).click();
    await page.getByRole('button', { name: 'Lock' }).click();
    await signInAs(page, 'compliance_officer');
    await page.keyboard.press('F6');
    await expect.poll(() => page.getByTestId('compliance-flag').count()).toBe(1);
    expect(await page.getByTestId('compliance-flag').textContent()).toContain('$18,500.00 in cash over 3 sale(s)');
    expect(await page.getByTestId('offline-summary').textContent()).toContain('Sales made offline: 0');
    // What the register applies on the stricter reading is said, with the citation and what to confirm.
    await expect.poll(() => page.getByTestId('rules-to-verify').textContent()).toContain('Limit CA-MED-CONC (4 CCR §15409(b)(1)');
    await page.screenshot({ path: join(artifacts, 'compliance-review.png') });
    await page.getByLabel('Resolution').fill('Reviewed the day: three family members paying separately; no SAR.');
    await page.getByRole('button', { name: 'Record review' }).click();
    await expect.poll(() => page.getByTestId('compliance-flag').count()).toBe(0);
    expect(database.sqlite.prepare("SELECT reviewed_by AS by FROM compliance_flags WHERE id = 'flag-e2e'").get()).toEqual({ by: 'staff-demo-compliance' });
  });

  it('raised no page errors', () => {
    expect(pageErrors).toEqual([]);
  });
});
