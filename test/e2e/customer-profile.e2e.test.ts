import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HeadlessHost } from '../../src/main/entries/headless/host';
import { startChildCore, type ChildCore } from '../support/child-core';
import { JORDAN, openRegisterPage, serveRegister, pickCustomerAndCheckIn, signInAs } from '../support/browser';
import { signIn } from '../support/session';
import { value } from '../support/result';
import { openTempDatabase, type TempDatabase } from '../support/temp-db';

/**
 * Issue #22's CRM profile at the counter, in Chromium: a budtender finds a
 * returning customer by phone, reads their purchase history on the customer
 * card, records their written consent to marketing texts and sets a
 * preference; a manager merges a duplicate record from the same card (a
 * record of another person is refused with the core's own message).
 */
const SCAN_BOX = 'Scan or search by name, brand, strain, SKU or UPC';
const PHONE = '(212) 555-0142';

describe('the customer card at the counter', () => {
  let database: TempDatabase;
  let core: ChildCore;
  let host: HeadlessHost;
  let browser: Browser;
  let page: Page;
  let pageErrors: string[] = [];
  let vapeUpc: string;
  let sameperson: string;

  beforeAll(async () => {
    database = openTempDatabase({ demo: true });
    core = await startChildCore(database);
    await signIn(core, 'manager');
    value(await core.send('preference-option-save', { key: 'vapes', kind: 'category', label: 'Vapes' }));
    value(await core.send('preference-option-save', { key: 'sleep', kind: 'effect', label: 'Sleep' }));
    value(await core.send('customer-contact-set', { customerId: 'customer-demo-adult', phone: PHONE }));
    // Two more records named like Jordan: one is another person (born another day), one a duplicate of Jordan.
    value(await core.send('customer-create', { customerType: 'adult', firstName: 'Jordan', lastName: 'Rivera', dateOfBirth: '1991-01-01' }));
    sameperson = value(
      await core.send('customer-create', { customerType: 'adult', firstName: 'Jordan', lastName: 'Rivera', dateOfBirth: JORDAN.dateOfBirth }),
    ).customerId;
    await signIn(core, 'budtender');
    value(await core.send('drawer-open', { count: { '2000': 10 } }));
    value(await core.send('session-sign-out', {}));
    vapeUpc = (
      database.sqlite.prepare("SELECT upc FROM products WHERE name = 'Blue Dream Vape Cartridge 0.5g'").get() as {
        upc: string;
      }
    ).upc;
    host = await serveRegister(core);
    ({ browser, page, pageErrors } = await openRegisterPage({ viewport: { width: 1366, height: 768 } }));
  });

  afterAll(async () => {
    await browser?.close();
    await host?.close();
    await core?.stop();
    database?.dispose();
  });

  async function scan(code: string): Promise<void> {
    await page.getByPlaceholder(SCAN_BOX).waitFor({ state: 'visible' });
    await page.keyboard.type(code);
    await page.keyboard.press('Enter');
  }

  async function sellToJordanByPhone(phone: string): Promise<void> {
    await scan(vapeUpc);
    await expect.poll(() => page.getByTestId('cart-line').count()).toBe(1);
    expect(await pickCustomerAndCheckIn(page, phone, /Jordan Rivera/, JORDAN)).toBe('accepted');
  }

  it('finds the returning customer by phone, reads their purchases, records marketing consent and a preference', async () => {
    await page.goto(host.url);
    await signInAs(page, 'budtender');
    // An earlier visit: a sale to Jordan, found by the number written another way.
    await sellToJordanByPhone('212.555.0142');
    await page
      .getByRole('button', { name: /^Cash / })
      .first()
      .click();
    await expect.poll(() => page.getByRole('heading', { name: /Sale C1-000001 complete/ }).count()).toBe(1);
    await page.getByRole('button', { name: 'Next customer' }).click();

    await sellToJordanByPhone('+1 212 555 0142');
    await page.getByRole('button', { name: 'Customer card…' }).click();
    const card = page.getByRole('dialog', { name: 'Customer card' });
    await expect.poll(() => card.getByTestId('profile-summary').textContent()).toContain('phone ••• ••• 0142');
    await expect.poll(() => card.getByTestId('purchase-history').textContent()).toContain('C1-000001');
    const history = (await card.getByTestId('purchase-history').textContent()) ?? '';
    expect(history).toContain('1 × Blue Dream Vape Cartridge 0.5g');
    expect(history).toMatch(/Counter 1/);
    expect(history).toMatch(/cash \$/);

    // Marketing texts need the signed form: without it the core refuses, and says why.
    await card.getByLabel('Kind').selectOption('marketing');
    await card.getByLabel('Proof', { exact: true }).fill('Opt-in form 0042');
    await card.getByRole('button', { name: 'Record opt-in', exact: true }).click();
    await expect.poll(() => card.getByRole('alert').textContent()).toContain('written consent');
    await card.getByLabel('Signed the opt-in form').check();
    await card.getByRole('button', { name: 'Record opt-in', exact: true }).click();
    await expect.poll(() => card.getByTestId('sms-opt-ins').textContent()).toContain('Marketing: yes');

    await card.getByTestId('customer-preferences').getByLabel('Sleep').check();
    await card.getByRole('button', { name: 'Save preferences' }).click();
    await expect.poll(() => card.getByTestId('customer-preferences').textContent()).toContain('Prefers: Sleep');
    // No merging for a budtender.
    expect(await card.getByTestId('customer-merge').count()).toBe(0);
    await card.getByRole('button', { name: 'Close' }).click();

    const consent = database.sqlite.prepare('SELECT kind, written, source, proof, recorded_by AS recordedBy FROM sms_consent_entries').all();
    expect(consent).toEqual([{ kind: 'marketing', written: 1, source: 'counter', proof: 'Opt-in form 0042', recordedBy: 'staff-demo-budtender' }]);
  });

  it('lets a manager merge a duplicate from the card, refusing another person with the core’s message', async () => {
    await page.getByRole('button', { name: 'Lock', exact: true }).click();
    await signInAs(page, 'manager');
    await sellToJordanByPhone(PHONE);
    await page.getByRole('button', { name: 'Customer card…' }).click();
    const card = page.getByRole('dialog', { name: 'Customer card' });
    const merge = card.getByTestId('customer-merge');
    await merge.getByLabel('Find the duplicate').fill('Rivera');
    await merge.getByRole('button', { name: 'Find' }).click();
    await merge.getByLabel(/born 1991-01-01/).check();
    await merge.getByLabel('Reason').fill('Registered twice');
    await merge.getByRole('button', { name: 'Merge records' }).click();
    await expect.poll(() => merge.getByTestId('merge-message').textContent()).toContain('These records are two people');

    await merge.getByLabel(`Jordan Rivera · adult · born ${JORDAN.dateOfBirth}`, { exact: true }).check();
    await merge.getByRole('button', { name: 'Merge records' }).click();
    await expect.poll(() => card.count()).toBe(0);
    expect(database.sqlite.prepare('SELECT merged_into AS mergedInto FROM customers WHERE id = ?').get(sameperson)).toEqual({
      mergedInto: 'customer-demo-adult',
    });
    expect(pageErrors).toEqual([]);
  });
});
