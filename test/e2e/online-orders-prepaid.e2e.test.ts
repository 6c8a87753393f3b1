import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDrawer } from '../../src/main/features/cash-drawer/session';
import { DEMO_TERMINAL_ID, demoPackageTag } from '../../src/main/features/demo/seed';
import { saveRelayLink } from '../../src/main/features/online-orders/relay-settings';
import type { HeadlessHost } from '../../src/main/entries/headless/host';
import type { Relay } from '../../src/relay/app';
import { startChildCore, type ChildCore } from '../support/child-core';
import { JORDAN, openRegisterPage, pickCustomerAndCheckIn, serveRegister, signInAs } from '../support/browser';
import { repoRoot } from '../support/cli';
import { startFakeGreentillPlatform, type FakeGreentillPlatform } from '../support/fake-marketplaces/greentill-webhook';
import { startTestPostgres, type TestPostgres } from '../support/postgres';
import { openTempDatabase, testPiiKeys, type TempDatabase } from '../support/temp-db';
import { connectStore, startTestRelay } from '../relay/support';

/**
 * A prepaid online order at the counter (issue #21), in Chromium against a
 * real relay on PostgreSQL and a fake menu platform on the Greentill order
 * webhook v1: the order arrives paid (`order.payment`), is accepted for the
 * customer it is for (holding their limits for the day, counted once at
 * handover), picked by scan, marked ready and handed over through the
 * counter's ID check;
 * no cash is keyed, the receipt says prepaid, the drawer's cash is
 * unchanged, and the platform hears confirmed, ready, picked up.
 */
const artifacts = join(repoRoot, 'test-artifacts');
const ORDER = `PAID-${process.pid}`;
const BLUE_DREAM = demoPackageTag(1); // GT-0001 Blue Dream 3.5g

let pg: TestPostgres;
let relay: Relay & { dispose(): Promise<void> };
let platform: FakeGreentillPlatform;
let database: TempDatabase;
let core: ChildCore;
let host: HeadlessHost;
let browser: Browser;
let page: Page;
let pageErrors: string[] = [];

beforeAll(async () => {
  mkdirSync(artifacts, { recursive: true });
  pg = await startTestPostgres();
  relay = await startTestRelay(pg);
  platform = await startFakeGreentillPlatform({ retryMs: 50 });
  const store = await connectStore(relay.database.db, { greentill: { secret: platform.secret, apiBase: platform.statusUrl } });
  platform.setWebhookUrl(`${relay.url}${store.connections.greentill!.webhookPath}`);
  database = openTempDatabase({ demo: true });
  const now = new Date();
  saveRelayLink(database.db, testPiiKeys, { url: relay.url, credential: store.credential }, null, now);
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
  await platform?.close();
  await relay?.dispose();
  pg?.stop();
});

const card = () => page.getByRole('article', { name: `Order ${ORDER}` });
const group = (title: string) => page.getByRole('region', { name: `${title} orders` });
const partnerStatuses = () => (platform.orders.get(ORDER)?.history ?? []).map((h) => h.status);
/** The cash this drawer session should hold from sales: every payment that went into a drawer. */
const drawerTakings = () =>
  (database.sqlite.prepare('SELECT coalesce(sum(amount_cents), 0) AS cents FROM payments WHERE drawer_session_id IS NOT NULL').get() as { cents: number })
    .cents;

