import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoProducts } from '../../src/main/features/demo/catalog';
import { DEMO_STAFF, demoPackageTag, demoUpc } from '../../src/main/features/demo/seed';
import type { HeadlessHost } from '../../src/main/entries/headless/host';
import { startChildCore, type ChildCore } from '../support/child-core';
import { JORDAN, openRegisterPage, serveRegister, pickCustomerAndCheckIn, signInAs } from '../support/browser';
import { repoRoot } from '../support/cli';
import { openTempDatabase, type TempDatabase } from '../support/temp-db';

const artifacts = join(repoRoot, 'test-artifacts');

let database: TempDatabase;
let core: ChildCore;
let host: HeadlessHost;
let browser: Browser;
let page: Page;
let pageErrors: string[] = [];
const slowCommands = new Set<string>();
const budtenderPin = DEMO_STAFF.find((s) => s.role === 'budtender')?.pin ?? '';
const managerPin = DEMO_STAFF.find((s) => s.role === 'manager')?.pin ?? '';

beforeAll(async () => {
  mkdirSync(artifacts, { recursive: true });
  database = openTempDatabase({ demo: true });
  core = await startChildCore(database);
  // A busy register answers late; the tests slow chosen commands down to show nothing is lost meanwhile.
  const invoke: typeof core.invoke = async (name, input) => {
    if (slowCommands.has(name)) await new Promise((resolve) => setTimeout(resolve, 800));
    return core.invoke(name, input);
  };
  host = await serveRegister(core, { invoke });
  ({ browser, page, pageErrors } = await openRegisterPage());
});

afterAll(async () => {
  await browser?.close();
  await host?.close();
  await core?.stop();
  database?.dispose();
});

