import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HeadlessHost } from '../../src/main/entries/headless/host';
import { demoRegisterPage, signInAs, type DemoRegisterPage } from '../support/browser';
import { repoRoot } from '../support/cli';
import type { TempDatabase } from '../support/temp-db';

/**
 * The Staff screen (its tab, for managers): a new budtender is added with a
 * PIN, appears on the sign-in screen and signs in; a weak PIN and a role
 * above the manager's own are refused in words.
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

describe('the Staff screen', () => {
  it('a manager adds a budtender, who then signs in from the sign-in screen', async () => {
    await page.goto(host.url);
    await signInAs(page, 'manager');
    await page.getByRole('navigation', { name: 'Screens' }).getByRole('button', { name: 'Staff' }).click();
    const add = page.getByRole('form', { name: 'Add a staff member' });
    await add.getByLabel('Name').fill('Riley Newhire');
    await add.getByLabel('PIN').fill('1234');
    await add.getByRole('button', { name: 'Add staff member' }).click();
    await expect.poll(() => page.getByRole('alert').textContent()).toMatch(/PIN/);
    // A manager cannot make an admin.
    await add.getByLabel('PIN').fill('3719');
    await add.getByLabel('Role').selectOption('admin');
    await add.getByRole('button', { name: 'Add staff member' }).click();
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('ask an admin');
    await add.getByLabel('Role').selectOption('budtender');
    await add.getByRole('button', { name: 'Add staff member' }).click();
    await expect.poll(() => page.getByRole('status').textContent()).toContain('Riley Newhire added as budtender');
    await expect.poll(() => page.getByTestId('staff-row').filter({ hasText: 'Riley Newhire' }).count()).toBe(1);
    await page.screenshot({ path: join(repoRoot, 'test-artifacts', 'staff-screen.png'), fullPage: true });
    expect(database.sqlite.prepare("SELECT count(*) AS n FROM staff WHERE display_name = 'Riley Newhire'").get()).toEqual({ n: 1 });

    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('radio', { name: /Riley Newhire/ }).click();
    await page.keyboard.type('3719');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByTestId('signed-in-as').textContent()).toBe('Riley Newhire');
    // A budtender has no Staff tab.
    expect(await page.getByRole('navigation', { name: 'Screens' }).getByRole('button', { name: /Staff/ }).count()).toBe(0);
    expect(pageErrors).toEqual([]);
  });
});
