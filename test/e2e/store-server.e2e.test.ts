import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HeadlessHost } from '../../src/main/entries/headless/host';
import { startChildCore, type ChildCore } from '../support/child-core';
import { createPairingCode } from '../../src/store-server/features/pairing';
import { openRegisterPage, serveRegister, signInAs } from '../support/browser';
import { demoApproval } from '../support/session';
import { repoRoot } from '../support/cli';
import { startTestPostgres, type TestPostgres } from '../support/postgres';
import { openTempDatabase, type TempDatabase } from '../support/temp-db';
import { startTestStore } from '../store-server/support';
import { violationsOn } from '../support/axe';
import { rejection } from '../support/result';
import { pairWithStoreServer, StoreClient } from '../../src/main/features/store-link/store-client';
import { leaseResponseSchema } from '../../src/shared/contract/store-server';
import { sql } from 'drizzle-orm';

/**
 * Issue #20 at the counter: an admin pairs the register with the store
 * server on the Sync screen, then makes the code another register pairs
 * with and retires that one there; cut off from it, the counter says so and
 * what the store's policy still lets it sell.
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

  it('an admin makes a pairing code another register pairs with, sees the store’s registers and retires that one', async () => {
    const panel = page.getByRole('region', { name: 'Store server' });
    const registers = panel.getByRole('region', { name: 'The store’s registers' });
    await expect.poll(() => registers.getByTestId('store-register').count()).toBe(1);
    expect(await registers.getByTestId('store-register').textContent()).toContain('Counter 2 (this register)');
    // Itself: no retire button.
    expect(await registers.getByRole('button', { name: /^Retire/ }).count()).toBe(0);

    // The admin on the store's roster, as the store lane delivers it (this test's core runs no lanes): the PIN's hash.
    const admin = demoApproval('admin');
    const { pinHash } = database.sqlite.prepare('SELECT pin_hash AS pinHash FROM staff WHERE id = ?').get(admin.staffId) as { pinHash: string };
    await store.database.db.execute(
      sql`INSERT INTO store_staff (id, display_name, role, pin_hash, active, created_at, version, updated_at, updated_by) VALUES (${admin.staffId}, 'Alex Admin', 'admin', ${pinHash}, 1, now(), 1, now(), 'test')`,
    );
    // Making a code asks for the admin's PIN again, which the store server checks against its roster.
    const makeCode = registers.getByRole('button', { name: 'Make a pairing code for another register' });
    expect(await makeCode.isDisabled()).toBe(true);
    await registers.getByLabel('Your PIN, to confirm (the store server checks it)').fill('0000');
    await makeCode.click();
    await expect.poll(() => panel.getByRole('alert').textContent()).toContain('does not know that PIN');
    await registers.getByLabel('Your PIN, to confirm (the store server checks it)').fill(admin.pin);
    await makeCode.click();
    await expect.poll(() => registers.getByTestId('pairing-code').count()).toBe(1);
    const shown = (await registers.getByTestId('pairing-code').textContent()) ?? '';
    expect(shown).toMatch(/^[0-9A-HJKMNP-TV-Z]{5}-[0-9A-HJKMNP-TV-Z]{5}$/);
    expect(await registers.getByTestId('pairing-code-card').textContent()).toMatch(/Valid once, until \d{1,2}:\d{2} (AM|PM)/);
    expect(await violationsOn(page)).toEqual([]);
    await registers.screenshot({ path: join(repoRoot, 'test-artifacts', 'store-server-pairing-code.png') });

    // The code read off the screen pairs another register (here the test, as that register's core would).
    const other = new StoreClient(await pairWithStoreServer(store.url, shown, 'Counter 3'));
    try {
      await other.call('POST', '/v1/lease', {}, leaseResponseSchema.passthrough());
      await expect.poll(() => registers.getByTestId('store-register').count(), { timeout: 15_000 }).toBe(2);
      const row = registers.getByTestId('store-register').filter({ hasText: 'Counter 3' });
      expect(await row.textContent()).toContain('Active');

      // Retiring asks first (with the admin's PIN again); Cancel retires nothing.
      await registers.getByLabel('Your PIN, to confirm (the store server checks it)').fill(admin.pin);
      await row.getByRole('button', { name: 'Retire Counter 3…' }).click();
      const confirm = page.getByRole('dialog', { name: 'Retire Counter 3?' });
      expect(await confirm.textContent()).toContain('must be paired again');
      await page.screenshot({ path: join(repoRoot, 'test-artifacts', 'store-server-retire-confirm.png') });
      expect(await violationsOn(page)).toEqual([]);
      await confirm.getByRole('button', { name: 'Cancel' }).click();
      await other.call('POST', '/v1/lease', {}, leaseResponseSchema.passthrough());

      await row.getByRole('button', { name: 'Retire Counter 3…' }).click();
      await confirm.getByRole('button', { name: 'Retire Counter 3' }).click();
      await expect.poll(() => row.textContent()).toContain('Retired');
      expect(await row.getByRole('button').count()).toBe(0);
      expect((await rejection(other.call('POST', '/v1/lease', {}, leaseResponseSchema.passthrough()))).code).toBe('TERMINAL_RETIRED');
      await registers.screenshot({ path: join(repoRoot, 'test-artifacts', 'store-server-registers.png') });
      expect(await violationsOn(page)).toEqual([]);
    } finally {
      other.close();
    }
  });

  it('a manager at the same register sees the store server but not its registers', async () => {
    await page.getByRole('button', { name: 'Sign out', exact: true }).click();
    await signInAs(page, 'manager');
    await page.keyboard.press('F5');
    const panel = page.getByRole('region', { name: 'Store server' });
    await expect.poll(() => panel.getByTestId('store-link-mode').textContent()).toContain('Connected');
    expect(await panel.getByRole('region', { name: 'The store’s registers' }).count()).toBe(0);
    expect(await panel.getByRole('button', { name: 'Make a pairing code for another register' }).count()).toBe(0);
  });

  it('cut off from the store server, the counter says so and what it may still sell', async () => {
    await page.keyboard.press('F1');
    await store.http.close();
    await expect.poll(() => page.getByTestId('store-isolated').textContent(), { timeout: 15_000 }).toContain('Cut off from the store server');
    expect(await page.getByTestId('store-isolated').textContent()).toContain('Goods that count toward no limit sell as usual');
    expect(pageErrors).toEqual([]);
  });
});
