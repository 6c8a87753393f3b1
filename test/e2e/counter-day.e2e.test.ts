import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_STAFF, demoUpc } from '../../src/main/features/demo/seed';
import { expectedCash } from '../../src/main/features/cash-drawer/expected';
import { drawerSessions } from '../../src/main/platform/db/schema';
import type { HeadlessHost } from '../../src/main/entries/headless/host';
import { startChildCore, type ChildCore } from '../support/child-core';
import { launchChromium, placementOf, serveRegister } from '../support/browser';
import { repoRoot } from '../support/cli';
import { licenceBarcode } from '../support/licence';
import { openTempDatabase, type TempDatabase } from '../support/temp-db';

/**
 * Issue #17's acceptance: a day at the counter walked twice at each counter
 * screen size — once by touch alone (taps; the scanner is the only
 * keyboard), once by keyboard alone (no mouse, no taps). Sign in, open the
 * drawer with a float, check a customer in by scanning their licence, ring
 * several lines with the limit meter in view, take keyed cash and show the
 * change, start the next sale by scanning on "Sale complete", return part
 * of an earlier sale picked from the list, void one with its confirmation,
 * count and close the drawer with theirs, sign out. Before each control is
 * used it is asserted fully inside the viewport and reachable there (not
 * covered or clipped). A screenshot of each screen, per pass and size, goes
 * to test-artifacts/screens/.
 */
