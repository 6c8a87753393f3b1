import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HeadlessHost } from '../../src/main/entries/headless/host';
import { demoRegisterPage, type DemoRegisterPage, signInAs } from '../support/browser';
import { repoRoot } from '../support/cli';
import type { TempDatabase } from '../support/temp-db';

/**
 * Issue #17: a caregiver is registered from the new-customer dialog, linked
 * to the registered patient they buy for; at check-in the caregiver rules
 * apply (their own card, and their patient's, must both be current).
 */
const screens = join(repoRoot, 'test-artifacts', 'screens');

describe('registering a caregiver at the counter', () => {
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

  /** Whom each registered caregiver buys for (their names are sealed at rest). */
  const caregivers = () => database.sqlite.prepare("SELECT caregiver_for_id AS patient FROM customers WHERE customer_type = 'caregiver' ORDER BY rowid").all();

  /** The new-customer dialog for a caregiver named `name`, with their card, linked to the patient found by `patient`. */
  async function registerCaregiver(name: string, patient: string, patientButton: RegExp, card: string): Promise<void> {
    await page.getByLabel('Find customer').fill(name);
    await page.getByRole('button', { name: 'New customer…' }).click();
    const dialog = page.getByRole('dialog', { name: 'New customer' });
    await dialog.getByLabel('Customer type').selectOption('caregiver');
    await dialog.getByLabel('Birth date').fill('1980-05-05');
    await dialog.getByLabel('Caregiver card number').fill(card);
    await dialog.getByLabel('Caregiver card expiry').fill('2030-05-31');
    const save = dialog.getByRole('button', { name: 'Save and check ID' });
    // Not without the patient they buy for.
    expect(await save.isDisabled()).toBe(true);
    await dialog.getByLabel('Find their patient').fill(patient);
    await dialog.getByRole('button', { name: patientButton }).click();
    await expect.poll(() => dialog.getByTestId('caregiver-patient').textContent()).toMatch(/^Buys for: /);
    await save.click();
  }

  async function checkInCaregiver(name: string, first: string, last: string, card: string): Promise<string> {
    const checkIn = page.getByRole('dialog', { name: `Check in: ${name}` });
    await expect.poll(() => checkIn.count()).toBe(1);
    expect(await checkIn.getByLabel('Sale type').inputValue()).toBe('medical');
    for (const [label, value] of [
      ['ID number', `D${card.replace(/\D/g, '').slice(-7)}`],
      ['First name', first],
      ['Last name', last],
      ['Date of birth', '1980-05-05'],
      ['ID expiry', '2031-05-05'],
      ['Medical registration number', card],
    ] as const)
      await checkIn.getByLabel(label).fill(value);
    await checkIn.getByRole('button', { name: 'Check ID' }).click();
    await expect.poll(() => page.getByTestId('check-in-result').count()).toBe(1);
    return (await page.getByTestId('check-in-result').textContent()) ?? '';
  }

  it('registers a caregiver linked to their patient; check-in sells to them as the patient’s caregiver', async () => {
    await page.goto(host.url);
    await signInAs(page, 'budtender');
    await page.keyboard.press('F1');
    // Only registered patients are offered as the one a caregiver buys for.
    await page.getByLabel('Find customer').fill('Robin Ellis');
    await page.getByRole('button', { name: 'New customer…' }).click();
    const dialog = page.getByRole('dialog', { name: 'New customer' });
    await dialog.getByLabel('Customer type').selectOption('caregiver');
    await dialog.getByLabel('Find their patient').fill('Jordan');
    await expect.poll(() => dialog.getByTestId('patient-search-note').textContent()).toBe('No registered patient’s name starts with “Jordan”.');
    await page.screenshot({ path: join(screens, 'customer-registration-caregiver-1024x768.png') });
    await dialog.getByRole('button', { name: 'Cancel' }).click();

    await registerCaregiver('Robin Ellis', 'Sam', /^Sam Medina · card to 2027-08-31$/, 'CA-CG-4410021');
    await expect.poll(caregivers).toEqual([{ patient: 'customer-demo-medical' }]);
    const result = await checkInCaregiver('Robin Ellis', 'Robin', 'Ellis', 'CA-CG-4410021');
    expect(result).toContain('✓ Accepted: Robin Ellis');
    expect(result).toContain('(caregiver, buying for their patient)');
    await page.getByRole('dialog').getByRole('button', { name: 'Continue' }).click();
    await expect.poll(() => page.getByTestId('cart-customer').textContent()).toContain('Robin Ellis (caregiver)');
  });

  it('a caregiver whose patient’s card has expired is registered, and refused at check-in with the reason', async () => {
    await page.getByTestId('cart-customer').getByRole('button', { name: 'change' }).click();
    await registerCaregiver('Alex Stone', 'Pat', /^Pat Okafor · card to 2025-12-31$/, 'CA-CG-5520033');
    await expect.poll(caregivers).toEqual([{ patient: 'customer-demo-medical' }, { patient: 'customer-demo-medical-expired' }]);
    const result = await checkInCaregiver('Alex Stone', 'Alex', 'Stone', 'CA-CG-5520033');
    expect(result).toContain('✕ Refused');
    expect(result).toContain('The patient’s medical card expired on 2025-12-31');
  });

  it('raised no page errors', () => {
    expect(pageErrors).toEqual([]);
  });
});
