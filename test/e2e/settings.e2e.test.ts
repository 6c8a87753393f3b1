import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HeadlessHost } from '../../src/main/entries/headless/host';
import { demoRegisterPage, signInAs, type DemoRegisterPage } from '../support/browser';
import { repoRoot } from '../support/cli';
import type { TempDatabase } from '../support/temp-db';

/**
 * The Settings screen (its tab, for managers; issue #20): the store's
 * thresholds, its local taxes and the manual-discount ceilings. A value typed wrong is named,
 * one out of bounds is refused with its bound, a good one is saved and
 * audited; the manager's own ceiling is not theirs to raise.
 */
let register: DemoRegisterPage;
let database: TempDatabase;
let host: HeadlessHost;
let page: Page;
let pageErrors: string[];

beforeAll(async () => {
  register = await demoRegisterPage();
  ({ database, host, page, pageErrors } = register);
});

afterAll(() => register?.close());

const setting = (key: string) => (database.sqlite.prepare('SELECT value FROM settings WHERE key = ?').get(key) as { value: string } | undefined)?.value;

describe('the Settings screen', () => {
  it('a manager sets the thresholds: a typo is named, an out-of-bounds value refused, a good one saved and audited', async () => {
    await page.goto(host.url);
    await signInAs(page, 'manager');
    await page.getByRole('navigation', { name: 'Screens' }).getByRole('button', { name: 'Settings' }).click();
    const form = page.getByRole('form', { name: 'Store thresholds' });
    await expect.poll(() => form.getByLabel('Drawer over or short by more than ($)').inputValue()).toBe('1.00');
    expect(await form.getByLabel('Open (minutes)').inputValue()).toBe('30');

    await form.getByLabel('Drawer over or short by more than ($)').fill('five');
    await form.getByRole('button', { name: 'Save thresholds' }).click();
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('Type the drawer variance threshold in dollars');

    await form.getByLabel('Drawer over or short by more than ($)').fill('5.00');
    await form.getByLabel('Open (minutes)').fill('2');
    await form.getByRole('button', { name: 'Save thresholds' }).click();
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('at least 5 minutes');
    expect(setting('drawer.variance_threshold_cents')).toBeUndefined();

    await form.getByLabel('Open (minutes)').fill('15');
    await form.getByRole('button', { name: 'Save thresholds' }).click();
    await expect.poll(() => page.getByRole('status').first().textContent()).toContain('Thresholds saved');
    expect(await page.getByRole('alert').count()).toBe(0);
    expect(JSON.parse(setting('drawer.variance_threshold_cents') ?? 'null')).toBe(500);
    expect(JSON.parse(setting('carts.idle_release') ?? 'null')).toEqual({ openMinutes: 15, parkedMinutes: 240 });
    expect(database.sqlite.prepare("SELECT count(*) AS n FROM audit_log WHERE action = 'settings.threshold'").get()).toEqual({ n: 2 });
    await page.screenshot({ path: join(repoRoot, 'test-artifacts', 'settings-screen.png'), fullPage: true });
  });

  it('sets a budtender’s discount ceiling; the manager’s own row cannot be changed from here', async () => {
    const ceilings = page.getByTestId('discount-ceilings');
    await expect.poll(() => ceilings.getByLabel('Budtender percent').inputValue()).not.toBe('');
    expect(await ceilings.getByLabel('Manager percent').isDisabled()).toBe(true);
    expect(await ceilings.getByRole('button', { name: 'Save Manager' }).count()).toBe(0);
    await ceilings.getByLabel('Budtender percent').fill('12.5');
    await ceilings.getByLabel('Budtender amount').fill('25');
    await ceilings.getByRole('button', { name: 'Save Budtender' }).click();
    await expect.poll(() => ceilings.getByRole('status').textContent()).toContain('Budtender: at most 12.5% or $25.00 off a cart.');
    expect(JSON.parse(setting('discounts.manual_ceilings') ?? '{}')).toMatchObject({ budtender: { percentBp: 1_250, amountCents: 2_500 } });
    expect(pageErrors).toEqual([]);
  });

  it('adds a local tax with its ordinance, then gives it an end day; the list is the store setting', async () => {
    const taxes = page.getByTestId('local-taxes');
    await expect.poll(() => taxes.textContent()).toContain('No local taxes');
    const add = page.getByRole('form', { name: 'Add a local tax' });
    await add.getByLabel('Name').fill('City cannabis business tax 2%');
    await add.getByLabel('Jurisdiction').fill('City of Testville');
    await add.getByLabel('Rate (%)').fill('two');
    await add.getByLabel('First day charged').fill('2026-01-01');
    await add.getByLabel('Ordinance or rate notice').fill('Testville Mun. Code §1 (test)');
    await add.getByRole('button', { name: 'Add local tax' }).click();
    await expect.poll(() => taxes.getByRole('alert').textContent()).toContain('Type the rate as a percentage');
    await add.getByLabel('Rate (%)').fill('2');
    await add.getByRole('button', { name: 'Add local tax' }).click();
    await expect.poll(() => taxes.getByTestId('local-tax-row').count()).toBe(1);
    expect(await taxes.getByTestId('local-tax-row').textContent()).toContain('2 %');
    expect(JSON.parse(setting('taxes.local') ?? '[]')).toEqual([
      expect.objectContaining({ id: 'city-cannabis-business-tax-2', rateBp: 200, appliesTo: 'cannabis', effectiveFrom: '2026-01-01', effectiveTo: null }),
    ]);
    await taxes
      .getByTestId('local-tax-row')
      .getByLabel(/No longer charged from/)
      .fill('2027-01-01');
    await taxes.getByRole('button', { name: 'End City cannabis business tax 2%' }).click();
    await expect.poll(() => taxes.getByRole('status').textContent()).toContain('no longer carry it');
    expect(JSON.parse(setting('taxes.local') ?? '[]')).toEqual([expect.objectContaining({ effectiveTo: '2027-01-01' })]);
    await page.screenshot({ path: join(repoRoot, 'test-artifacts', 'settings-local-taxes.png'), fullPage: true });
    expect(pageErrors).toEqual([]);
  });

  it('is not a budtender’s tab', async () => {
    await page.getByRole('button', { name: 'Sign out' }).click();
    await signInAs(page, 'budtender');
    await page
      .getByRole('navigation', { name: 'Screens' })
      .getByRole('button', { name: /Checkout/ })
      .waitFor();
    expect(await page.getByRole('navigation', { name: 'Screens' }).getByRole('button', { name: 'Settings' }).count()).toBe(0);
  });
});