const screens = join(repoRoot, 'test-artifacts', 'screens');
const pinOf = (role: (typeof DEMO_STAFF)[number]['role']) => DEMO_STAFF.find((s) => s.role === role)?.pin ?? '';
const BLUE_DREAM_35 = 0;
/** US notes and coins, largest first (the Drawer screen's rows). */
const DENOMINATIONS = [10_000, 5_000, 2_000, 1_000, 500, 100, 25, 10, 5, 1] as const;
const dollars = (cents: number) => `$${(cents / 100).toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;

const JORDAN_LICENCE = licenceBarcode({
  idNumber: 'D1234567',
  familyName: 'Rivera',
  firstName: 'Jordan',
  dateOfBirth: '1990-04-12',
  expiry: '2029-04-12',
  issuer: 'CA',
});
const SKY_LICENCE = licenceBarcode({
  idNumber: 'D7654321',
  familyName: 'Young',
  firstName: 'Sky',
  dateOfBirth: '1990-01-15',
  expiry: '2031-01-15',
  issuer: 'CA',
});

/** The DOM member read in the page (the test's own types have no DOM). */
type PageGlobals = { document: { activeElement: unknown } };

describe.each([
  { mode: 'touch', width: 1024, height: 768 },
  { mode: 'touch', width: 1366, height: 768 },
  { mode: 'keyboard', width: 1024, height: 768 },
  { mode: 'keyboard', width: 1366, height: 768 },
] as const)('a day at the counter, $mode only, at $width×$height', ({ mode, width, height }) => {
  let database: TempDatabase;
  let core: ChildCore;
  let host: HeadlessHost;
  let browser: Browser;
  let page: Page;
  const pageErrors: string[] = [];
  /** Sale 1's total, read off the cart as it is paid. */
  let firstTotal = '';

  beforeAll(async () => {
    mkdirSync(screens, { recursive: true });
    database = openTempDatabase({ demo: true });
    core = await startChildCore(database);
    host = await serveRegister(core);
    browser = await launchChromium();
    // A touch screen (taps are touch events) for the touch pass; a plain one for the keyboard pass.
    const context = await browser.newContext({ viewport: { width, height }, hasTouch: mode === 'touch' });
    page = await context.newPage();
    page.setDefaultTimeout(5_000);
    page.on('pageerror', (error) => pageErrors.push(error.message));
    page.on('console', (message) => {
      if (message.type() === 'error') pageErrors.push(message.text());
    });
  });

  afterAll(async () => {
    await browser?.close();
    await host?.close();
    await core?.stop();
    database?.dispose();
  });

  const shot = (name: string) => page.screenshot({ path: join(screens, `day-${mode}-${name}-${width}x${height}.png`) });

  /**
   * The control is drawn fully inside the viewport and is what a tap at its centre reaches. A control below
   * the fold is first brought into view (a swipe, or the scroll focus makes), never pressed off screen.
   */
  async function expectOnScreen(locator: Locator, what: string): Promise<void> {
    await locator.waitFor({ state: 'visible' });
    await locator.scrollIntoViewIfNeeded();
    await expect.poll(() => placementOf(locator, what, { width, height })).toBe('on screen');
  }

  /** Touch: a tap on the control, once it is on screen; a finger needs it 44 × 44 px at least. */
  async function tap(locator: Locator, what: string): Promise<void> {
    await expectOnScreen(locator, what);
    const box = await locator.boundingBox();
    expect({ what, width: Math.round(box?.width ?? 0) >= 44, height: Math.round(box?.height ?? 0) >= 44 }).toEqual({ what, width: true, height: true });
    await locator.tap();
  }

  const focused = (locator: Locator) => locator.evaluate((node) => (globalThis as unknown as PageGlobals).document.activeElement === node).catch(() => false);

  /** Keyboard: Tab (or Shift+Tab) until the control has the focus, as a person would; then it must be on screen. */
  async function focus(locator: Locator, what: string): Promise<void> {
    await locator.waitFor({ state: 'visible' });
    for (const key of ['Tab', 'Shift+Tab'] as const) {
      for (let presses = 0; presses < 60; presses += 1) {
        if (await focused(locator)) {
          await expectOnScreen(locator, what);
          return;
        }
        await page.keyboard.press(key);
      }
    }
    throw new Error(`${what}: Tab and Shift+Tab never reach it`);
  }

  /** Keyboard: focus the control by Tab, then Enter. */
  async function press(locator: Locator, what: string): Promise<void> {
    await focus(locator, what);
    await page.keyboard.press('Enter');
  }

  /** Whichever the pass: tap it, or Tab to it and press Enter. */
  async function use(locator: Locator, what: string): Promise<void> {
    if (mode === 'touch') await tap(locator, what);
    else await press(locator, what);
  }

  /** A wedge scanner — in either pass the one keyboard a touch counter has: its characters, then Enter, wherever focus is. */
  async function scan(code: string): Promise<void> {
    await page.keyboard.type(code);
    await page.keyboard.press('Enter');
  }

  /** Keyboard: a person typing (a few dozen ms a key: quicker bursts are a wedge scanner's, and read as a scan). */
  const typed = (text: string) => page.keyboard.type(text, { delay: 50 });

  /** Touch: the digits on an on-screen keypad. */
  async function tapKeys(pad: Locator, digits: string, what: string): Promise<void> {
    for (const digit of digits) await tap(pad.getByRole('button', { name: digit, exact: true }), `${what} key ${digit}`);
  }

  /** A manager's PIN in the approval dialog: on its PIN pad by touch, typed by keyboard (the PIN field has the focus). */
  async function approveAsManager(): Promise<void> {
    const dialog = page.getByRole('dialog', { name: 'Manager approval' });
    await dialog.waitFor();
    await expect.poll(() => dialog.getByRole('combobox').inputValue()).toBe('staff-demo-manager');
    if (mode === 'touch') {
      await tapKeys(dialog.getByRole('group', { name: 'Approval PIN pad' }), pinOf('manager'), 'manager PIN pad');
      await tap(dialog.getByRole('button', { name: 'Approve' }), 'Approve');
    } else {
      expect(await focused(dialog.getByLabel('Manager PIN', { exact: true }))).toBe(true);
      await typed(pinOf('manager'));
      await page.keyboard.press('Enter');
    }
    await expect.poll(() => dialog.count()).toBe(0);
  }

  const tab = (label: string) => page.getByRole('navigation', { name: 'Screens' }).getByRole('button', { name: new RegExp(`^${label} F`) });
  /** Another screen: its tab tapped, or its function key. */
  async function goTo(label: string, key: string): Promise<void> {
    if (mode === 'touch') await tap(tab(label), `${label} tab`);
    else await page.keyboard.press(key);
    await expect.poll(() => tab(label).getAttribute('aria-current')).toBe('page');
  }

  const cartLines = () => page.getByTestId('cart-line');

  it('signs a budtender in: their tile and the PIN', async () => {
    await page.goto(host.url);
    await expect.poll(() => page.getByTestId('store-name').textContent()).toContain('Greentill Demo Dispensary');
    const bailey = page.getByRole('radio', { name: /Bailey Budtender/ });
    if (mode === 'touch') {
      await tap(bailey, 'Bailey’s tile');
      await tapKeys(page.getByRole('group', { name: 'PIN pad' }), pinOf('budtender'), 'PIN pad');
      await shot('sign-in');
      await tap(page.getByRole('button', { name: 'Sign in' }), 'Sign in');
    } else {
      await press(bailey, 'Bailey’s tile');
      // Picked, the PIN field takes the focus.
      await expect.poll(() => focused(page.getByLabel('PIN', { exact: true }))).toBe(true);
      await typed(pinOf('budtender'));
      await shot('sign-in');
      await page.keyboard.press('Enter');
    }
    await expect.poll(() => page.getByTestId('signed-in-as').textContent()).toBe('Bailey Budtender');
    // The first sign-in of the store day opens the opening check (when one is due at this terminal).
    const opening = () => page.locator('.app').getAttribute('data-opening-check');
    await expect.poll(opening).toMatch(/^(shown|done)$/);
    if ((await opening()) === 'shown') {
      await shot('opening-check');
      await use(page.getByRole('button', { name: 'Continue to the register' }), 'Continue to the register');
      await expect.poll(() => page.getByRole('button', { name: 'Continue to the register' }).count()).toBe(0);
    }
  });

  it('opens the drawer with a counted float', async () => {
    await goTo('Drawer', 'F2');
    const twenties = page.getByLabel('$20.00 pieces');
    if (mode === 'touch') {
      await tap(twenties, '$20.00 pieces');
      await tapKeys(page.getByRole('group', { name: 'Count keypad' }), '10', 'count keypad');
    } else {
      await focus(twenties, '$20.00 pieces');
      await typed('10');
    }
    await expect.poll(() => page.getByTestId('count-total').textContent()).toBe('Total $200.00');
    await shot('drawer-float');
    await use(page.getByRole('button', { name: 'Open drawer' }), 'Open drawer');
    await expect.poll(() => page.getByTestId('drawer-session').textContent()).toContain('float $200.00');
  });

  it('checks a customer in by scanning their licence', async () => {
    await goTo('Checkout', 'F1');
    await page.getByPlaceholder('Scan or search by name, brand, strain, SKU or UPC').waitFor();
    await scan(JORDAN_LICENCE);
    const dialog = page.getByRole('dialog', { name: /^Check in/ });
    await expect.poll(() => page.getByTestId('scan-note').textContent()).toContain('Licence scanned');
    await use(dialog.getByRole('button', { name: 'Check ID' }), 'Check ID');
    await expect.poll(() => page.getByTestId('check-in-result').textContent()).toContain('Accepted: JORDAN RIVERA');
    await expectOnScreen(page.getByTestId('check-in-result'), 'check-in result');
    await shot('check-in');
    await use(dialog.getByRole('button', { name: 'Continue' }), 'Continue');
    await expect.poll(() => dialog.count()).toBe(0);
    await expect.poll(() => page.getByTestId('cart-customer').textContent()).toContain('JORDAN RIVERA');
  });

  it('rings a sale of several lines; the limit meter follows them', async () => {
    await scan(demoUpc(BLUE_DREAM_35));
    await scan(demoUpc(30));
    await expect.poll(() => cartLines().count()).toBe(2);
    if (mode === 'touch') {
      // One more picked from the catalog by its Add button.
      await tap(page.getByRole('button', { name: 'Add Blue Dream 7g' }), 'Add Blue Dream 7g');
    } else {
      // One more found by name: the first result picked with Enter, the next with ↓ and Enter.
      await typed('sour diesel');
      await page.keyboard.press('Enter');
      await expect.poll(() => page.locator('[data-testid="catalog-row"][aria-selected="true"]').count()).toBe(1);
      await page.keyboard.press('ArrowDown');
      await page.keyboard.press('Enter');
    }
    await expect.poll(() => cartLines().count()).toBe(3);
    if (mode === 'keyboard') {
      // ? lists the keys, the cash keypad's among them; Escape puts them away.
      await page.keyboard.press('?');
      const keys = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
      await expect.poll(() => keys.textContent()).toContain('F12');
      await shot('shortcuts');
      await page.keyboard.press('Escape');
      await expect.poll(() => keys.count()).toBe(0);
    }
    const meter = page.getByTestId('limit-meter');
    await expectOnScreen(meter, 'the limit meter');
    await expect.poll(() => page.getByTestId('limit-flower').textContent()).toMatch(/^Flower [\d.]+ g of 28\.5 g today$/);
    await shot('cart');
  });

  it('takes the cash handed over, keyed, and shows the change', async () => {
    firstTotal = (await page.getByTestId('cart-total').textContent()) ?? '';
    const due = Number(firstTotal.replace(/[$,.]/g, ''));
    expect(due).toBeGreaterThan(0);
    expect(due).toBeLessThan(20_000);
    if (mode === 'touch') await tap(page.getByRole('button', { name: 'Other amount…' }), 'Other amount…');
    // F12: pay in cash, keying what was handed over (listed with the shortcuts).
    else await page.keyboard.press('F12');
    const dialog = page.getByRole('dialog', { name: 'Cash handed over' });
    await dialog.waitFor();
    if (mode === 'touch') await tapKeys(dialog.getByRole('group', { name: 'Cash keypad' }), '20000', 'cash keypad');
    else await typed('20000');
    await expect.poll(() => dialog.getByLabel('Cash handed over ($)').inputValue()).toBe('200.00');
    await expect.poll(() => page.getByTestId('cash-change').textContent()).toBe(`Change ${dollars(20_000 - due)}`);
    await shot('cash-keyed');
    const take = dialog.getByRole('button', { name: 'Take $200.00 cash' });
    if (mode === 'touch') await tap(take, 'Take cash');
    else {
      await expectOnScreen(take, 'Take cash');
      await page.keyboard.press('Enter');
    }
    await expect.poll(() => page.getByTestId('change-due').textContent()).toBe(dollars(20_000 - due));
    await expectOnScreen(page.getByTestId('change-due'), 'the change due');
    await shot('sale-complete');
  });

  it('starts the next sale by scanning on "Sale complete", and pays it', async () => {
    await scan(demoUpc(31));
    await expect.poll(() => cartLines().count()).toBe(1);
    expect(await page.getByTestId('change-due').count()).toBe(0);
    await scan(SKY_LICENCE);
    const dialog = page.getByRole('dialog', { name: /^Check in/ });
    await expect.poll(() => page.getByTestId('scan-note').textContent()).toContain('Licence scanned');
    await use(dialog.getByRole('button', { name: 'Check ID' }), 'Check ID');
    await expect.poll(() => page.getByTestId('check-in-result').textContent()).toContain('Accepted: SKY YOUNG');
    await use(dialog.getByRole('button', { name: 'Continue' }), 'Continue');
    await expect.poll(() => page.getByTestId('cart-customer').textContent()).toContain('SKY YOUNG');
    if (mode === 'touch') {
      await tap(page.getByRole('button', { name: /^Cash / }).first(), 'exact cash');
    } else {
      const total = (await page.getByTestId('cart-total').textContent()) ?? '';
      await page.keyboard.press('F12');
      await page.getByRole('dialog', { name: 'Cash handed over' }).waitFor();
      await typed(total.replace(/[$,.]/g, ''));
      await page.keyboard.press('Enter');
    }
    await expect.poll(() => page.getByTestId('change-due').textContent()).toBe('$0.00');
    const next = page.getByRole('button', { name: 'Next customer' });
    if (mode === 'touch') await tap(next, 'Next customer');
    else {
      // Focus is on Next customer when the sale completes.
      await expect.poll(() => focused(next)).toBe(true);
      await press(next, 'Next customer');
    }
    await expect.poll(() => page.getByTestId('change-due').count()).toBe(0);
  });

  it('returns part of the first sale, picked from the list of today’s sales', async () => {
    await goTo('Returns', 'F3');
    const rows = page.getByTestId('recent-sale');
    await expect.poll(() => rows.count()).toBe(2);
    await shot('returns-list');
    await use(page.getByRole('button', { name: 'C1-000001', exact: true }), 'sale C1-000001 in the list');
    await expect.poll(() => page.getByTestId('found-sale').textContent()).toContain(`Sale C1-000001 · ${firstTotal}`);
    if (mode === 'touch') {
      await tap(page.getByRole('button', { name: 'One more Blue Dream 3.5g to return' }), 'one more to return');
      await tap(page.getByRole('button', { name: 'Customer changed mind', exact: true }), 'the reason “Customer changed mind”');
    } else {
      await focus(page.getByLabel('Return quantity of Blue Dream 3.5g'), 'Return quantity');
      await typed('1');
      await focus(page.getByLabel('Reason', { exact: true }), 'Reason');
      await typed('Customer changed mind');
    }
    await expect.poll(() => page.getByLabel('Return quantity of Blue Dream 3.5g').inputValue()).toBe('1');
    await expect.poll(() => page.getByLabel('Reason', { exact: true }).inputValue()).toBe('Customer changed mind');
    await shot('return');
    await use(page.getByRole('button', { name: 'Return items' }), 'Return items');
    await approveAsManager();
    await expect.poll(() => page.getByRole('status').textContent()).toMatch(/^✓ Return C1-000001-R1: refund \$/);
    // The reason does not carry over to what is done next.
    expect(await page.getByLabel('Reason', { exact: true }).inputValue()).toBe('');
  });

  it('voids the second sale after confirming the refund it records', async () => {
    await use(page.getByRole('button', { name: 'C1-000002', exact: true }), 'sale C1-000002 in the list');
    await expect.poll(() => page.getByTestId('found-sale').textContent()).toContain('Sale C1-000002');
    const total = ((await page.getByTestId('found-sale').textContent()) ?? '').match(/\$[\d,]+\.\d\d/)?.[0] ?? '';
    if (mode === 'touch') await tap(page.getByRole('button', { name: 'Rung in error', exact: true }), 'the reason “Rung in error”');
    else {
      await focus(page.getByLabel('Reason', { exact: true }), 'Reason');
      await typed('Rung in error');
    }
    await use(page.getByRole('button', { name: 'Void sale' }), 'Void sale');
    const confirm = page.getByRole('dialog', { name: 'Void sale C1-000002?' });
    await expect.poll(() => confirm.getByTestId('confirm-figures').textContent()).toContain(total);
    await shot('void-confirm');
    // Backed out of once (Cancel, or Escape): nothing is voided; then asked again and confirmed.
    if (mode === 'touch') await tap(confirm.getByRole('button', { name: 'Cancel' }), 'Cancel');
    else await page.keyboard.press('Escape');
    await expect.poll(() => confirm.count()).toBe(0);
    expect(database.sqlite.prepare("SELECT status FROM sales WHERE sale_number = 'C1-000002'").get()).toEqual({ status: 'completed' });
    await use(page.getByRole('button', { name: 'Void sale' }), 'Void sale');
    await use(confirm.getByRole('button', { name: `Void and refund ${total}` }), 'Void and refund');
    await approveAsManager();
    await expect.poll(() => page.getByRole('status').textContent()).toContain('Voided');
    await expect.poll(() => page.getByTestId('recent-sale').nth(0).textContent()).toContain('voided');
  });

  it('counts the drawer and closes it, each confirmed with its figures', async () => {
    await goTo('Drawer', 'F2');
    const session = database.db
      .select()
      .from(drawerSessions)
      .all()
      .find((s) => s.status === 'open');
    if (session === undefined) throw new Error('no open drawer');
    // The touch pass counts what is there; the keyboard pass finds a dollar more (over: explained, a manager approves).
    const expected = expectedCash(database.db, session).expectedCashCents;
    let left = expected + (mode === 'keyboard' ? 100 : 0);
    for (const cents of DENOMINATIONS) {
      const pieces = Math.floor(left / cents);
      left -= pieces * cents;
      if (pieces === 0) continue;
      const field = page.getByLabel(`${dollars(cents)} pieces`);
      if (mode === 'touch') {
        await tap(field, `${dollars(cents)} pieces`);
        await tapKeys(page.getByRole('group', { name: 'Count keypad' }), String(pieces), 'count keypad');
      } else {
        await focus(field, `${dollars(cents)} pieces`);
        await typed(String(pieces));
      }
    }
    const counted = expected + (mode === 'keyboard' ? 100 : 0);
    await expect.poll(() => page.getByTestId('count-total').first().textContent()).toBe(`Total ${dollars(counted)}`);
    await shot('count');
    await use(page.getByRole('button', { name: 'Submit count' }), 'Submit count');
    const confirm = page.getByRole('dialog', { name: 'Record this count?' });
    await expect.poll(() => confirm.getByTestId('confirm-figures').textContent()).toContain(dollars(counted));
    await shot('count-confirm');
    await use(confirm.getByRole('button', { name: 'Record count' }), 'Record count');
    await expect
      .poll(() => page.getByTestId('count-result').textContent())
      .toBe(`Counted${dollars(counted)}Expected${dollars(expected)}Over${mode === 'keyboard' ? '$1.00' : '$0.00'}`);
    if (mode === 'keyboard') {
      await focus(page.getByLabel('What happened (required when over or short)'), 'What happened');
      await typed('A dollar of a customer’s left on the counter');
    }
    await use(page.getByRole('button', { name: 'Close drawer' }), 'Close drawer');
    const close = page.getByRole('dialog', { name: 'Close the drawer?' });
    await expect.poll(() => close.getByTestId('confirm-figures').textContent()).toContain(`Expected${dollars(expected)}`);
    await shot('close-confirm');
    await use(close.getByRole('button', { name: 'Close and lock the drawer' }), 'Close and lock the drawer');
    // A budtender closes a drawer with a manager's PIN.
    await approveAsManager();
    await expect.poll(() => page.getByRole('status').first().textContent()).toContain('closed and locked');
    await shot('drawer-closed');
  });

  it('signs out: the sign-in screen is back', async () => {
    await use(page.getByRole('button', { name: 'Sign out', exact: true }), 'Sign out');
    await expect.poll(() => page.getByRole('radio', { name: /Bailey Budtender/ }).count()).toBe(1);
    expect(await page.getByTestId('signed-in-as').count()).toBe(0);
    await shot('signed-out');
  });

  it('raised no page errors', () => {
    expect(pageErrors).toEqual([]);
  });
});
