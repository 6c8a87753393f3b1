import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDrawer } from '../../src/main/features/cash-drawer/session';
import { DEMO_TERMINAL_ID, demoPackageTag } from '../../src/main/features/demo/seed';
import type { HeadlessHost } from '../../src/main/entries/headless/host';
import { startChildCore, type ChildCore } from '../support/child-core';
import type { Relay } from '../../src/relay/app';
import { JORDAN, openRegisterPage, serveRegister, pickCustomerAndCheckIn, signInAs } from '../support/browser';
import { repoRoot } from '../support/cli';
import { startFakeLeafly, type FakeLeafly } from '../support/fake-marketplaces/leafly';
import { startTestPostgres, type TestPostgres } from '../support/postgres';
import { openTempDatabase, type TempDatabase } from '../support/temp-db';
import { connectStore, startTestRelay } from '../relay/support';

/**
 * The order queue at the counter (issue #21), in Chromium against a real
 * relay on PostgreSQL and the fake Leafly: an order arrives, is accepted
 * (its timer runs), one line is substituted with the customer's agreement,
 * a wrong package tag is refused and named, the rest is picked by scan,
 * marked ready, handed over into the counter's own check-in — an under-21
 * ID refused, then the right person — paid, and completed on Leafly.
 */
const artifacts = join(repoRoot, 'test-artifacts');
const ORDER = `E2E-${process.pid}`;
// Demo products: GT-0001 Blue Dream 3.5g (tags 1, 2), GT-0002 Blue Dream 7g (3, 4), GT-0003 OG Kush 3.5g (5, 6), GT-0004 Gelato #33 3.5g (7, 8).
const BLUE_DREAM = demoPackageTag(1);
const BLUE_DREAM_7G = demoPackageTag(3);
const GELATO = demoPackageTag(7);

let pg: TestPostgres;
let relay: Relay & { dispose(): Promise<void> };
let leafly: FakeLeafly;
let database: TempDatabase;
let core: ChildCore;
let host: HeadlessHost;
let browser: Browser;
let page: Page;
let pageErrors: string[] = [];
let credential: string;

beforeAll(async () => {
  mkdirSync(artifacts, { recursive: true });
  pg = await startTestPostgres();
  relay = await startTestRelay(pg);
  leafly = await startFakeLeafly({ retryMs: 50 });
  const store = await connectStore(relay.database.db, { leafly: { secret: leafly.secret, apiBase: leafly.url, apiKey: leafly.key } });
  leafly.setWebhookUrl(`${relay.url}${store.connections.leafly!.webhookPath}`);
  database = openTempDatabase({ demo: true });
  const now = new Date();
  credential = store.credential;
  openDrawer(database.db, { terminalId: DEMO_TERMINAL_ID, staffId: 'staff-demo-budtender', count: { '2000': 10 }, now });
  core = await startChildCore(database, {
    sync: {
      tuning: { retry: { initialDelayMs: 50, maxDelayMs: 500 }, breaker: { halfOpenAfterMs: 300, maxHalfOpenAfterMs: 600 }, idlePollMs: 100 },
      relayOrders: true,
    },
  });
  host = await serveRegister(core);
  ({ browser, page, pageErrors } = await openRegisterPage());
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await host?.close();
  await core?.stop();
  database?.dispose();
  await leafly?.close();
  await relay?.dispose();
  pg?.stop();
});

const card = () => page.getByRole('article', { name: `Order ${ORDER}` });
const group = (title: string) => page.getByRole('region', { name: `${title} orders` });
const errorShown = () => page.getByRole('alert').first().textContent();
const partnerStatuses = () => (leafly.orders.get(ORDER)?.history ?? []).filter((h) => h.by === 'partner').map((h) => h.status);

async function pickTag(tag: string): Promise<void> {
  const box = card().getByLabel(`Package tag for order ${ORDER}`);
  await box.fill(tag);
  await box.press('Enter');
}

