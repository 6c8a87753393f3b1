import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_STAFF, DEMO_STORE_ID, DEMO_TERMINAL_ID } from '../../src/main/features/demo/seed';
import { openDrawer } from '../../src/main/features/cash-drawer/session';
import type { HeadlessHost } from '../../src/main/entries/headless/host';
import { startChildCore, type ChildCore } from '../support/child-core';
import { saveMetrcSettings } from '../../src/main/features/sync/metrc-settings';
import { businessDay } from '../../src/shared/domain/store-calendar';
import { openRegisterPage, serveRegister, signInAs } from '../support/browser';
import { repoRoot } from '../support/cli';
import { startFakeMetrc, type FakeMetrc } from '../support/fake-metrc';
import { testMetrcCredentials } from '../support/metrc-lane';
import { openTempDatabase, testPiiKeys, type TempDatabase } from '../support/temp-db';

/**
 * The back room (issue #23): a manager runs a blind count of 20 packages with
 * two variances and approves one adjustment (it reaches Metrc once); the next
 * morning the opening check opens by itself, red (Metrc unreachable, a drawer
 * left open), and turns from red as each is fixed.
 */
const artifacts = join(repoRoot, 'test-artifacts');
const ZONE = 'America/Los_Angeles';
let database: TempDatabase;
let metrc: FakeMetrc;
let core: ChildCore;
let host: HeadlessHost;
let browser: Browser;
let page: Page;
let pageErrors: string[] = [];
const clock = { now: new Date() };
let counted: Array<{ tag: string }> = [];

beforeAll(async () => {
  mkdirSync(artifacts, { recursive: true });
  database = openTempDatabase({ demo: true });
  // Twenty counted packages of two units each; Metrc agrees with the register.
  counted = database.sqlite.prepare("SELECT tag FROM packages WHERE unit = 'each' AND status = 'active' ORDER BY tag LIMIT 20").all() as Array<{ tag: string }>;
  for (const p of counted) database.sqlite.prepare('UPDATE packages SET quantity_on_hand = 2 WHERE tag = ?').run(p.tag);
  metrc = await startFakeMetrc({ ...testMetrcCredentials, packages: counted.map((p) => ({ Label: p.tag, Quantity: 2, UnitOfMeasureName: 'Each' })) });
  saveMetrcSettings(database.db, testPiiKeys, DEMO_STORE_ID, { baseUrl: metrc.url, apiVersion: 'v2', enabled: true, ...testMetrcCredentials }, null, clock.now);
  // Today's drawer, which nobody will close tonight.
  openDrawer(database.db, { terminalId: DEMO_TERMINAL_ID, staffId: 'staff-demo-manager', count: { '2000': 10 }, now: clock.now });
  // The register's clock moves to the next morning in the test (test:clock-set); it locks only when told to.
  core = await startChildCore(database, {
    clock: clock.now.toISOString(),
    idleLockMs: 3 * 86_400_000,
    sync: { tuning: { retry: { initialDelayMs: 50, maxDelayMs: 500 }, breaker: { halfOpenAfterMs: 300, maxHalfOpenAfterMs: 600 }, idlePollMs: 100 } },
  });
  host = await serveRegister(core);
  ({ browser, page, pageErrors } = await openRegisterPage());
});

afterAll(async () => {
  await browser?.close();
  await host?.close();
  await core?.stop();
  await metrc?.close();
  database?.dispose();
});

async function typeTag(tag: string): Promise<void> {
  await page.getByLabel('Package tag').fill(tag);
  await page.getByLabel('Package tag').press('Enter');
}

const line = (id: string) => page.getByTestId(`check-${id}`);

