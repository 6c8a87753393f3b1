import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type Locator, type Page } from 'playwright-core';
import { expect } from 'vitest';
import { DEMO_STAFF } from '../../src/main/features/demo/seed';
import type { Invoke } from '../../src/main/core/registry';
import { startHeadlessHost, type HeadlessHost } from '../../src/main/entries/headless/host';
import { startChildCore, type ChildCore } from './child-core';
import { repoRoot } from './cli';
import { openTempDatabase, type TempDatabase } from './temp-db';

/** Debian's Chromium (CI installs it with apt-get); override with GREENTILL_CHROMIUM. */
export const chromiumPath = process.env['GREENTILL_CHROMIUM'] ?? '/usr/bin/chromium';

export function launchChromium(): Promise<Browser> {
  if (!existsSync(chromiumPath)) throw new Error(`Chromium not found at ${chromiumPath}: apt-get install chromium`);
  return chromium.launch({
    executablePath: chromiumPath,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
    ],
  });
}

/** The built renderer the headless host serves; a missing build fails the test saying how to make it. */
export function builtRenderer(): string {
  const dir = join(repoRoot, 'out', 'renderer');
  if (!existsSync(join(dir, 'index.html'))) throw new Error('Build the renderer first: npm run build:renderer (npm test does it)');
  return dir;
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
export async function openRegisterPage({
  timeoutMs = 15_000,
  viewport = { width: 1366, height: 900 },
}: { readonly timeoutMs?: number; readonly viewport?: { readonly width: number; readonly height: number } } = {}): Promise<RegisterPage> {
  const browser = await launchChromium();
  const page = await browser.newPage({ viewport });
  page.setDefaultTimeout(timeoutMs);
  const pageErrors: string[] = [];
  page.on('pageerror', (error) => pageErrors.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error') pageErrors.push(message.text());
  });
  return { browser, page, pageErrors };
}

/**
 * Where a control stands, for `expect.poll(...).toBe('on screen')`: drawn
 * fully inside the viewport and what a tap at its centre reaches (not
 * clipped by a scroll box, not covered); otherwise what is wrong, in words.
 */
export async function placementOf(locator: Locator, what: string, viewport: { readonly width: number; readonly height: number }): Promise<string> {
  const { width, height } = viewport;
  const box = await locator.boundingBox();
  if (box === null) return `${what}: not drawn`;
  const inside = box.x >= 0 && box.y >= 0 && box.x + box.width <= width + 0.5 && box.y + box.height <= height + 0.5 && box.width > 0 && box.height > 0;
  if (!inside) return `${what}: at ${Math.round(box.x)},${Math.round(box.y)} ${Math.round(box.width)}×${Math.round(box.height)}, outside ${width}×${height}`;
  const reachable = await locator.evaluate((node) => {
    // The test's own types have no DOM: the few members used, named.
    const element = node as unknown as { getBoundingClientRect(): { x: number; y: number; width: number; height: number }; contains(other: unknown): boolean };
    const { document } = globalThis as unknown as { document: { elementFromPoint: (x: number, y: number) => unknown } };
    const r = element.getBoundingClientRect();
    const hit = document.elementFromPoint(r.x + r.width / 2, r.y + r.height / 2);
    return hit !== null && (hit === element || element.contains(hit));
  });
  return reachable ? 'on screen' : `${what}: covered or clipped`;
}

/**
 * The headless host (the built renderer) in front of a core process, as
 * `start:web` serves it: every command through the child, its restart count
 * on every answer, its pushes on the page's event stream. `invoke` wraps the child's for a test that counts or
 * slows commands.
 */
export function serveRegister(core: ChildCore, options: { readonly invoke?: Invoke; readonly staticDir?: string } = {}): Promise<HeadlessHost> {
  return startHeadlessHost({
    invoke: options.invoke ?? core.invoke,
    staticDir: options.staticDir ?? builtRenderer(),
    coreGeneration: () => core.process.restarts,
    pushes: core.process,
  });
}