describe('the register in Chromium against the headless host', () => {
  it('signs a budtender in with their PIN', async () => {
    await page.goto(host.url);
    await expect.poll(() => page.getByTestId('store-name').textContent()).toContain('Greentill Demo Dispensary');
    await page.getByRole('radio', { name: /Bailey Budtender/ }).click();
    await page.keyboard.type('1111');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('That PIN is not right');
    await page.screenshot({ path: join(artifacts, 'sign-in-wrong-pin.png') });
    await page.keyboard.type(budtenderPin);
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByTestId('signed-in-as').textContent()).toBe('Bailey Budtender');
  });

  it('shows the demo catalog', async () => {
    await expect.poll(() => page.getByTestId('catalog-count').textContent()).toBe(`${demoProducts.length} products`);
    // Windowed: the rows in view, not all 51.
    await expect.poll(() => page.getByTestId('catalog-row').count()).toBeGreaterThan(5);
    expect(await page.getByTestId('catalog-row').count()).toBeLessThan(demoProducts.length);
    await expect.poll(() => page.getByText('Blue Dream 3.5g').count()).toBe(1);
    // The token left the address bar once read.
    expect(page.url()).not.toContain('token=');
    await page.screenshot({ path: join(artifacts, 'catalog.png'), fullPage: false });
  });

  it('searches as the budtender types, with focus in the search box', async () => {
    // Evaluated as page script text: the test's own types have no DOM.
    expect(await page.evaluate('document.activeElement?.getAttribute("placeholder")')).toBe('Scan or search by name, brand, strain, SKU or UPC');
    await page.keyboard.type('gummies');
    await expect.poll(() => page.getByTestId('catalog-row').count()).toBe(demoProducts.filter((p) => /gummies/i.test(p.name)).length);
    await expect.poll(() => page.getByTestId('catalog-count').textContent()).toBe('3 products');
    await page.screenshot({ path: join(artifacts, 'catalog-search.png') });
  });

  it('keeps working after a reload (token kept for the tab, session kept by the core)', async () => {
    await page.reload();
    await expect.poll(() => page.getByTestId('store-name').textContent()).toContain('Greentill Demo Dispensary');
    await expect.poll(() => page.getByTestId('signed-in-as').textContent()).toBe('Bailey Budtender');
  });

  it('rings items by barcode typed into the scan box (as a wedge scanner does), and explains a garbled scan', async () => {
    await page.keyboard.press('Control+A');
    await page.keyboard.press('Backspace');
    await page.keyboard.type(demoUpc(0));
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByTestId('cart-line').count()).toBe(1);
    await page.keyboard.type(demoPackageTag(6));
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByTestId('cart-line').count()).toBe(2);
    await page.keyboard.type('850000010001');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByTestId('scan-error').textContent()).toBe('⚠ UPC check digit is wrong — rescan.');
    // Focus never left the scan box: the next scan lands.
    expect(await page.evaluate('document.activeElement?.getAttribute("placeholder")')).toBe('Scan or search by name, brand, strain, SKU or UPC');
    await page.screenshot({ path: join(artifacts, 'checkout-cart.png') });
  });

  it('parks the cart and resumes it', async () => {
    await page.getByLabel('Park label').fill('Jordan');
    await page.getByRole('button', { name: 'Park', exact: true }).click();
    await expect.poll(() => page.getByTestId('cart-line').count()).toBe(0);
    await page.getByRole('button', { name: /Resume “Jordan”/ }).click();
    await expect.poll(() => page.getByTestId('cart-line').count()).toBe(2);
  });

  it('opens the drawer with a float, and a no-sale by a budtender asks for a manager', async () => {
    await page.keyboard.press('F2');
    await page.getByLabel('$20.00 pieces').fill('5');
    await page.getByLabel('$1.00 pieces').fill('20');
    await expect.poll(() => page.getByTestId('count-total').textContent()).toBe('Total $120.00');
    await page.getByRole('button', { name: 'Open drawer' }).click();
    await expect.poll(() => page.getByTestId('drawer-session').textContent()).toContain('float $120.00');
    await page.getByLabel('No-sale reason').fill('Change for the safe');
    await page.getByRole('button', { name: 'No sale' }).click();
    await expect.poll(() => page.getByRole('dialog').count()).toBe(1);
    await page.screenshot({ path: join(artifacts, 'drawer-approval.png') });
    await page.getByRole('dialog').getByRole('combobox').selectOption({ label: 'Morgan Manager' });
    await page.getByLabel('Manager PIN').fill(managerPin);
    await page.getByRole('button', { name: 'Approve' }).click();
    await expect.poll(() => page.getByRole('status').textContent()).toContain('no sale');
  });

  it('drops cash to the safe, and records a paid-in once a manager approves it', async () => {
    await page.getByLabel('Kind of cash movement').selectOption({ label: 'Drop to the safe' });
    await page.getByLabel('Amount ($)').fill('20');
    await page.getByLabel('Movement reason').fill('Over the drawer limit');
    await page.getByRole('button', { name: 'Record and open drawer' }).click();
    await expect.poll(() => page.getByRole('status').textContent()).toContain('Drop of $20.00 to the safe recorded.');
    await page.getByLabel('Kind of cash movement').selectOption('in');
    await page.getByLabel('Amount ($)').fill('20');
    await page.getByLabel('Movement reason').fill('Change from the safe');
    await page.getByRole('button', { name: 'Record and open drawer' }).click();
    await expect.poll(() => page.getByRole('dialog').count()).toBe(1);
    await page.getByRole('dialog').getByRole('combobox').selectOption({ label: 'Morgan Manager' });
    await page.getByLabel('Manager PIN').fill(managerPin);
    await page.getByRole('button', { name: 'Approve' }).click();
    await expect.poll(() => page.getByRole('status').textContent()).toContain('Paid-in of $20.00 recorded.');
    expect(
      database.sqlite
        .prepare("SELECT kind, amount_cents AS cents, approved_by AS approvedBy FROM drawer_movements WHERE kind IN ('drop', 'paid_in') ORDER BY rowid")
        .all(),
    ).toEqual([
      { kind: 'drop', cents: 2000, approvedBy: null },
      { kind: 'paid_in', cents: 2000, approvedBy: 'staff-demo-manager' },
    ]);
  });

  it('checks a customer in, pays cash and shows change due and the receipt', async () => {
    await page.keyboard.press('F1');
    await expect.poll(() => page.getByTestId('cart-line').count()).toBe(2);
    expect(await pickCustomerAndCheckIn(page, 'Rive', /Jordan Rivera/, JORDAN)).toBe('accepted');
    await expect.poll(() => page.getByTestId('cart-customer').textContent()).toContain('Jordan Rivera');
    // $35 + $40 = $75; CA excise 15% $11.25 and Oakland sales tax 10.25% $7.69: $93.94.
    await expect.poll(() => page.getByTestId('cart-total').textContent()).toBe('$93.94');
    await page.screenshot({ path: join(artifacts, 'checkout-payment.png') });
    await page.getByRole('button', { name: 'Cash $100.00' }).click();
    await expect.poll(() => page.getByTestId('change-due').textContent()).toBe('$6.06');
    await page.screenshot({ path: join(artifacts, 'sale-complete.png') });
    await page.getByRole('button', { name: 'Next customer' }).click();
  });

  it('refuses a customer under 21, saying why', async () => {
    await expect.poll(() => page.evaluate('document.activeElement?.getAttribute("placeholder")')).toBe('Scan or search by name, brand, strain, SKU or UPC');
    // The budtender starts typing the customer's name before the scan's answer comes back:
    // the answer must not pull the keyboard back to the scan box, nor put the name in it.
    slowCommands.add('cart-scan');
    await page.keyboard.type(demoUpc(0));
    await page.keyboard.press('Enter');
    await page.getByLabel('Find customer').click();
    await page.keyboard.type('Li');
    await expect.poll(() => page.getByTestId('cart-line').count()).toBe(1);
    slowCommands.clear();
    await page.keyboard.type('n');
    await expect.poll(() => page.getByLabel('Find customer').inputValue()).toBe('Lin');
    await expect.poll(() => page.getByPlaceholder('Scan or search by name, brand, strain, SKU or UPC').inputValue()).toBe('');
    // Picked by name, Casey shows her ID: the check refuses her, saying why, and nothing can be paid.
    await page.getByRole('button', { name: /Casey Lin/ }).click();
    const dialog = page.getByRole('dialog');
    for (const [label, value] of [
      ['ID number', 'D2020202'],
      ['First name', 'Casey'],
      ['Last name', 'Lin'],
      ['Date of birth', '2006-02-20'],
      ['ID expiry', '2031-02-20'],
    ] as const)
      await dialog.getByLabel(label).fill(value);
    await dialog.getByRole('button', { name: 'Check ID' }).click();
    await expect.poll(() => page.getByTestId('check-in-result').textContent()).toContain('The customer is 20: 21 is the minimum');
    await page.screenshot({ path: join(artifacts, 'refused-under-21.png') });
    await dialog.getByRole('button', { name: 'Cancel' }).click();
  });

  it('applies a manual discount with a reason, once a manager approves it', async () => {
    await page.getByRole('button', { name: 'Manual discount…' }).click();
    await page.getByRole('dialog').getByLabel('Percent', { exact: true }).fill('10');
    await page.getByRole('dialog').getByLabel('What happened').fill('Loyalty promo did not ring up');
    await page.getByRole('button', { name: 'Apply' }).click();
    await page.getByRole('dialog').getByRole('combobox').selectOption({ label: 'Morgan Manager' });
    await page.getByLabel('Manager PIN').fill(managerPin);
    await page.getByRole('button', { name: 'Approve' }).click();
    await expect.poll(() => page.getByTestId('cart-totals').textContent()).toContain('Manual discount: Loyalty promo did not ring up');
    // $35 − $3.50 = $31.50; + 15 % $4.73 + 10.25 % $3.23.
    await expect.poll(() => page.getByTestId('cart-total').textContent()).toBe('$39.46');
  });

  it('checks IDs in: a typed one under 21 refused, a scanned licence of age accepted with today’s limits', async () => {
    // Casey's refused check attached nobody: the cart still asks for an ID.
    await page.getByRole('button', { name: 'Check ID…' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('ID number').fill('D7654321');
    await dialog.getByLabel('First name').fill('Sky');
    await dialog.getByLabel('Last name').fill('Young');
    await dialog.getByLabel('Date of birth').fill('2006-01-15');
    await dialog.getByLabel('ID expiry').fill('2031-01-15');
    await dialog.getByRole('button', { name: 'Check ID' }).click();
    await expect.poll(() => page.getByTestId('check-in-result').textContent()).toContain('Refused');
    await expect.poll(() => page.getByTestId('check-in-result').textContent()).toContain('21 is the minimum');
    // Now the adult's licence is scanned: the barcode fills the form.
    await dialog.getByLabel('ID barcode').fill('@\n\u001e\rANSI 636014100001DL00410279DLDCSYOUNG\nDACSKY\nDBB01151990\nDBA01152031\nDAQD7654321\nDCGUSA\r');
    await expect.poll(() => page.getByTestId('scan-note').textContent()).toContain('Licence scanned');
    await dialog.getByRole('button', { name: 'Check ID' }).click();
    await expect.poll(() => page.getByTestId('check-in-result').textContent()).toContain('Accepted: SKY YOUNG, 36');
    await expect.poll(() => page.getByTestId('scan-note').textContent()).toContain('Read CA card');
    await expect.poll(() => page.getByTestId('check-in-result').textContent()).toContain('flower: 25 g left of 28.5 g today');
    await page.screenshot({ path: join(artifacts, 'check-in.png') });
    await dialog.getByRole('button', { name: 'Continue' }).click();
    await expect.poll(() => page.getByTestId('cart-customer').textContent()).toContain('SKY YOUNG');
    await page.keyboard.press('F2');
  });

  it('returns one item of the sale, with a manager approving the refund', async () => {
    await page.keyboard.press('F3');
    await page.getByLabel('Sale number').fill('C1-000001');
    await page.getByRole('button', { name: 'Find' }).click();
    await expect.poll(() => page.getByTestId('found-sale').textContent()).toContain('C1-000001');
    await page.getByLabel('Return quantity of Blue Dream 3.5g').fill('1');
    await page.getByLabel('Reason', { exact: true }).fill('Customer changed mind');
    await page.getByRole('button', { name: 'Return items' }).click();
    await expect.poll(() => page.getByRole('dialog').count()).toBe(1);
    await page.getByRole('dialog').getByRole('combobox').selectOption({ label: 'Morgan Manager' });
    await page.getByLabel('Manager PIN').fill(managerPin);
    await page.getByRole('button', { name: 'Approve' }).click();
    // $35 + 15 % excise + 10.25 % sales tax = $43.84 back.
    await expect.poll(() => page.getByRole('status').textContent()).toContain('refund $43.84');
    await page.screenshot({ path: join(artifacts, 'returns.png') });
  });

  it('closes the drawer with a blind count, a manager signs the close, and the Z-report shows', async () => {
    await page.keyboard.press('F2');
    // The carts this shift left holding stock are listed; each is released with a reason before the close.
    await expect.poll(() => page.getByTestId('held-carts').count()).toBe(1);
    for (let held = await page.getByLabel('Why release this cart').count(); held > 0; held -= 1) {
      await page.getByLabel('Why release this cart').first().fill('Customer left without buying');
      await page.getByRole('button', { name: 'Release' }).first().click();
      await expect.poll(() => page.getByLabel('Why release this cart').count()).toBe(held - 1);
    }
    await expect.poll(() => page.getByTestId('held-carts').count()).toBe(0);
    // The drawer holds the $120 float + $100 tendered − $6.06 change − $43.84 refunded = $170.10.
    for (const [label, pieces] of [
      ['$100.00', '1'],
      ['$20.00', '3'],
      ['$1.00', '10'],
      ['$0.10', '1'],
    ] as const) {
      await page.getByLabel(`${label} pieces`).fill(pieces);
    }
    await page.getByRole('button', { name: 'Submit count' }).click();
    // A count is for good: the screen shows what it will record and asks first.
    await expect.poll(() => page.getByRole('dialog', { name: 'Record this count?' }).textContent()).toContain('$170.10');
    await page.getByRole('button', { name: 'Record count' }).click();
    await expect.poll(() => page.getByTestId('count-result').textContent()).toContain('Expected$170.10');
    await page.getByRole('button', { name: 'Close drawer' }).click();
    await expect.poll(() => page.getByRole('dialog', { name: 'Close the drawer?' }).textContent()).toContain('Expected$170.10');
    await page.getByRole('button', { name: 'Close and lock the drawer' }).click();
    await expect.poll(() => page.getByRole('dialog').count()).toBe(1);
    await page.getByRole('dialog').getByRole('combobox').selectOption({ label: 'Morgan Manager' });
    await page.getByLabel('Manager PIN').fill(managerPin);
    await page.getByRole('button', { name: 'Approve' }).click();
    await expect.poll(() => page.getByRole('status').textContent()).toContain('closed and locked');
    await expect.poll(() => page.getByTestId('z-report').count()).toBe(1);
    await expect.poll(() => page.getByTestId('z-over-short').textContent()).toBe('$0.00');
    expect(await page.getByTestId('chart-bar').count()).toBe(1);
    await page.screenshot({ path: join(artifacts, 'drawer-z-report.png'), fullPage: true });
  });

  it('switches user to a manager, who sees the store day with its chart', async () => {
    await page.getByRole('button', { name: 'Lock' }).click();
    await signInAs(page, 'manager');
    await page.keyboard.press('F4');
    await expect.poll(() => page.getByTestId('day-report').textContent()).toContain('Sales (1)');
    expect(await page.getByTestId('chart-bar').count()).toBe(1);
    await page.screenshot({ path: join(artifacts, 'reports-day.png') });
  });

  it('records a deposit bag verified by a second person', async () => {
    await page.getByRole('region', { name: 'Deposit' }).getByLabel('$100.00 pieces').fill('1');
    await page.getByLabel('Bag number').fill('TB-0042');
    await page.getByRole('button', { name: 'Record deposit' }).click();
    await page.getByRole('dialog').getByRole('combobox').selectOption({ label: 'Alex Admin' });
    await page.getByLabel('Manager PIN').fill(DEMO_STAFF.find((s) => s.role === 'admin')?.pin ?? '');
    await page.getByRole('button', { name: 'Approve' }).click();
    await expect.poll(() => page.getByRole('status').textContent()).toContain('Deposit of $100.00 in bag TB-0042 recorded.');
  });

  it('raised no page errors', () => {
    expect(pageErrors).toEqual([]);
  });
});
