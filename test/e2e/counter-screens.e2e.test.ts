import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_STAFF, demoUpc } from '../../src/main/features/demo/seed';
import type { HeadlessHost } from '../../src/main/entries/headless/host';
import { signInAs, demoRegisterPage, type DemoRegisterPage } from '../support/browser';
import { repoRoot } from '../support/cli';
import type { TempDatabase } from '../support/temp-db';

/**
 * Issue #17, item 15: core features that had no screen. Cash-only mode on
 * the Drawer screen (a budtender needs a manager's PIN, a manager switches
 * it on their own; confirmed before it is recorded); registering a new
 * customer from check-in; the ID data retention setting for the compliance
 * officer.
 */
const screens = join(repoRoot, 'test-artifacts', 'screens');
const pinOf = (role: (typeof DEMO_STAFF)[number]['role']) => DEMO_STAFF.find((s) => s.role === role)?.pin ?? '';

describe('screens for core features that had none (issue #17, item 15)', () => {
  let register: DemoRegisterPage;
  let database: TempDatabase;
  let host: HeadlessHost;
  let page: Page;
  let pageErrors: string[] = [];

  beforeAll(async () => {
    mkdirSync(screens, { recursive: true });
    register = await demoRegisterPage({ viewport: { width: 1024, height: 768 } });
    ({ database, host, page, pageErrors } = register);
  });

  afterAll(() => register?.close());

  const switches = () => database.sqlite.prepare('SELECT cash_only, staff_id, approved_by FROM tender_mode_changes ORDER BY rowid').all();

  it('cash-only mode: a budtender’s switch asks for a manager, is confirmed first, and shows who and when', async () => {
    await page.goto(host.url);
    await signInAs(page, 'budtender');
    await page.keyboard.press('F2');
    const panel = page.getByTestId('tender-mode');
    await expect.poll(() => panel.getByTestId('tender-mode-state').textContent()).toBe('✓ Cards accepted');
    expect(await panel.getByTestId('tender-mode-last').textContent()).toBe('Never switched on this register.');
    const button = panel.getByRole('button', { name: 'Switch to cash only' });
    expect(await button.isDisabled()).toBe(true);

    await panel.getByLabel('Reason for switching card payments').fill('Debit terminal down');
    await button.click();
    // Confirmed first, with what it will record; Cancel writes nothing.
    const confirm = page.getByRole('dialog', { name: 'Switch to cash only?' });
    await expect.poll(() => confirm.getByTestId('confirm-figures').textContent()).toBe('Card paymentsRefused (cash only)ReasonDebit terminal down');
    await confirm.getByRole('button', { name: 'Cancel' }).click();
    expect(switches()).toEqual([]);

    await button.click();
    await page.getByRole('dialog', { name: 'Switch to cash only?' }).getByRole('button', { name: 'Switch to cash only' }).click();
    // The core refuses a budtender and says a manager can approve: the PIN prompt opens.
    const approval = page.getByRole('dialog', { name: 'Manager approval' });
    await expect.poll(() => approval.count()).toBe(1);
    expect(await panel.getByTestId('tender-mode-error').textContent()).toBe(
      "⚠ Your role can't switch cash-only mode on or off: a manager can approve it with their PIN.",
    );
    expect(switches()).toEqual([]);
    await approval.getByLabel('Manager PIN').fill(pinOf('manager'));
    await approval.getByRole('button', { name: 'Approve' }).click();
    await expect.poll(() => panel.getByTestId('tender-mode-state').textContent()).toBe('⚠ Cash only — the card terminal is marked down');
    expect(await panel.getByTestId('tender-mode-last').textContent()).toMatch(
      /^Switched to cash only by Bailey Budtender, approved by Morgan Manager, .+: “Debit terminal down”$/,
    );
    expect(await panel.getByTestId('tender-mode-error').textContent()).toBe('');
    expect(switches()).toEqual([{ cash_only: 1, staff_id: 'staff-demo-budtender', approved_by: 'staff-demo-manager' }]);
    await page.screenshot({ path: join(screens, 'drawer-cash-only-1024x768.png') });

    // At the counter the pay area says so before anyone tries a card, and offers no debit.
    await page.keyboard.press('F1');
    await page.getByPlaceholder('Scan or search by name, brand, strain, SKU or UPC').waitFor({ state: 'visible' });
    await page.keyboard.type(demoUpc(32));
    await page.keyboard.press('Enter');
    const payment = page.getByRole('region', { name: 'Payment' });
    await expect.poll(() => payment.getByTestId('cash-only-notice').textContent()).toBe('⚠ Cash only: the card terminal is marked down. Take cash.');
    expect(await payment.getByRole('button', { name: 'Debit' }).count()).toBe(0);
    await page.getByRole('button', { name: 'Sign out', exact: true }).click();
    await page.getByRole('button', { name: 'Release it and sign out' }).click();

    // A manager switches cards back on without anyone's PIN.
    await signInAs(page, 'manager');
    await page.keyboard.press('F2');
    await expect.poll(() => panel.getByTestId('tender-mode-state').textContent()).toBe('⚠ Cash only — the card terminal is marked down');
    await panel.getByLabel('Reason for switching card payments').fill('Terminal working again');
    await panel.getByRole('button', { name: 'Switch card payments back on' }).click();
    await page.getByRole('dialog', { name: 'Switch card payments back on?' }).getByRole('button', { name: 'Switch cards back on' }).click();
    await expect.poll(() => panel.getByTestId('tender-mode-state').textContent()).toBe('✓ Cards accepted');
    expect(await panel.getByTestId('tender-mode-last').textContent()).toMatch(/^Cards switched back on by Morgan Manager, .+: “Terminal working again”$/);
    expect(switches()).toHaveLength(2);
    expect(await page.getByRole('dialog').count()).toBe(0);
    // Back at the counter, a cart can be paid by card again.
    await page.keyboard.press('F1');
    await page.getByPlaceholder('Scan or search by name, brand, strain, SKU or UPC').waitFor({ state: 'visible' });
    await page.keyboard.type(demoUpc(32));
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByRole('region', { name: 'Payment' }).getByRole('button', { name: 'Debit' }).count()).toBe(1);
    expect(await page.getByTestId('cash-only-notice').count()).toBe(0);
    await page.getByRole('button', { name: 'Sign out', exact: true }).click();
    await page.getByRole('button', { name: 'Release it and sign out' }).click();
    await signInAs(page, 'manager');
  });

  it('registers a new customer from check-in, and they go straight on to have their ID checked', async () => {
    // The manager is still signed in from the last test; a budtender registers customers.
    await page.getByRole('button', { name: 'Sign out' }).click();
    await signInAs(page, 'budtender');
    await page.keyboard.press('F1');
    const customers = () => database.sqlite.prepare('SELECT customer_type AS type, resident FROM customers ORDER BY created_at, rowid').all();
    const before = customers().length;

    // A medical patient: the card number and expiry are asked for only then, and Save waits for them.
    await page.getByLabel('Find customer').fill('Casey Nguyen');
    await page.getByRole('button', { name: 'New customer…' }).click();
    let dialog = page.getByRole('dialog', { name: 'New customer' });
    expect(await dialog.getByLabel('First name').inputValue()).toBe('Casey');
    expect(await dialog.getByLabel('Last name').inputValue()).toBe('Nguyen');
    expect(await dialog.getByLabel('Medical card number').count()).toBe(0);
    await dialog.getByLabel('Customer type').selectOption('medical');
    await dialog.getByLabel('Birth date').fill('1985-02-03');
    const save = dialog.getByRole('button', { name: 'Save and check ID' });
    expect(await save.isDisabled()).toBe(true);
    await dialog.getByLabel('Medical card number').fill('MED-204-118');
    await dialog.getByLabel('Medical card expiry').fill('2031-06-30');
    await page.screenshot({ path: join(screens, 'customer-registration-1024x768.png') });
    await save.click();
    // Saved, check-in opens for them, as a medical sale.
    const checkIn = page.getByRole('dialog', { name: 'Check in: Casey Nguyen' });
    await expect.poll(() => checkIn.count()).toBe(1);
    expect(await checkIn.getByLabel('Sale type').inputValue()).toBe('medical');
    expect(customers().slice(before)).toEqual([{ type: 'medical', resident: 1 }]);
    await checkIn.getByRole('button', { name: 'Cancel' }).click();

    // An adult-use visitor from out of state, then checked in with their licence and on to the cart.
    await page.getByLabel('Find customer').fill('Riley');
    await page.getByRole('button', { name: 'New customer…' }).click();
    dialog = page.getByRole('dialog', { name: 'New customer' });
    await dialog.getByLabel('Last name').fill('Okafor');
    await dialog.getByLabel('Birth date').fill('1992-09-14');
    await dialog.getByLabel('Lives in this state').uncheck();
    await dialog.getByRole('button', { name: 'Save and check ID' }).click();
    const riley = page.getByRole('dialog', { name: 'Check in: Riley Okafor' });
    for (const [label, value] of [
      ['ID number', 'R7654321'],
      ['First name', 'Riley'],
      ['Last name', 'Okafor'],
      ['Date of birth', '1992-09-14'],
      ['ID expiry', '2030-09-14'],
    ] as const)
      await riley.getByLabel(label).fill(value);
    await riley.getByRole('button', { name: 'Check ID' }).click();
    await expect.poll(() => page.getByTestId('check-in-result').textContent()).toContain('✓ Accepted: Riley Okafor');
    expect(customers().slice(before)).toEqual([
      { type: 'medical', resident: 1 },
      { type: 'adult', resident: 0 },
    ]);
    await riley.getByRole('button', { name: 'Continue' }).click();
    expect(await page.getByRole('dialog').count()).toBe(0);

    await expect.poll(() => page.getByTestId('cart-customer').textContent()).toContain('Customer: Riley Okafor');

    // Registered customers are found by name next time.
    await page.getByTestId('cart-customer').getByRole('button', { name: 'change' }).click();
    await page.getByLabel('Find customer').fill('Casey');
    await expect.poll(() => page.getByRole('button', { name: /^Casey Nguyen · medical · born 1985-02-03$/ }).count()).toBe(1);
  });

  it('lets the compliance officer set how long ID data is kept, confirmed first; a budtender never sees it', async () => {
    const setting = () => database.sqlite.prepare("SELECT count(*) AS n FROM settings WHERE key LIKE '%retention%'").get();
    await page.getByRole('button', { name: 'Sign out' }).click();
    await signInAs(page, 'compliance_officer');
    await page.keyboard.press('F6');
    const panel = page.getByTestId('id-retention');
    await expect
      .poll(() => panel.getByTestId('id-retention-current').textContent())
      .toBe('Adult-use ID data: Not kept (deleted once the check is done) (the default: never chosen)');
    await panel.getByLabel('Keep adult-use ID data').selectOption('days');
    const save = panel.getByRole('button', { name: 'Save retention' });
    expect(await save.isDisabled()).toBe(true);
    await panel.getByRole('textbox', { name: 'Number of days' }).fill('30');
    await save.click();
    const confirm = page.getByRole('dialog', { name: 'Change ID data retention?' });
    await expect.poll(() => confirm.getByTestId('confirm-figures').textContent()).toBe('NowNot kept (deleted once the check is done)From now onKept 30 days');
    await confirm.getByRole('button', { name: 'Cancel' }).click();
    expect(setting()).toEqual({ n: 0 });
    await save.click();
    await page.getByRole('dialog', { name: 'Change ID data retention?' }).getByRole('button', { name: 'Save and apply now' }).click();
    await expect
      .poll(() => panel.getByTestId('id-retention-current').textContent())
      .toMatch(/^Adult-use ID data: Kept 30 days, chosen by Quinn Compliance on /);
    expect(setting()).toEqual({ n: 1 });
    await page.screenshot({ path: join(screens, 'compliance-id-retention-1024x768.png') });

    // A budtender has no Compliance screen, so no retention setting.
    await page.getByRole('button', { name: 'Sign out' }).click();
    await signInAs(page, 'budtender');
    await page.keyboard.press('F6');
    expect(await page.getByTestId('id-retention').count()).toBe(0);
  });

  it('logged no page errors', () => {
    expect(pageErrors).toEqual([]);
  });
});
