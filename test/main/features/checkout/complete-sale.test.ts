import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDrawer } from '../../../../src/main/features/cash-drawer/session';
import { setCashOnly } from '../../../../src/main/features/checkout/tender-mode';
import { createCore, type Core } from '../../../../src/main/core/create-core';
import { completeSale, type CompleteSaleRequest, type SaleServices } from '../../../../src/main/features/checkout/complete-sale';
import { demoPackageTag } from '../../../../src/main/features/demo/seed';
import { verifyAuditChain } from '../../../../src/main/platform/audit/log';
import type { TenderInput } from '../../../../src/shared/domain/pricing/tenders';
import { AppError } from '../../../../src/shared/errors';
import { signIn } from '../../../support/session';
import { openTempDatabase, type TempDatabase, testPiiKeys } from '../../../support/temp-db';
import { testSaleServices } from '../../../support/sales';
import { value } from '../../../support/result';

// Completion is tested with a flat pricing stand-in so the transaction's own behaviour is what is checked.
const services: SaleServices = testSaleServices;

let database: TempDatabase;
let core: Core;
const now = new Date('2026-11-24T18:00:00Z');
beforeEach(async () => {
  database = openTempDatabase({ demo: true });
  core = createCore({ piiKeys: testPiiKeys, database, now: () => now });
  await signIn(core);
  openDrawer(database.db, { terminalId: core.terminalId, staffId: 'staff-demo-budtender', count: { '2000': 5 }, now });
});
afterEach(() => database.dispose());

