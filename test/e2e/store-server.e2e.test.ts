import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HeadlessHost } from '../../src/main/entries/headless/host';
import { startChildCore, type ChildCore } from '../support/child-core';
import { createPairingCode } from '../../src/store-server/features/pairing';
import { openRegisterPage, serveRegister, signInAs } from '../support/browser';
import { repoRoot } from '../support/cli';
import { startTestPostgres, type TestPostgres } from '../support/postgres';
import { openTempDatabase, type TempDatabase } from '../support/temp-db';
import { startTestStore } from '../store-server/support';

/**
 * Issue #20 at the counter: an admin pairs the register with the store
 * server on the Sync screen; cut off from it, the counter says so and what
 * the store's policy still lets it sell.
 */
let pg: TestPostgres;
let store: Awaited<ReturnType<typeof startTestStore>>;
let database: TempDatabase;
let core: ChildCore;
let host: HeadlessHost;
let browser: Browser;
let page: Page;
let pageErrors: string[];

beforeAll(async () => {
  pg = await startTestPostgres();
  store = await startTestStore(pg, { state: 'CA', timeZone: 'America/Los_Angeles' });
  database = openTempDatabase({ demo: true });
  core = await startChildCore(database, { storeLink: true });
  host = await serveRegister(core);
  ({ browser, page, pageErrors } = await openRegisterPage());
});

afterAll(async () => {
  await browser?.close();
  await host?.close();
  await core?.stop();
  database?.dispose();
  await store?.dispose();
  pg?.stop();
});

describe('the store server on the Sync screen and at the counter', () => {
  it('an admin pairs the register with the code from the store server', async () => {
    await page.goto(host.url);
    await signInAs(page, 'admin');
    await page.keyboard.press('F5');
    const panel = page.getByRole('region', { name: 'Store server' });
    await expect.poll(() => panel.getByTestId('store-link-mode').textContent()).toContain('Not part of a store server');
    // A wrong code is refused in words, and nothing is paired.
    await panel.getByLabel('Store server address').fill(store.url.replace('https://', ''));
    await panel.getByLabel('Pairing code').fill('AAAAA-AAAAA');
    await panel.getByLabel('This register’s name').fill('Counter 2');
    await panel.getByRole('button', { name: 'Pair with the store server' }).click();
    await expect.poll(() => panel.getByRole('alert').textContent()).toContain('pairing code was not accepted');
    const { code } = await createPairingCode(store.database.db, new Date());
    await panel.getByLabel('Pairing code').fill(code);
    await panel.getByRole('button', { name: 'Pair with the store server' }).click();
    await expect.poll(() => panel.getByTestId('store-link-mode').textContent(), { timeout: 10_000 }).toContain('Connected');
    expect(await panel.textContent()).toContain(store.fingerprint);
    expect(await panel.getByTestId('store-isolation-policy').textContent()).toContain('adult-use: no limited goods');
    await page.screenshot({ path: join(repoRoot, 'test-artifacts', 'store-server-paired.png'), fullPage: true });
  });

  it('cut off from the store server, the counter says so and what it may still sell', async () => {
    await page.keyboard.press('F1');
    await store.http.close();
    await expect.poll(() => page.getByTestId('store-isolated').textContent(), { timeout: 15_000 }).toContain('Cut off from the store server');
    expect(await page.getByTestId('store-isolated').textContent()).toContain('Goods that count toward no limit sell as usual');
    expect(pageErrors).toEqual([]);
  });
});
