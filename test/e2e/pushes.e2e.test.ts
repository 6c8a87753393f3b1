import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HeadlessHost } from '../../src/main/entries/headless/host';
import { openDrawer } from '../../src/main/features/cash-drawer/session';
import { DEMO_STORE_ID, DEMO_TERMINAL_ID, demoUpc } from '../../src/main/features/demo/seed';
import { saveMetrcSettings } from '../../src/main/features/sync/metrc-settings';
import { JORDAN, openRegisterPage, pickCustomerAndCheckIn, serveRegister, signInAs } from '../support/browser';
import { startChildCore, type ChildCore } from '../support/child-core';
import { startFakeMetrc, type FakeMetrc } from '../support/fake-metrc';
import { testMetrcCredentials } from '../support/metrc-lane';
import { openTempDatabase, testPiiKeys, type TempDatabase } from '../support/temp-db';

/**
 * Issue #19: the core pushes to the screen instead of the screen polling. A
 * scan from the (simulated) background scanner and the sync state changing
 * as Metrc goes away and comes back reach the page in Chromium, and the page
 * asked for them only when told: no long-poll for scans (every `scanner-next`
 * answers at once), and no `sync-status` read that a push did not precede.
 */
let database: TempDatabase;
let metrc: FakeMetrc;
let core: ChildCore;
let host: HeadlessHost;
let browser: Browser;
let page: Page;
let pageErrors: string[] = [];
/** What crossed the host, in order: the core's pushes and the page's commands. */
const log: Array<{ readonly push: string } | { readonly command: string; readonly input: Record<string, unknown> }> = [];
const commands = (name: string, from = 0) => log.slice(from).flatMap((entry) => ('command' in entry && entry.command === name ? [entry.input] : []));

beforeAll(async () => {
  database = openTempDatabase({ demo: true });
  metrc = await startFakeMetrc(testMetrcCredentials);
  saveMetrcSettings(
    database.db,
    testPiiKeys,
    DEMO_STORE_ID,
    { baseUrl: metrc.url, apiVersion: 'v2', enabled: true, ...testMetrcCredentials },
    null,
    new Date(),
  );
  openDrawer(database.db, { terminalId: DEMO_TERMINAL_ID, staffId: 'staff-demo-manager', count: { '2000': 10 }, now: new Date() });
  core = await startChildCore(database, {
    devices: { discovered: [] },
    sync: { tuning: { retry: { initialDelayMs: 50, maxDelayMs: 500 }, breaker: { halfOpenAfterMs: 300, maxHalfOpenAfterMs: 600 }, idlePollMs: 100 } },
  });
  core.process.onPush((event) => log.push({ push: event.kind }));
  host = await serveRegister(core, {
    invoke: (name, input) => {
      log.push({ command: name, input: (input ?? {}) as Record<string, unknown> });
      return core.invoke(name, input);
    },
  });
  ({ browser, page, pageErrors } = await openRegisterPage());
});

afterAll(async () => {
  await browser?.close();
  await host?.close();
  await core?.stop();
  await metrc?.close();
  database?.dispose();
});

const indicator = () => page.getByTestId('sync-indicator').getAttribute('data-state');
const backlog = async () => Number(((await page.getByTestId('sync-backlog').textContent()) ?? '').replace(/\D/g, ''));

async function payCash(): Promise<void> {
  await page
    .getByRole('button', { name: /^Cash / })
    .first()
    .click();
  await expect.poll(() => page.getByTestId('change-due').count()).toBe(1);
  await page.getByRole('button', { name: 'Next customer' }).click();
}

describe('pushes from the core to the page', () => {
  let settled = 0;

  it('the page opens the push stream and stops polling', async () => {
    const streams: string[] = [];
    page.on('request', (request) => {
      if (new URL(request.url()).pathname === '/events') streams.push(request.method());
    });
    await page.goto(host.url);
    await signInAs(page, 'manager');
    await expect.poll(() => streams).toEqual(['GET']);
    await expect.poll(() => commands('scanner-next').length).toBeGreaterThan(0);
    // What the page reads when it opens (or its stream does) is done; from here it only reads when told.
    await page.waitForTimeout(500);
    settled = log.length;
  });

  it('a scan from the background scanner reaches the cart, with no scan long-poll open', async () => {
    const from = log.length;
    await core.control('scanner-scan', { data: demoUpc(0) });
    await expect.poll(() => page.getByTestId('cart-line').count()).toBe(1);
    expect(log.slice(from).some((entry) => 'push' in entry && entry.push === 'scan-arrived')).toBe(true);
    // Every ask since the page opened answered at once (waitMs 0): none waited for a scan (the long-poll).
    const asks = commands('scanner-next');
    expect(asks.length).toBeGreaterThan(0);
    expect(asks.every((input) => input['waitMs'] === 0)).toBe(true);
  });

  it('the sync state follows Metrc going away and coming back', async () => {
    expect(await pickCustomerAndCheckIn(page, 'Rive', /Jordan Rivera/, JORDAN)).toBe('accepted');
    await payCash();
    await expect.poll(indicator, { timeout: 20_000 }).toBe('online');
    await expect.poll(backlog).toBe(0);

    await metrc.stop();
    await page.keyboard.type(demoUpc(0));
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByTestId('cart-line').count()).toBe(1);
    expect(await pickCustomerAndCheckIn(page, 'Rive', /Jordan Rivera/, JORDAN)).toBe('accepted');
    await payCash();
    await expect.poll(indicator, { timeout: 20_000 }).toBe('offline');
    await expect.poll(backlog).toBeGreaterThanOrEqual(1);

    await metrc.start();
    await expect.poll(indicator, { timeout: 20_000 }).toBe('online');
    await expect.poll(backlog, { timeout: 20_000 }).toBe(0);
    expect(metrc.receipts()).toHaveLength(2);
    // A quiet spell: the fallback poll (every 2 s) would read the status at least once here.
    await page.waitForTimeout(2_500);
  });

  it('every sync-status read the page made after opening followed a push (none was a poll)', () => {
    let told = true;
    let reads = 0;
    for (const entry of log.slice(settled)) {
      if ('push' in entry) {
        if (entry.push === 'sync-changed') told = true;
        continue;
      }
      if (entry.command !== 'sync-status') continue;
      reads += 1;
      expect(told, `sync-status read #${reads} with no sync-changed push since the one before`).toBe(true);
      told = false;
    }
    expect(reads).toBeGreaterThan(0);
  });

  it('raised no page errors', () => {
    expect(pageErrors).toEqual([]);
  });
});