const count = (table: string) => (database.sqlite.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
const onHand = (tag: string) => (database.sqlite.prepare('SELECT quantity_on_hand AS q FROM packages WHERE tag = ?').get(tag) as { q: number }).q;

/** A cart with 2 × Blue Dream 3.5g ($35.00) from the newer package: $70.00 + $7.00 tax. */
async function cartWithTwoItems(): Promise<string> {
  const cart = value(await core.send('cart-open', {}));
  value(await core.send('cart-scan', { cartId: cart.cartId, code: demoPackageTag(2), quantity: 2 }));
  return cart.cartId;
}

const complete = (cartId: string, tenders: TenderInput[], extra: Partial<CompleteSaleRequest> = {}) =>
  completeSale(database.db, services, { cartId, terminalId: core.terminalId, staffId: 'staff-demo-budtender', tenders, madeOffline: false, now, ...extra });

function snapshot() {
  return {
    sales: count('sales'),
    lines: count('sale_lines'),
    payments: count('payments'),
    outbox: count('outbox'),
    audit: count('audit_log'),
    taxes: count('sale_taxes'),
    stock: onHand(demoPackageTag(2)),
    cart: database.sqlite.prepare("SELECT count(*) AS n FROM carts WHERE status = 'open'").get(),
  };
}

describe('completing a sale', () => {
  it('writes the sale, lines, payment, inventory, outbox and audit together', async () => {
    const cartId = await cartWithTwoItems();
    const before = onHand(demoPackageTag(2));
    const sale = complete(cartId, [{ tender: 'cash', tenderedCents: 10_000 }]);
    expect(sale).toMatchObject({ saleNumber: 'C1-000001', changeCents: 2_300, totals: { totalCents: 7_700 } });
    expect(onHand(demoPackageTag(2))).toBe(before - 2);
    const outbox = database.sqlite.prepare('SELECT destination, kind, aggregate_id AS saleId, status FROM outbox ORDER BY id').all();
    expect(outbox).toEqual([
      { destination: 'metrc', kind: 'receipt.create', saleId: sale.saleId, status: 'pending' },
      { destination: 'ecommerce:menu', kind: 'inventory.adjust', saleId: sale.saleId, status: 'pending' },
    ]);
    const receipt = JSON.parse((database.sqlite.prepare("SELECT payload FROM outbox WHERE destination = 'metrc'").get() as { payload: string }).payload);
    expect(receipt).toMatchObject({
      saleId: sale.saleId,
      timeZone: 'America/Los_Angeles',
      lines: [{ packageTag: demoPackageTag(2), quantity: 2, unit: 'each', netCents: 7_000 }],
    });
    expect(database.sqlite.prepare('SELECT status FROM carts WHERE id = ?').get(cartId)).toEqual({ status: 'completed' });
    expect(database.sqlite.prepare('SELECT action FROM audit_log ORDER BY seq DESC LIMIT 1').get()).toEqual({ action: 'sale.complete' });
    expect(verifyAuditChain(database.db).ok).toBe(true);
    expect(complete(await cartWithTwoItems(), [{ tender: 'cash', tenderedCents: 7_700 }]).saleNumber).toBe('C1-000002');
  });

  it.each(['inventory', 'outbox'] as const)('leaves nothing behind when it fails after the %s write', async (failAfter) => {
    const cartId = await cartWithTwoItems();
    const before = snapshot();
    expect(() => complete(cartId, [{ tender: 'cash', tenderedCents: 10_000 }], { failAfter })).toThrow(/injected failure/);
    expect(snapshot()).toEqual(before);
    // And the same cart still completes afterwards.
    expect(complete(cartId, [{ tender: 'cash', tenderedCents: 10_000 }]).saleNumber).toBe('C1-000001');
  });

  it('refuses, and writes nothing, when a package no longer holds enough (another terminal sold it)', async () => {
    const cartId = await cartWithTwoItems();
    database.sqlite.prepare('UPDATE packages SET quantity_on_hand = 1 WHERE tag = ?').run(demoPackageTag(2));
    const before = snapshot();
    expect(() => complete(cartId, [{ tender: 'cash', tenderedCents: 10_000 }])).toThrow(expect.objectContaining({ code: 'NOT_ENOUGH_STOCK' }));
    expect(snapshot()).toEqual(before);
  });

  it('refuses a sale the compliance gate blocks, writing nothing', async () => {
    const cartId = await cartWithTwoItems();
    const before = snapshot();
    const block: SaleServices = {
      ...services,
      checkCompliance: () => ({
        allowed: false,
        rulePack: 'test',
        verifiedOnline: true,
        violations: [
          {
            code: 'LIMIT_EXCEEDED',
            category: 'flower',
            limit: 28_500,
            attempted: 30_000,
            unit: 'mg',
            rule: 'test rule',
            message: 'Over the flower limit.',
          },
        ],
      }),
    };
    expect(() =>
      completeSale(database.db, block, {
        cartId,
        terminalId: core.terminalId,
        staffId: 'staff-demo-budtender',
        tenders: [{ tender: 'cash', tenderedCents: 10_000 }],
        madeOffline: false,
        now,
      }),
    ).toThrow(expect.objectContaining({ code: 'COMPLIANCE_BLOCKED', message: 'Over the flower limit.' }));
    expect(snapshot()).toEqual(before);
  });

  it('takes split tender: debit first, cash for the rest with change', async () => {
    const sale = complete(await cartWithTwoItems(), [
      { tender: 'cash', tenderedCents: 5_000 },
      { tender: 'debit', amountCents: 3_000, reference: 'AUTH-778' },
    ]);
    expect(sale.tenders).toEqual([
      { tender: 'debit', amountCents: 3_000, tenderedCents: 3_000, changeCents: 0, reference: 'AUTH-778' },
      { tender: 'cash', amountCents: 4_700, tenderedCents: 5_000, changeCents: 300, reference: null },
    ]);
    const paid = database.sqlite.prepare('SELECT sum(amount_cents) AS s FROM payments WHERE sale_id = ?').get(sale.saleId) as { s: number };
    expect(paid.s).toBe(7_700);
  });

  it('refuses card tender while cash-only mode is on, and takes it again once switched back', async () => {
    const cartId = await cartWithTwoItems();
    setCashOnly(database.db, { terminalId: core.terminalId, staffId: 'staff-demo-manager', cashOnly: true, reason: 'Card terminal offline', now });
    expect(() => complete(cartId, [{ tender: 'debit', amountCents: 7_700, reference: 'X' }])).toThrow(expect.objectContaining({ code: 'CASH_ONLY_MODE' }));
    expect(count('sales')).toBe(0);
    setCashOnly(database.db, { terminalId: core.terminalId, staffId: 'staff-demo-manager', cashOnly: false, reason: 'Card terminal back', now });
    expect(complete(cartId, [{ tender: 'debit', amountCents: 7_700, reference: 'X' }]).tenders).toHaveLength(1);
  });

  it('refuses a short payment, saying what is still due', async () => {
    const cartId = await cartWithTwoItems();
    try {
      complete(cartId, [{ tender: 'cash', tenderedCents: 7_000 }]);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(AppError);
      expect((error as AppError).message).toBe('$7.00 is still due.');
    }
    expect(count('sales')).toBe(0);
  });

  it('refuses to sell before the drawer is opened', async () => {
    const other = openTempDatabase({ demo: true });
    try {
      const otherCore = createCore({ piiKeys: testPiiKeys, database: other, now: () => now });
      await signIn(otherCore);
      const cart = await otherCore.send('cart-open', {});
      if (!cart.ok) throw new Error(cart.error.message);
      await otherCore.send('cart-scan', { cartId: cart.value.cartId, code: demoPackageTag(2) });
      expect(() =>
        completeSale(other.db, services, {
          cartId: cart.value.cartId,
          terminalId: otherCore.terminalId,
          staffId: 'staff-demo-budtender',
          tenders: [{ tender: 'cash', tenderedCents: 5_000 }],
          madeOffline: false,
          now,
        }),
      ).toThrow(expect.objectContaining({ code: 'DRAWER_NOT_OPEN' }));
    } finally {
      other.dispose();
    }
  });

  it('refuses an empty cart', async () => {
    const cart = value(await core.send('cart-open', {}));
    expect(() => complete(cart.cartId, [{ tender: 'cash', tenderedCents: 100 }])).toThrow(expect.objectContaining({ code: 'CART_EMPTY' }));
  });
});