/** The demo register served to Chromium, and a page on it: what most browser tests start from. */
export interface DemoRegisterPage extends RegisterPage {
  readonly database: TempDatabase;
  /** The register's core (its own process), for a test that sets something up or reads it back without the screen. */
  readonly core: ChildCore;
  readonly host: HeadlessHost;
  close(): Promise<void>;
}

/** A fresh demo database, its core in a child process behind the headless host, and Chromium on a page of the given size. */
export async function demoRegisterPage(options: { readonly viewport?: { readonly width: number; readonly height: number } } = {}): Promise<DemoRegisterPage> {
  const database = openTempDatabase({ demo: true });
  const core = await startChildCore(database);
  const host = await serveRegister(core);
  const opened = await openRegisterPage(options.viewport === undefined ? {} : { viewport: options.viewport });
  return {
    ...opened,
    database,
    core,
    host,
    close: async () => {
      await opened.browser.close();
      await host.close();
      await core.stop();
      database.dispose();
    },
  };
}

/**
 * On the sign-in (or lock) screen: picks the demo staff member with `role`, types their PIN, and waits until they are signed in.
 * The opening check opens by itself after the first sign-in of the store day; unless `openingCheck: 'keep'`, it is
 * waited for and closed ("Continue to the register"), so the test carries on where a signed-in person lands.
 */
export async function signInAs(
  page: Page,
  role: (typeof DEMO_STAFF)[number]['role'],
  options: { readonly openingCheck?: 'dismiss' | 'keep' } = {},
): Promise<void> {
  const person = DEMO_STAFF.find((s) => s.role === role);
  if (person === undefined) throw new Error(`The demo store has no ${role}`);
  await page.getByRole('radio', { name: new RegExp(person.displayName) }).click();
  await page.keyboard.type(person.pin);
  await page.keyboard.press('Enter');
  await expect.poll(() => page.getByTestId('signed-in-as').textContent()).toBe(person.displayName);
  const state = () => page.locator('.app').getAttribute('data-opening-check');
  await expect.poll(state).toMatch(/^(shown|done)$/);
  if ((await state()) === 'shown' && options.openingCheck !== 'keep') await page.getByRole('button', { name: 'Continue to the register' }).click();
}

/** The ID a saved demo customer shows at the counter, typed into check-in. */
export interface TypedId {
  readonly idNumber: string;
  readonly firstName: string;
  readonly lastName: string;
  readonly dateOfBirth: string;
  readonly expiry?: string;
}

/** Jordan Rivera, the demo store's saved adult-use customer, and his licence. */
export const JORDAN: TypedId = { idNumber: 'D1234567', firstName: 'Jordan', lastName: 'Rivera', dateOfBirth: '1990-04-12', expiry: '2029-04-12' };

/**
 * Picks a saved customer by name and checks their ID in the dialog that
 * opens (a saved customer shows their ID at every visit); an accepted check
 * continues to the cart. Returns the dialog's outcome.
 */
export async function pickCustomerAndCheckIn(page: Page, search: string, name: RegExp, id: TypedId): Promise<'accepted' | 'refused'> {
  await page.getByLabel('Find customer').fill(search);
  await page.getByRole('button', { name }).click();
  const dialog = page.getByRole('dialog');
  for (const [label, value] of [
    ['ID number', id.idNumber],
    ['First name', id.firstName],
    ['Last name', id.lastName],
    ['Date of birth', id.dateOfBirth],
    ['ID expiry', id.expiry ?? '2031-01-01'],
  ] as const) {
    await dialog.getByLabel(label).fill(value);
  }
  await dialog.getByRole('button', { name: 'Check ID' }).click();
  await expect.poll(() => page.getByTestId('check-in-result').count()).toBe(1);
  const accepted = ((await page.getByTestId('check-in-result').textContent()) ?? '').includes('Accepted');
  if (accepted) await dialog.getByRole('button', { name: 'Continue' }).click();
  return accepted ? 'accepted' : 'refused';
}
