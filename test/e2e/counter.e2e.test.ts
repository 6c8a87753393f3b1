import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_STAFF, demoUpc } from '../../src/main/features/demo/seed';
import type { HeadlessHost } from '../../src/main/entries/headless/host';
import { startChildCore, type ChildCore } from '../support/child-core';
import { JORDAN, openRegisterPage, placementOf, serveRegister } from '../support/browser';
import { repoRoot } from '../support/cli';
import { openTempDatabase, type TempDatabase } from '../support/temp-db';

/**
 * The counter as budtenders live it (issue #17), at the two screen sizes
 * counters have: every action's control and every refusal on screen
 * (bounding boxes against the viewport, and not covered or clipped),
 * touch and keyboard, scans wherever they arrive. Screenshots of each
 * screen at both sizes go to test-artifacts/screens/.
 */
const screens = join(repoRoot, 'test-artifacts', 'screens');
const SCAN_BOX = 'Scan or search by name, brand, strain, SKU or UPC';
const pinOf = (role: (typeof DEMO_STAFF)[number]['role']) => DEMO_STAFF.find((s) => s.role === role)?.pin ?? '';

/** The DOM members these tests read in the page (the test's own types have no DOM). */
interface ElementLike {
  readonly scrollHeight: number;
  readonly clientHeight: number;
}

/** Demo products (by their index in the demo catalog) that fall under no purchase limit between them: a long cart a sale can take. */
const MANY_LINES = [30, 31, 32, 33, 34, 35, 36, 37, 38, 39, 42, 43, 44, 45];
const ZKITTLEZ_28G = 8;
const BLUE_DREAM_35 = 0;