describe('the back room', () => {
  it('a manager counts 20 packages blind, recounts the 2 variances, approves one adjustment and dismisses the other', async () => {
    await page.goto(host.url);
    await signInAs(page, 'manager');
    await page.keyboard.press('F9');
    await page.getByLabel('Room or area').fill('Sales floor');
    await page.getByRole('button', { name: 'Start a blind count' }).click();
    const [shortA, shortB] = [counted[3]?.tag ?? '', counted[11]?.tag ?? ''];
    for (const { tag } of counted) {
      await typeTag(tag);
      if (tag !== shortA && tag !== shortB) await typeTag(tag);
    }
    await expect.poll(() => page.getByTestId('count-line').count()).toBe(20);
    // Blind: the counter's table has no expected quantity, only what was counted.
    expect(await page.getByTestId('count-lines').textContent()).not.toMatch(/expected|register/i);
    await page.getByRole('button', { name: /^Finish counting/ }).click();
    // The register asks for the two variances to be counted again, without saying by how much.
    await expect.poll(() => page.getByRole('button', { name: 'Count again' }).count()).toBe(2);
    for (const tag of [shortA, shortB]) {
      await page.getByLabel(`Recount ${tag} (units)`).fill('1');
      await page.getByLabel(`Recount ${tag} (units)`).press('Enter');
    }
    await expect.poll(() => page.getByRole('button', { name: 'Count again' }).count()).toBe(0);
    await page.getByRole('button', { name: 'Variance report' }).click();
    const report = page.getByTestId('variance-report');
    await expect.poll(() => page.getByTestId('variance-line').count()).toBe(2);
    // Register, count and Metrc side by side.
    expect(await page.locator(`[data-testid="variance-line"][data-tag="${shortA}"]`).textContent()).toMatch(/2\s*1\s*2\s*-1/);
    await page.screenshot({ path: join(artifacts, 'back-room-variance-report.png'), fullPage: true });
    await report.getByLabel(`Metrc reason for ${shortA}`).selectOption('Waste');
    await report.getByRole('button', { name: 'Approve adjustment' }).first().click();
    await expect.poll(() => page.locator(`[data-testid="variance-line"][data-tag="${shortA}"]`).textContent()).toContain('approved (Waste)');
    await report.getByLabel(`Note for ${shortB}`).fill('Found it in the back, on the wrong shelf');
    await report.getByRole('button', { name: 'Dismiss' }).click();
    await expect.poll(() => page.locator(`[data-testid="variance-line"][data-tag="${shortB}"]`).textContent()).toContain('dismissed');
    await page.getByRole('button', { name: 'Close the count' }).click();
    await expect.poll(() => page.getByRole('button', { name: 'Start a blind count' }).count()).toBe(1);
    // The approved adjustment reaches Metrc, once.
    await expect.poll(() => metrc.adjustments().length, { timeout: 10_000 }).toBe(1);
    expect(metrc.adjustments()[0]).toMatchObject({ Label: shortA, Quantity: -1, AdjustmentReason: 'Waste' });
  });

  it('next morning the opening check opens by itself, red: Metrc unreachable and yesterday’s drawer open', async () => {
    const yesterday = businessDay(clock.now, ZONE);
    clock.now = new Date(clock.now.getTime() + 24 * 3_600_000);
    await core.control('clock-set', { at: clock.now.toISOString() });
    await metrc.stop();
    await page.getByRole('button', { name: 'Lock', exact: true }).click();
    await page.reload();
    await expect.poll(() => page.getByRole('heading', { name: /Locked/ }).count()).toBe(1);
    await signInAs(page, 'manager', { openingCheck: 'keep' });
    await expect.poll(() => page.getByTestId('opening-check-overall').textContent(), { timeout: 20_000 }).toBe('red');
    expect(await line('metrc_connection').getAttribute('data-status')).toBe('red');
    expect(await line('drawers_closed').getAttribute('data-status')).toBe('red');
    expect(await line('stock_drift').getAttribute('data-status')).toBe('green');
    await page.screenshot({ path: join(artifacts, 'opening-check-red.png'), fullPage: true });

    // Metrc back: "Retry Metrc" turns its line green.
    await metrc.start();
    await line('metrc_connection').getByRole('button', { name: 'Retry Metrc' }).click();
    await expect.poll(() => line('metrc_connection').getAttribute('data-status')).toBe('green');
    expect(await line('drawers_closed').getAttribute('data-status')).toBe('red');

    // "Go to drawer": count and close yesterday's drawer ($200 float, nothing sold).
    await line('drawers_closed').getByRole('button', { name: 'Go to drawer' }).click();
    // The Drawer screen loads its session first: a count typed before it shows would be reset.
    await expect.poll(() => page.getByTestId('drawer-session').textContent()).toContain('open');
    await page.getByLabel('$20.00 pieces').first().fill('10');
    await page.getByRole('button', { name: 'Submit count' }).click();
    await page.getByRole('button', { name: 'Record count' }).click();
    await page.getByRole('button', { name: 'Close drawer' }).click();
    await page.getByRole('button', { name: 'Close and lock the drawer' }).click();
    await expect.poll(() => page.getByRole('status').textContent()).toContain('closed and locked');

    // Yesterday's deposit, verified by a second person, on the store day it belongs to.
    await page.keyboard.press('F4');
    await page.getByLabel('Day').fill(yesterday);
    await page.getByRole('region', { name: 'Deposit' }).getByLabel('$20.00 pieces').fill('10');
    await page.getByLabel('Bag number').fill('TB-0101');
    await page.getByRole('button', { name: 'Record deposit' }).click();
    await page.getByRole('dialog').getByRole('combobox').selectOption({ label: 'Alex Admin' });
    await page.getByLabel('Manager PIN').fill(DEMO_STAFF.find((s) => s.role === 'admin')?.pin ?? '');
    await page.getByRole('button', { name: 'Approve' }).click();
    await expect.poll(() => page.getByRole('status').textContent()).toContain('recorded');

    await page.keyboard.press('F7');
    await expect.poll(() => line('drawers_closed').getAttribute('data-status')).toBe('green');
    expect(await line('metrc_connection').getAttribute('data-status')).toBe('green');
    await expect.poll(() => page.getByTestId('opening-check-overall').textContent()).toBe('green');
    await page.screenshot({ path: join(artifacts, 'opening-check-green.png'), fullPage: true });
  });

  it('F8 logs an IT incident with the context attached, listed on the Sync screen', async () => {
    await page.keyboard.press('F8');
    const form = page.getByRole('dialog', { name: 'Report a problem to IT' });
    await form.getByLabel('What is wrong?').fill('Receipt printer cuts the receipt short');
    await form.getByLabel('What happened (optional)').fill('After the paper change this morning');
    expect(await form.textContent()).toContain('this screen (opening-check)');
    await form.getByRole('button', { name: 'Log it' }).click();
    await expect.poll(() => page.getByTestId('incident-logged').textContent()).toContain('incident #1');
    await form.getByRole('button', { name: 'Close' }).click();
    await page.keyboard.press('F5');
    const card = page.getByTestId('incident-card');
    await expect.poll(() => card.count()).toBe(1);
    expect(await card.textContent()).toContain('#1 Receipt printer cuts the receipt short');
    expect(await card.textContent()).toContain('screen opening-check');
  });

  it('raised no page errors', () => {
    expect(pageErrors, pageErrors.join('\n')).toEqual([]);
  });
});