describe('a prepaid online order at the counter', () => {
  it('arrives paid, is accepted, picked by scan and marked ready', async () => {
    platform.submit(ORDER, [{ productRef: 'GT-0001', name: 'Blue Dream 3.5g', quantity: 1, unitPriceCents: 3500 }], {
      payment: { status: 'paid', amountCents: 6_000, reference: 'pay_e2e_1' },
    });
    await platform.delivery.settled();
    await page.goto(host.url);
    await signInAs(page, 'budtender');
    await page.keyboard.press('F11');
    await page.getByRole('button', { name: 'Check for orders' }).click();
    await expect.poll(() => group('New').getByRole('article').count()).toBe(1);
    expect(await card().getByTestId(`prepaid-${ORDER}`).textContent()).toContain('prepaid $60.00');

    // Staff link it to the customer it is for: it holds Jordan's limits for today too.
    await card().getByRole('button', { name: 'Accept for a customer…' }).click();
    await card().getByLabel('Find customer').fill('Rive');
    await card()
      .getByRole('button', { name: /Jordan Rivera/ })
      .click();
    await expect.poll(() => group('Accepted').getByRole('article').count()).toBe(1);
    expect(await card().getByTestId(`limits-held-${ORDER}`).textContent()).toContain('limits held for Jordan Rivera today');
    const box = card().getByLabel(`Package tag for order ${ORDER}`);
    await box.fill(BLUE_DREAM);
    await box.press('Enter');
    await expect.poll(() => card().getByTestId(`order-line-${ORDER}-1`).textContent()).toContain('picked 1 of 1');
    await card()
      .getByRole('button', { name: `Mark order ${ORDER} ready` })
      .click();
    await expect.poll(() => group('Ready').getByRole('article').count()).toBe(1);
    await expect.poll(() => partnerStatuses(), { timeout: 10_000 }).toEqual(['confirmed', 'ready']);
  });

  it('hands it over after the ID check with no cash keyed: the receipt says prepaid and the drawer’s cash is unchanged', async () => {
    const takingsBefore = drawerTakings();
    await card()
      .getByRole('button', { name: `Hand over order ${ORDER}` })
      .click();
    await expect.poll(() => page.getByTestId('cart-line').count()).toBe(1);
    expect(await pickCustomerAndCheckIn(page, 'Rive', /Jordan Rivera/, JORDAN)).toBe('accepted');
    await expect.poll(() => page.getByTestId('prepaid').textContent()).toContain('Prepaid online: the platform charged $60.00 (pay_e2e_1).');
    // The order's own hold is not counted again on top of its cart: 3.5 g, once.
    await expect.poll(() => page.getByTestId('limit-meter').textContent()).not.toContain('This cart only');
    expect(await page.getByTestId('limit-flower').textContent()).toBe('Flower 3.5 g of 28.5 g today');
    // Nothing is asked of the drawer: no cash buttons, only the prepaid handover.
    expect(await page.getByRole('button', { name: /^Cash / }).count()).toBe(0);
    await page.screenshot({ path: join(artifacts, 'orders-prepaid-payment.png') });
    await page.getByRole('button', { name: 'Hand over (prepaid)' }).click();
    await expect.poll(() => page.getByTestId('change-due').textContent()).toBe('$0.00');
    await expect.poll(() => page.getByTestId('receipt').textContent()).toContain('Prepaid online pay_e2e_1');
    expect(await page.getByTestId('receipt').textContent()).toMatch(/Prepaid online order: the platform charged \$60\.00/);
    expect(drawerTakings()).toBe(takingsBefore);
    expect(database.sqlite.prepare('SELECT tender, drawer_session_id FROM payments').all()).toEqual([{ tender: 'prepaid', drawer_session_id: null }]);
    await page.screenshot({ path: join(artifacts, 'orders-prepaid-receipt.png') });
  });

  it('the order completes on the platform: confirmed, ready, picked up, once each', async () => {
    await page.getByRole('button', { name: 'Next customer' }).click();
    await page.keyboard.press('F11');
    await page.getByRole('button', { name: 'Check for orders' }).click();
    await expect.poll(() => group('Ended today').getByRole('article').count()).toBe(1);
    expect(await card().getAttribute('data-status')).toBe('completed');
    expect(await card().getByTestId(`limits-held-${ORDER}`).count()).toBe(0); // the sale's own rows replaced the hold
    await expect.poll(() => partnerStatuses(), { timeout: 10_000 }).toEqual(['confirmed', 'ready', 'picked_up']);
    expect(platform.orders.get(ORDER)!.refused).toEqual([]);
  });

  it('raised no page errors', () => {
    expect(pageErrors).toEqual([]);
  });
});
