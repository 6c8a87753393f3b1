import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_STORE_ID, DEMO_TERMINAL_ID, demoUpc } from '../../src/main/features/demo/seed';
import { openDrawer } from '../../src/main/features/cash-drawer/session';
import { saveMetrcSettings } from '../../src/main/features/sync/metrc-settings';
import type { HeadlessHost } from '../../src/main/entries/headless/host';
import { startChildCore, type ChildCore } from '../support/child-core';
import { openRegisterPage, serveRegister, signInAs } from '../support/browser';
import { repoRoot } from '../support/cli';
import { startFakeMetrc, type FakeMetrc } from '../support/fake-metrc';
import { testMetrcCredentials } from '../support/metrc-lane';
import { openTempDatabase, testPiiKeys, type TempDatabase } from '../support/temp-db';

/**
 * Issue #17: for a medical patient in a state that holds the patient's
 * allotment (Michigan, R 420.506), the cart's limit meter also shows what
 * the state says is left, per bucket, measured by the sale gate's own state
 * check — so the refusal at payment is seen coming.
 */
const screens = join(repoRoot, 'test-artifacts', 'screens');
const PATIENT = 'CA-MMIC-2207841'; // the demo medical customer's registration
const BLUE_DREAM_35 = 0;
const OUNCE_MG = 28_349.523125;

describe('the state allotment in the cart’s limit meter (MI)', () => {
  let database: TempDatabase;
  let metrc: FakeMetrc;
  let core: ChildCore;
  let host: HeadlessHost;
  let browser: Browser;
  let page: Page;
  let pageErrors: string[] = [];

  beforeAll(async () => {
    mkdirSync(screens, { recursive: true });
    database = openTempDatabase({ demo: true });
    database.sqlite.prepare("UPDATE stores SET state = 'MI', time_zone = 'America/Detroit'").run();
    // 0.1 oz of flower left in the state's system: less than one 3.5 g jar.
    metrc = await startFakeMetrc({
      ...testMetrcCredentials,
      patients: {
        [PATIENT]: {
          PatientLicenseNumber: PATIENT,
          Active: true,
          FlowerOuncesAllowed: 2.5,
          FlowerOuncesPurchased: 2.4,
          FlowerOuncesAvailable: 0.1,
          PatientLicenseExpirationDate: '2027-08-31',
        },
      },
    });
    const now = new Date();
    saveMetrcSettings(database.db, testPiiKeys, DEMO_STORE_ID, { baseUrl: metrc.url, apiVersion: 'v2', enabled: true, ...testMetrcCredentials }, null, now);
    openDrawer(database.db, { terminalId: DEMO_TERMINAL_ID, staffId: 'staff-demo-budtender', count: { '2000': 10 }, now });
    core = await startChildCore(database, { sync: { tuning: { idlePollMs: 50, patientStatusCacheMs: 0 } } });
    host = await serveRegister(core);
    ({ browser, page, pageErrors } = await openRegisterPage({ viewport: { width: 1024, height: 768 } }));
  });

  afterAll(async () => {
    await browser?.close();
    await host?.close();
    await core?.stop();
    await metrc?.close();
    database?.dispose();
  });

  it('shows what the state says is left for a checked-in patient, and warns before payment when the cart takes more', async () => {
    await page.goto(host.url);
    await signInAs(page, 'budtender');
    await page.getByPlaceholder('Scan or search by name, brand, strain, SKU or UPC').waitFor();
    await page.keyboard.type(demoUpc(BLUE_DREAM_35));
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByTestId('cart-line').count()).toBe(1);
    // No patient yet: no state allotment.
    expect(await page.getByTestId('state-allotment').count()).toBe(0);

    await page.getByRole('button', { name: 'Check ID…' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Sale type').selectOption('medical');
    for (const [label, value] of [
      ['ID number', 'S1234567'],
      ['First name', 'Sam'],
      ['Last name', 'Medina'],
      ['Date of birth', '1978-11-03'],
      ['ID expiry', '2030-11-03'],
      ['Issued by (state)', 'MI'],
      ['Medical registration number', PATIENT],
    ] as const)
      await dialog.getByLabel(label).fill(value);
    await dialog.getByRole('button', { name: 'Check ID' }).click();
    await expect.poll(() => page.getByTestId('check-in-result').textContent()).toContain('✓ Accepted');
    await dialog.getByRole('button', { name: 'Continue' }).click();

    const left = Math.floor(0.1 * OUNCE_MG);
    const leftText = `${Math.floor(left / 1000)}.${String(left % 1000)
      .padStart(3, '0')
      .replace(/0+$/, '')} g`;
    await expect
      .poll(() => page.getByTestId('state-allotment-flower').textContent())
      .toMatch(new RegExp(`^⚠ Flower 3\\.5 g of ${leftText.replace('.', '\\.')}( g)? left`));
    expect(await page.getByTestId('state-allotment-source').textContent()).toMatch(/^State allotment, from the state system at /);
    // The state's own limits (the rule pack's) are still there beside it.
    expect(await page.getByTestId('limit-meter').getByRole('list', { name: 'Purchase limits' }).count()).toBe(1);
    await page.screenshot({ path: join(screens, 'checkout-state-allotment-1024x768.png') });

    // The gate says the same at payment.
    await page
      .getByRole('button', { name: /^Cash / })
      .first()
      .click();
    await expect.poll(() => page.getByTestId('payment-error').textContent()).toContain('flower allotment in the state system');
  });

  it('raised no page errors', () => {
    expect(pageErrors).toEqual([]);
  });
});