describe.each([
  { width: 1024, height: 768 },
  { width: 1366, height: 768 },
])('the counter at $width×$height', ({ width, height }) => {
  let database: TempDatabase;
  let core: ChildCore;
  let host: HeadlessHost;
  let browser: Browser;
  let page: Page;
  let pageErrors: string[] = [];
  /** How many times the screen sent each command. */
  const calls = new Map<string, number>();

  beforeAll(async () => {
    mkdirSync(screens, { recursive: true });
    database = openTempDatabase({ demo: true });
    core = await startChildCore(database);
    const invoke: typeof core.invoke = (name, input) => {
      calls.set(name, (calls.get(name) ?? 0) + 1);
      return core.invoke(name, input);
    };
    host = await serveRegister(core, { invoke });
    ({ browser, page, pageErrors } = await openRegisterPage({ viewport: { width, height } }));
  });

  afterAll(async () => {
    await browser?.close();
    await host?.close();
    await core?.stop();
    database?.dispose();
  });

  const shot = (name: string) => page.screenshot({ path: join(screens, `${name}-${width}x${height}.png`) });

  /** The control is drawn inside the viewport and is what a tap at its centre reaches (not clipped by a scroll box, not covered). */
  async function expectOnScreen(locator: Locator, what: string): Promise<void> {
    await locator.waitFor({ state: 'visible' });
    await expect.poll(() => placementOf(locator, what, { width, height })).toBe('on screen');
  }

  async function expectTouchSized(locator: Locator, what: string): Promise<void> {
    const box = await locator.boundingBox();
    expect(box, what).not.toBeNull();
    expect({ what, width: Math.floor(box?.width ?? 0) >= 44, height: Math.floor(box?.height ?? 0) >= 44 }).toEqual({ what, width: true, height: true });
  }

  /** A wedge scanner: its characters a few ms apart, then Enter, wherever focus is. */
  async function scan(code: string): Promise<void> {
    await page.keyboard.type(code);
    await page.keyboard.press('Enter');
  }

  const scanBox = () => page.getByPlaceholder(SCAN_BOX);
  const cartLines = () => page.getByTestId('cart-line');

  it('signs a budtender in by touch: staff tile, on-screen PIN pad, Sign in', async () => {
    await page.goto(host.url);
    await expect.poll(() => page.getByTestId('store-name').textContent()).toContain('Greentill Demo Dispensary');
    await page.getByRole('radio', { name: /Bailey Budtender/ }).click();
    const pad = page.getByRole('group', { name: 'PIN pad' });
    for (const digit of '0123456789') await expectTouchSized(pad.getByRole('button', { name: digit, exact: true }), `PIN key ${digit}`);
    await shot('sign-in');
    for (const digit of pinOf('budtender')) await pad.getByRole('button', { name: digit, exact: true }).click();
    await expectOnScreen(page.getByRole('button', { name: 'Sign in' }), 'Sign in');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect.poll(() => page.getByTestId('signed-in-as').textContent()).toBe('Bailey Budtender');
  });

  it('shows a budtender only the screens their role can use, and F4 does not open Reports', async () => {
    const tabs = page.getByRole('navigation', { name: 'Screens' }).getByRole('button');
    await expect.poll(() => tabs.allTextContents()).toEqual(['Checkout F1', 'Drawer F2', 'Returns F3', 'Sync F5', 'Orders F11']);
    await page.keyboard.press('F4');
    expect(await page.getByRole('heading', { name: 'Store day' }).count()).toBe(0);
    await expectOnScreen(page.getByRole('button', { name: 'Sign out' }), 'Sign out');
  });

  it('opens the drawer; the cash-movement form and "Record and open drawer" are on screen', async () => {
    await page.keyboard.press('F2');
    await page.getByLabel('$20.00 pieces').fill('10');
    await expectOnScreen(page.getByRole('button', { name: 'Open drawer' }), 'Open drawer');
    await page.getByRole('button', { name: 'Open drawer' }).click();
    await expect.poll(() => page.getByTestId('drawer-session').textContent()).toContain('float $200.00');
    for (const label of ['Kind of cash movement', 'Amount ($)', 'Movement reason']) await expectOnScreen(page.getByLabel(label), label);
    await expectOnScreen(page.getByRole('button', { name: 'Record and open drawer' }), 'Record and open drawer');
    await shot('drawer');
  });

  it('shows product names in the catalog (not a 0 px column)', async () => {
    await page.keyboard.press('F1');
    await expect.poll(() => page.getByTestId('catalog-row').count()).toBeGreaterThan(3);
    const name = page.getByTestId('catalog-row').first().locator('.product-name');
    await expect.poll(async () => Math.round((await name.boundingBox())?.width ?? 0)).toBeGreaterThanOrEqual(180);
    await expectOnScreen(page.getByRole('button', { name: /^Add / }).first(), 'Add');
    await shot('checkout');
  });

  it('with a cart of many lines the list scrolls; totals, tenders and the page stay put', async () => {
    // Flower over the day's limit goes in before anyone checks in: the gate says so at payment.
    for (const index of [ZKITTLEZ_28G, BLUE_DREAM_35, ...MANY_LINES]) await scan(demoUpc(index));
    // The count with what the scan box said, so a lost scan names itself.
    await expect
      .poll(async () => `${await cartLines().count()} lines ${(await page.getByTestId('scan-error').textContent()) ?? ''}`)
      .toBe(`${MANY_LINES.length + 2} lines `);
    const list = page.getByTestId('cart-lines');
    await expect
      .poll(() =>
        list.evaluate((node) => {
          const element = node as unknown as ElementLike;
          return element.scrollHeight > element.clientHeight;
        }),
      )
      .toBe(true);
    // The page itself does not scroll: only the cart list (and the catalog) do.
    expect(await page.evaluate('document.scrollingElement.scrollHeight <= window.innerHeight')).toBe(true);
    await expectOnScreen(page.getByTestId('cart-total'), 'Total');
    await expectOnScreen(page.getByRole('button', { name: /^Cash / }).first(), 'first cash button');
    await expectOnScreen(page.getByRole('button', { name: /^Cash / }).last(), 'last cash button');
    await expectOnScreen(page.getByLabel('Debit reference'), 'Debit reference');
    await expectOnScreen(page.getByRole('button', { name: 'Debit', exact: true }), 'Debit');
    await expectOnScreen(page.getByRole('button', { name: 'Check ID…' }), 'Check ID…');
    // The newest line is the one in view.
    await expectOnScreen(page.getByRole('button', { name: 'Remove Bath Soak 100mg' }), 'the newest line’s remove button');
    await shot('checkout-many-lines');
  });

  it('cart −, + and ✕ are touch-sized (44 × 44 px at least)', async () => {
    const last = cartLines().last();
    await expectTouchSized(last.getByRole('button', { name: /^One fewer / }), '−');
    await expectTouchSized(last.getByRole('button', { name: /^One more / }), '+');
    await expectTouchSized(last.getByRole('button', { name: /^Remove / }), '✕');
  });

  it('the check-in dialog submits with Enter, its result and buttons are on screen, and Escape closes it', async () => {
    await page.getByRole('button', { name: 'Check ID…' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('ID number').fill('D7654321');
    await dialog.getByLabel('First name').fill('Sky');
    await dialog.getByLabel('Last name').fill('Young');
    await dialog.getByLabel('Date of birth').fill('2006-01-15');
    await dialog.getByLabel('ID expiry').fill('2031-01-15');
    await dialog.getByLabel('Last name').press('Enter');
    await expect.poll(() => page.getByTestId('check-in-result').textContent()).toContain('21 is the minimum');
    await expectOnScreen(page.getByTestId('check-in-result'), 'check-in result');
    await expectOnScreen(dialog.getByRole('button', { name: 'Cancel' }), 'Cancel');
    await expectOnScreen(dialog.getByRole('button', { name: 'Check ID' }), 'Check ID');
    await shot('check-in-refused');
    await dialog.getByRole('heading').click();
    await page.keyboard.press('Escape');
    await expect.poll(() => page.getByRole('dialog').count()).toBe(0);
    // Jordan, typed and checked by keyboard alone: Enter checks, Enter again continues.
    await page.getByRole('button', { name: 'Check ID…' }).click();
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
    await expectOnScreen(page.getByTestId('check-in-result'), 'check-in result');
    await expectOnScreen(dialog.getByRole('button', { name: 'Continue' }), 'Continue');
    await shot('check-in-accepted');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByRole('dialog').count()).toBe(0);
    await expect.poll(() => page.getByTestId('cart-customer').textContent()).toMatch(/Jordan Rivera/i);
  });

  it('a limit refusal is on screen next to the tenders, and goes once the cart changes', async () => {
    await page
      .getByRole('button', { name: /^Cash / })
      .first()
      .click();
    await expect.poll(() => page.getByTestId('payment-error').textContent()).toContain('Over the daily flower limit');
    await expectOnScreen(page.getByTestId('payment-error'), 'the limit refusal');
    await shot('checkout-limit-refused');
    await page.getByRole('button', { name: 'Remove Blue Dream 3.5g' }).click();
    await expect.poll(() => cartLines().count()).toBe(MANY_LINES.length + 1);
    await expect.poll(() => page.getByTestId('payment-error').textContent()).toBe('');
  });

  it('takes a keyed cash amount from the keypad and shows the change', async () => {
    const total = (await page.getByTestId('cart-total').textContent()) ?? '';
    expect(total).toMatch(/^\$\d/);
    await expectOnScreen(page.getByRole('button', { name: 'Other amount…' }), 'Other amount…');
    await page.getByRole('button', { name: 'Other amount…' }).click();
    const keypad = page.getByRole('group', { name: 'Cash keypad' });
    await expectOnScreen(keypad, 'the cash keypad');
    for (const key of ['1', '0', '0', '0', '00']) await keypad.getByRole('button', { name: key, exact: true }).click();
    await expect.poll(() => page.getByLabel('Cash handed over ($)').inputValue()).toBe('1000.00');
    const due = Number(total.replace(/[$,.]/g, ''));
    const change = 100_000 - due;
    await expect.poll(() => page.getByTestId('cash-change').textContent()).toBe(`Change $${Math.floor(change / 100)}.${String(change % 100).padStart(2, '0')}`);
    await expectOnScreen(page.getByRole('button', { name: 'Take $1,000.00 cash' }), 'Take cash');
    await page.getByRole('button', { name: 'Take $1,000.00 cash' }).click();
    await expect.poll(() => page.getByTestId('change-due').count()).toBe(1);
    expect(await page.getByTestId('change-due').textContent()).toBe(`$${Math.floor(change / 100)}.${String(change % 100).padStart(2, '0')}`);
    await expectOnScreen(page.getByRole('button', { name: 'Next customer' }), 'Next customer');
    await shot('sale-complete');
  });

  it('a scan on the "Sale complete" screen starts the next sale and presses no button', async () => {
    await page.getByRole('button', { name: 'Print receipt' }).click();
    await expect.poll(() => calls.get('sale-receipt-print') ?? 0).toBe(1);
    await expect.poll(() => page.getByRole('status').textContent()).not.toBe('');
    const prints = 1;
    await scan(demoUpc(31));
    await expect.poll(() => cartLines().count()).toBe(1);
    expect(await page.getByTestId('change-due').count()).toBe(0);
    expect(calls.get('sale-receipt-print')).toBe(prints);
    await expect.poll(() => page.evaluate('document.activeElement?.getAttribute("placeholder")')).toBe(SCAN_BOX);
  });

  it('leftover search text is not joined to the next scan', async () => {
    await page.keyboard.type('house', { delay: 60 });
    await expect.poll(() => scanBox().inputValue()).toBe('house');
    // The budtender turns to the customer; a while later the next product is scanned.
    await page.waitForTimeout(400);
    await scan(demoUpc(32));
    await expect.poll(() => cartLines().count()).toBe(2);
    expect(await page.getByTestId('scan-error').textContent()).toBe('');
    await expect.poll(() => scanBox().inputValue()).toBe('');
  });

  it('Enter on a typed name searches; arrows and Enter pick a result; SKUs match whatever their case', async () => {
    await page.keyboard.type('sour diesel', { delay: 40 });
    await page.keyboard.press('Enter');
    expect(await page.getByTestId('scan-error').textContent()).toBe('');
    await expect.poll(() => page.locator('[data-testid="catalog-row"][aria-selected="true"]').count()).toBe(1);
    const first = await page.locator('[data-testid="catalog-row"][aria-selected="true"] .product-name').textContent();
    await page.keyboard.press('ArrowDown');
    const second = (await page.locator('[data-testid="catalog-row"][aria-selected="true"] .product-name').textContent()) ?? '';
    expect(second).not.toBe(first);
    await shot('checkout-search-pick');
    await page.keyboard.press('Enter');
    await expect.poll(() => cartLines().count()).toBe(3);
    expect(await cartLines().last().locator('.product-name').textContent()).toBe(second);
    await expect.poll(() => scanBox().inputValue()).toBe('');
    // GT-0001 is Blue Dream 3.5g's SKU.
    await page.keyboard.type('gt-0001', { delay: 40 });
    await page.keyboard.press('Enter');
    await expect.poll(() => cartLines().count()).toBe(4);
    expect(await page.getByTestId('scan-error').textContent()).toBe('');
    expect(await cartLines().last().locator('.product-name').textContent()).toBe('Blue Dream 3.5g');
  });

  it('? lists the shortcuts on screen; Escape closes the list', async () => {
    await page.keyboard.press('?');
    const dialog = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
    await expect.poll(() => dialog.count()).toBe(1);
    for (const key of ['F1', 'F2', 'Enter', 'Esc', '?']) expect(await dialog.textContent()).toContain(key);
    await expectOnScreen(dialog.getByRole('button', { name: 'Close' }), 'Close');
    await shot('shortcuts');
    await page.keyboard.press('Escape');
    await expect.poll(() => dialog.count()).toBe(0);
    expect(await scanBox().inputValue()).toBe('');
  });

  it('pays the second sale and finds the first for a return; the reason is cleared for the next return', async () => {
    // Another adult (Jordan bought his day's flower already), typed in and checked by keyboard.
    await page.getByRole('button', { name: 'Check ID…' }).click();
    const dialog = page.getByRole('dialog');
    for (const [label, value] of [
      ['ID number', 'D7654321'],
      ['First name', 'Sky'],
      ['Last name', 'Young'],
      ['Date of birth', '1990-01-15'],
      ['ID expiry', '2031-01-15'],
    ] as const)
      await dialog.getByLabel(label).fill(value);
    await dialog.getByLabel('ID number').press('Enter');
    await expect.poll(() => page.getByTestId('check-in-result').textContent()).toContain('Accepted');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByTestId('cart-customer').count()).toBe(1);
    await page
      .getByRole('button', { name: /^Cash / })
      .first()
      .click();
    await page.getByRole('button', { name: 'Next customer' }).click();
    await page.keyboard.press('F3');
    await page.getByLabel('Sale number').fill('C1-000001');
    await page.getByRole('button', { name: 'Find' }).click();
    await expect.poll(() => page.getByTestId('found-sale').textContent()).toContain('C1-000001');
    await page.getByLabel('Return quantity of Zkittlez 28g').fill('1');
    await page.getByLabel('Reason', { exact: true }).fill('Customer changed mind');
    await page.getByRole('button', { name: 'Return items' }).click();
    await page.getByRole('dialog').getByRole('combobox').selectOption({ label: 'Morgan Manager' });
    await page.getByLabel('Manager PIN').fill(pinOf('manager'));
    await page.getByRole('button', { name: 'Approve' }).click();
    await expect.poll(() => page.getByRole('status').textContent()).toContain('refund');
    await expect.poll(() => page.getByLabel('Reason', { exact: true }).inputValue()).toBe('');
    await shot('returns');
  });

  it('a void asks for confirmation showing the refund it will record', async () => {
    await page.getByLabel('Sale number').fill('C1-000002');
    await page.getByRole('button', { name: 'Find' }).click();
    await expect.poll(() => page.getByTestId('found-sale').textContent()).toContain('C1-000002');
    const total = ((await page.getByTestId('found-sale').textContent()) ?? '').match(/\$[\d,]+\.\d\d/)?.[0] ?? '';
    await page.getByLabel('Reason', { exact: true }).fill('Rung on the wrong customer');
    await page.getByRole('button', { name: 'Void sale' }).click();
    const confirm = page.getByRole('dialog', { name: /Void sale C1-000002/ });
    await expect.poll(() => confirm.textContent()).toContain(total);
    await expectOnScreen(confirm.getByRole('button', { name: 'Cancel' }), 'Cancel');
    await shot('void-confirm');
    await confirm.getByRole('button', { name: 'Cancel' }).click();
    expect(calls.get('sale-void') ?? 0).toBe(0);
    await page.getByRole('button', { name: 'Void sale' }).click();
    await confirm.getByRole('button', { name: /^Void and refund/ }).click();
    await page.getByRole('dialog').getByRole('combobox').selectOption({ label: 'Morgan Manager' });
    await page.getByLabel('Manager PIN').fill(pinOf('manager'));
    await page.getByRole('button', { name: 'Approve' }).click();
    await expect.poll(() => page.getByRole('status').textContent()).toContain('Voided');
  });

  it('"Submit count" with nothing entered records nothing; a count and a close each confirm the figures first', async () => {
    await page.keyboard.press('F2');
    await page.getByRole('button', { name: 'Submit count' }).click();
    await expect.poll(() => page.getByTestId('count-error').textContent()).toContain('Nothing is counted yet');
    await expectOnScreen(page.getByTestId('count-error'), 'the count’s refusal');
    expect(calls.get('drawer-count') ?? 0).toBe(0);
    expect(await page.getByTestId('drawer-session').textContent()).toContain('open');
    await page.getByLabel('$100.00 pieces').fill('2');
    await page.getByLabel('$5.00 pieces').fill('1');
    await page.getByRole('button', { name: 'Submit count' }).click();
    const confirm = page.getByRole('dialog', { name: 'Record this count?' });
    await expect.poll(() => confirm.textContent()).toContain('$205.00');
    await expectOnScreen(confirm.getByRole('button', { name: 'Record count' }), 'Record count');
    await shot('count-confirm');
    await confirm.getByRole('button', { name: 'Record count' }).click();
    await expect.poll(() => page.getByTestId('count-result').textContent()).toContain('Counted$205.00');
    const expected = ((await page.getByTestId('count-result').textContent()) ?? '').match(/Expected(\$[\d,]+\.\d\d)/)?.[1] ?? '';
    await page.getByLabel('What happened (required when over or short)').fill('Counted twice, recounted');
    await page.getByRole('button', { name: 'Close drawer' }).click();
    const close = page.getByRole('dialog', { name: 'Close the drawer?' });
    await expect.poll(() => close.textContent()).toContain('$205.00');
    expect(await close.textContent()).toContain(expected);
    await shot('close-confirm');
    await close.getByRole('button', { name: 'Close and lock the drawer' }).click();
    await page.getByRole('dialog').getByRole('combobox').selectOption({ label: 'Morgan Manager' });
    await page.getByLabel('Manager PIN').fill(pinOf('manager'));
    await page.getByRole('button', { name: 'Approve' }).click();
    await expect.poll(() => page.getByRole('status').textContent()).toContain('closed and locked');
  });

  it('sign-out clears the counter: the next person starts with no cart and no customer', async () => {
    await page.keyboard.press('F1');
    await scan(demoUpc(33));
    await expect.poll(() => cartLines().count()).toBe(1);
    await page.getByRole('button', { name: 'Sign out' }).click();
    const dialog = page.getByRole('dialog', { name: 'Sign out' });
    await expect.poll(() => dialog.textContent()).toContain('1 line');
    await shot('sign-out');
    await dialog.getByRole('button', { name: 'Park it and sign out' }).click();
    await expect.poll(() => page.getByRole('radio', { name: /Morgan Manager/ }).count()).toBe(1);
    await page.getByRole('radio', { name: /Morgan Manager/ }).click();
    await page.keyboard.type(pinOf('manager'));
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByTestId('signed-in-as').textContent()).toBe('Morgan Manager');
    await expect.poll(() => page.getByRole('button', { name: /^Resume / }).count()).toBe(1);
    expect(await cartLines().count()).toBe(0);
    expect(await page.getByTestId('cart-customer').count()).toBe(0);
    // A manager sees Reports.
    await expect
      .poll(() => page.getByRole('navigation', { name: 'Screens' }).getByRole('button').allTextContents())
      .toEqual(['Checkout F1', 'Drawer F2', 'Returns F3', 'Reports F4', 'Sync F5', 'Back room F9', 'Care F10', 'Orders F11', 'Staff', 'Settings']);
    await page.keyboard.press('F4');
    await expect.poll(() => page.getByRole('heading', { name: 'Store day' }).count()).toBe(1);
    await shot('reports');
  });

  it('raised no page errors', () => {
    expect(pageErrors).toEqual([]);
  });
});