describe('online orders at the counter', () => {
  it('an admin connects the register to the order relay (the credential is not kept in the clear)', async () => {
    await page.goto(host.url);
    await signInAs(page, 'admin');
    await page.keyboard.press('F11');
    await expect.poll(() => page.getByTestId('orders-feed').textContent()).toContain('No order relay is set up');
    await page.getByLabel('Relay address').fill(relay.url);
    await page.getByLabel('Store credential').fill(credential);
    await page.getByRole('button', { name: 'Connect the order relay' }).click();
    await expect.poll(() => page.getByTestId('orders-feed').textContent()).toContain(`Orders from ${relay.url}`);
    expect(JSON.stringify(database.sqlite.prepare('SELECT * FROM online_order_relay').all())).not.toContain(credential);
    await page.getByRole('button', { name: 'Sign out' }).click();
  });

  it('an order placed on Leafly arrives in the queue as new, with its time to accept', async () => {
    leafly.submit(ORDER, [
      { menu_item_id: 'GT-0001', name: 'Blue Dream 3.5g', quantity: 1, price: 3500 },
      { menu_item_id: 'GT-0003', name: 'OG Kush 3.5g', quantity: 1, price: 3800 },
    ]);
    await leafly.delivery.settled();
    await signInAs(page, 'budtender');
    await page.keyboard.press('F1');
    // Earlier today Jordan bought 21 g of flower at the counter: the handover counts it.
    await page.keyboard.type(BLUE_DREAM_7G);
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByTestId('cart-line').count()).toBe(1);
    await page.getByRole('button', { name: 'One more Blue Dream 7g' }).click();
    await page.getByRole('button', { name: 'One more Blue Dream 7g' }).click();
    expect(await pickCustomerAndCheckIn(page, 'Rive', /Jordan Rivera/, JORDAN)).toBe('accepted');
    await expect.poll(() => page.getByTestId('limit-flower').textContent()).toContain('Flower 21 g of 28.5 g');
    await page
      .getByRole('button', { name: /^Cash / })
      .first()
      .click();
    await expect.poll(() => page.getByTestId('change-due').count()).toBe(1);
    await page.getByRole('button', { name: 'Next customer' }).click();

    await page.keyboard.press('F11');
    await expect.poll(() => page.getByRole('heading', { name: 'Online orders' }).count()).toBe(1);
    await expect.poll(() => group('New').getByRole('article').count()).toBe(1);
    await expect.poll(() => card().getByTestId(`deadline-${ORDER}`).textContent()).toMatch(/1\d:\d\d left to accept/);
    expect(await card().textContent()).toContain('no texts to this customer');
    await page.screenshot({ path: join(artifacts, 'orders-new.png') });
  });

  it('accepts it, substitutes a line with the customer’s agreement, refuses a wrong tag by name, and picks the rest by scan', async () => {
    await card()
      .getByRole('button', { name: `Accept order ${ORDER}` })
      .click();
    await expect.poll(() => group('Accepted').getByRole('article').count()).toBe(1);
    await expect.poll(() => card().getByTestId(`deadline-${ORDER}`).textContent()).toMatch(/2:5\d:\d\d left to pick up/);
    await expect.poll(() => partnerStatuses()).toEqual(['confirmed']);

    // OG Kush is out on the floor: the customer agrees by phone to Gelato instead.
    await card().getByTestId(`order-line-${ORDER}-2`).getByRole('button', { name: 'Substitute…' }).click();
    await card().getByLabel('Substitute SKU').fill('GT-0004');
    expect(await card().getByLabel('Customer agreed').locator('option').allTextContents()).not.toContain('Replied to a text'); // Leafly: no texts
    await card().getByLabel('Customer agreed').selectOption('phone');
    await card().getByLabel('Note').fill('Pat agreed on the phone');
    await card().getByRole('button', { name: 'Record substitution' }).click();
    await expect.poll(() => card().getByTestId(`order-line-${ORDER}-2`).textContent()).toContain('Gelato #33 3.5g × 1');
    expect(await card().getByTestId(`order-line-${ORDER}-2`).textContent()).toContain('substitute for OG Kush 3.5g (by phone)');

    await pickTag(BLUE_DREAM_7G);
    await expect
      .poll(errorShown)
      .toMatch(/Wrong package: …\d{6} is Blue Dream 7g, which this order does not have\. Still to pick: Blue Dream 3\.5g, Gelato #33 3\.5g\./);
    expect(await card().getByTestId(`order-line-${ORDER}-1`).textContent()).toContain('picked 0 of 1');
    await page.screenshot({ path: join(artifacts, 'orders-wrong-tag.png') });

    await pickTag(BLUE_DREAM);
    await expect.poll(() => group('Picking').getByRole('article').count()).toBe(1);
    await expect.poll(() => card().getByTestId(`order-line-${ORDER}-1`).textContent()).toContain('picked 1 of 1');
    await pickTag(GELATO);
    await expect.poll(() => card().getByTestId(`order-line-${ORDER}-2`).textContent()).toContain('picked 1 of 1');
  });

  it('marks it ready (Leafly told) and hands it over into check-in: an under-21 ID is refused, the right person checked in, paid', async () => {
    await card()
      .getByRole('button', { name: `Mark order ${ORDER} ready` })
      .click();
    await expect.poll(() => group('Ready').getByRole('article').count()).toBe(1);
    await expect.poll(() => partnerStatuses()).toEqual(['confirmed', 'ready']);

    // A cart already open at the counter is not dropped from view: it is finished or parked first.
    await page.keyboard.press('F1');
    await page.keyboard.type(demoPackageTag(9));
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByTestId('cart-line').count()).toBe(1);
    await page.keyboard.press('F11');
    await card()
      .getByRole('button', { name: `Hand over order ${ORDER}` })
      .click();
    await expect.poll(errorShown).toContain('A cart is open at the counter');
    await page.keyboard.press('F1');
    await page.getByRole('button', { name: /^Remove / }).click();
    await expect.poll(() => page.getByTestId('cart-line').count()).toBe(0);
    await page.keyboard.press('F11');
    await card()
      .getByRole('button', { name: `Hand over order ${ORDER}` })
      .click();
    await expect.poll(() => page.getByTestId('cart-line').count()).toBe(2);
    expect(await page.getByTestId('cart-line').allTextContents()).toEqual([
      expect.stringContaining('Blue Dream 3.5g'),
      expect.stringContaining('Gelato #33 3.5g'),
    ]);

    // Someone else comes for it: their ID shows they are under 21.
    await page.getByRole('button', { name: 'Check ID…' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('ID number').fill('D7654321');
    await dialog.getByLabel('First name').fill('Sky');
    await dialog.getByLabel('Last name').fill('Young');
    await dialog.getByLabel('Date of birth').fill('2006-01-15');
    await dialog.getByLabel('ID expiry').fill('2031-01-15');
    await dialog.getByRole('button', { name: 'Check ID' }).click();
    await expect.poll(() => page.getByTestId('check-in-result').textContent()).toContain('21 is the minimum');
    await page.screenshot({ path: join(artifacts, 'orders-handover-refused.png') });
    await dialog.getByRole('button', { name: 'Cancel' }).click();

    // The right person, checked in like any customer at the counter (limits at this moment).
    expect(await pickCustomerAndCheckIn(page, 'Rive', /Jordan Rivera/, JORDAN)).toBe('accepted');
    // The limits as at this moment: this morning's 21 g and the order's 7 g.
    await expect.poll(() => page.getByTestId('limit-flower').textContent()).toContain('Flower 28 g of 28.5 g');
    await page.screenshot({ path: join(artifacts, 'orders-handover-limits.png') });
    await page
      .getByRole('button', { name: /^Cash / })
      .first()
      .click();
    await expect.poll(() => page.getByTestId('change-due').count()).toBe(1);
    await page.screenshot({ path: join(artifacts, 'orders-handed-over.png') });
  });

  it('the order completes: picked up on Leafly, once, after confirmed and ready', async () => {
    await page.getByRole('button', { name: 'Next customer' }).click();
    await page.keyboard.press('F11');
    await page.getByRole('button', { name: 'Check for orders' }).click();
    await expect.poll(() => group('Ended today').getByRole('article').count()).toBe(1);
    expect(await card().getAttribute('data-status')).toBe('completed');
    await expect.poll(() => partnerStatuses(), { timeout: 10_000 }).toEqual(['confirmed', 'ready', 'picked_up']);
    expect(leafly.orders.get(ORDER)!.refused).toEqual([]);
  });

  it('raised no page errors', () => {
    expect(pageErrors).toEqual([]);
  });
});
