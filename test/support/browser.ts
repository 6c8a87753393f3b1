import { existsSync } from 'node:fs';
import { chromium, type Browser, type Page } from 'playwright-core';
import { expect } from 'vitest';
import { DEMO_STAFF } from '../../src/main/demo/seed';

/** Debian's Chromium (CI installs it with apt-get); override with GREENTILL_CHROMIUM. */
export const chromiumPath = process.env['GREENTILL_CHROMIUM'] ?? '/usr/bin/chromium';

export function launchChromium(): Promise<Browser> {
  if (!existsSync(chromiumPath)) throw new Error(`Chromium not found at ${chromiumPath}: apt-get install chromium`);
  return chromium.launch({
    executablePath: chromiumPath,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
  });
}

export interface RegisterPage {
  readonly browser: Browser;
  readonly page: Page;
  /** Uncaught page errors and console errors, for a test to assert there were none. */
  readonly pageErrors: string[];
}

/**
 * Chromium with one page the size of a counter screen. A step that cannot
 * happen fails after `timeoutMs` and names itself, not at the test timeout.
 */
export async function openRegisterPage({ timeoutMs = 15_000 }: { readonly timeoutMs?: number } = {}): Promise<RegisterPage> {
  const browser = await launchChromium();
  const page = await browser.newPage({ viewport: { width: 1366, height: 900 } });
  page.setDefaultTimeout(timeoutMs);
  const pageErrors: string[] = [];
  page.on('pageerror', (error) => pageErrors.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error') pageErrors.push(message.text());
  });
  return { browser, page, pageErrors };
}

/** On the sign-in (or lock) screen: picks the demo staff member with `role`, types their PIN, and waits until they are signed in. */
export async function signInAs(page: Page, role: (typeof DEMO_STAFF)[number]['role']): Promise<void> {
  const person = DEMO_STAFF.find((s) => s.role === role);
  if (person === undefined) throw new Error(`The demo store has no ${role}`);
  await page.getByRole('radio', { name: new RegExp(person.displayName) }).click();
  await page.keyboard.type(person.pin);
  await page.keyboard.press('Enter');
  await expect.poll(() => page.getByTestId('signed-in-as').textContent()).toBe(person.displayName);
}
