import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HeadlessHost } from '../../src/main/entries/headless/host';
import { applyRelayEvents } from '../../src/main/features/online-orders/queue';
import { demoRegisterPage, signInAs, type DemoRegisterPage } from '../support/browser';
import type { TempDatabase } from '../support/temp-db';

/**
 * Staff alerts in the header (issue #21): an online order that arrived 20
 * minutes ago and was never accepted (its deadline is 15) shows as an alert
 * in the header as soon as someone signs in; opened, it says what to do, and
 * acknowledging it takes it away.
 */
let register: DemoRegisterPage;
let database: TempDatabase;
let host: HeadlessHost;
let page: Page;
let pageErrors: string[];

beforeAll(async () => {
  register = await demoRegisterPage();
  ({ database, host, page, pageErrors } = register);
});

afterAll(() => register?.close());

describe('staff alerts in the header', () => {
  it('shows an order waiting past its deadline, and acknowledging it takes it away', async () => {
    const arrived = new Date(Date.now() - 20 * 60_000);
    applyRelayEvents(
      database.db,
      'relay',
      [
        {
          cursor: 1,
          connectionId: 'conn-e2e',
          platform: 'greentill',
          orderId: 'G-E2E-1',
          eventId: 'evt-e2e-1',
          kind: 'submit',
          order: {
            id: 'G-E2E-1',
            customerName: 'Ana',
            pickupAt: null,
            items: [{ productRef: 'GT-0001', name: 'Blue Dream 3.5 g', quantity: 1, unitPriceCents: 3500 }],
          },
          status: null,
          cancelReason: null,
          receivedAt: arrived.toISOString(),
        },
      ],
      1,
      arrived,
    );
    await page.goto(host.url);
    await signInAs(page, 'budtender');
    const button = page.getByTestId('staff-alerts');
    await expect.poll(() => button.isVisible()).toBe(true);
    await button.click();
    const alert = page.getByTestId('staff-alert').filter({ hasText: 'G-E2E-1' });
    await expect.poll(() => alert.getAttribute('data-kind')).toBe('order_overdue');
    expect(await alert.textContent()).toContain('Online order G-E2E-1 (greentill) is waiting past its deadline');
    expect(await alert.textContent()).toContain('accept or reject it on the Orders screen (F11)');
    await alert.getByRole('button', { name: 'Acknowledge' }).click();
    await expect.poll(() => page.getByTestId('staff-alert').filter({ hasText: 'G-E2E-1' }).count()).toBe(0);
    expect(database.sqlite.prepare("SELECT count(*) AS n FROM staff_alerts WHERE kind = 'order_overdue' AND acknowledged_at IS NOT NULL").get()).toEqual({
      n: 1,
    });
    expect(pageErrors).toEqual([]);
  });
});
