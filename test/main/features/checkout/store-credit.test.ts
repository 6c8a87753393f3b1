import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { demoPackageTag } from '../../../../src/main/features/demo/seed';
import { registerAtTheCounter, type Counter } from '../../../support/register';
import { value } from '../../../support/result';

/** Issue #22: store credit a quality resolution gave is spent as a tender, and a void or return gives it back. */
let counter: Counter;
beforeEach(async () => {
  counter = await registerAtTheCounter({ role: 'manager', drawerTwenties: 10 });
});
afterEach(() => counter.dispose());

const person = { customerType: 'adult' as const, firstName: 'Casey', lastName: 'Credit', dateOfBirth: '1984-04-04' };
const id = { idNumber: 'C4444444', firstName: 'Casey', lastName: 'Credit', dateOfBirth: '1984-04-04', expiry: '2030-04-04', issuer: 'CA' };

async function customerWithCredit(cents: number): Promise<string> {
  const customerId = value(await counter.core.send('customer-create', person)).customerId;
  counter.database.sqlite
    .prepare(
      "INSERT INTO store_credits (id, store_id, customer_id, amount_cents, incident_id, reason, issued_by, issued_at) SELECT 'credit-1', id, ?, ?, NULL, 'Goodwill for a failed cart', 'staff-demo-manager', 0 FROM stores",
    )
    .run(customerId, cents);
  return customerId;
}

async function cartFor(customerId: string | null): Promise<string> {
  const { core } = counter;
  const { cartId } = value(await core.send('cart-open', {}));
  value(await core.send('cart-scan', { cartId, code: demoPackageTag(1) }));
  if (customerId !== null) value(await core.send('cart-attach-customer', { cartId, customerId }));
  // A walk-in is checked in by their ID alone.
  value(await core.send('customer-check-in', { cartId, saleType: 'adult', method: 'manual', ...(customerId === null ? {} : { customerId }), id }));
  return cartId;
}

const balance = async (customerId: string) => {
  const { cartId } = value(await counter.core.send('cart-open', {}));
  value(await counter.core.send('cart-attach-customer', { cartId, customerId }));
  return value(await counter.core.send('cart-store-credit', { cartId })).balanceCents;
};

describe('store credit as a tender', () => {
  it('pays part of a sale from the customer’s credit, outside the drawer, and a void gives it back', async () => {
    const { core, database } = counter;
    const customerId = await customerWithCredit(3_000);
    const cartId = await cartFor(customerId);
    expect(value(await core.send('cart-store-credit', { cartId })).balanceCents).toBe(3_000);
    const sale = value(
      await core.send('sale-complete', {
        cartId,
        tenders: [
          { tender: 'store_credit', amountCents: 2_000 },
          { tender: 'cash', tenderedCents: 10_000 },
        ],
      }),
    );
    expect(sale.tenders.map((t) => [t.tender, t.amountCents])).toEqual([
      ['store_credit', 2_000],
      ['cash', sale.totalCents - 2_000],
    ]);
    expect(await balance(customerId)).toBe(1_000);
    // The credit never passed through the drawer.
    expect(database.sqlite.prepare("SELECT drawer_session_id AS d FROM payments WHERE sale_id = ? AND tender = 'store_credit'").get(sale.saleId)).toEqual({
      d: null,
    });
    expect(database.sqlite.prepare('SELECT amount_cents AS a, sale_id AS s FROM store_credits WHERE amount_cents < 0').all()).toEqual([
      { a: -2_000, s: sale.saleId },
    ]);

    const voided = value(await core.send('sale-void', { saleId: sale.saleId, reason: 'Customer changed their mind' }));
    expect(voided.refunds).toEqual(
      expect.arrayContaining([
        { tender: 'store_credit', amountCents: 2_000 },
        { tender: 'cash', amountCents: sale.totalCents - 2_000 },
      ]),
    );
    expect(await balance(customerId)).toBe(3_000);
  });

  it('gives a return back to credit before cash', async () => {
    const { core, database } = counter;
    const customerId = await customerWithCredit(3_000);
    const sale = value(
      await core.send('sale-complete', {
        cartId: await cartFor(customerId),
        tenders: [
          { tender: 'store_credit', amountCents: 1_000 },
          { tender: 'cash', tenderedCents: 10_000 },
        ],
      }),
    );
    const line = database.sqlite.prepare('SELECT id FROM sale_lines WHERE sale_id = ?').get(sale.saleId) as { id: string };
    const returned = value(
      await core.send('sale-return', { saleId: sale.saleId, lines: [{ saleLineId: line.id, quantity: 1 }], reason: 'Wrong strain', disposition: 'inventory' }),
    );
    expect(returned.refundCents).toBeGreaterThan(1_000);
    expect(
      database.sqlite
        .prepare("SELECT tender, amount_cents AS a FROM payments WHERE sale_id = ? AND direction = 'refund' ORDER BY tender DESC")
        .all(sale.saleId),
    ).toEqual([
      { tender: 'store_credit', a: 1_000 },
      { tender: 'cash', a: returned.refundCents - 1_000 },
    ]);
    expect(await balance(customerId)).toBe(3_000);
  });

  it('refuses more credit than the customer holds, and credit without a customer, writing nothing', async () => {
    const { core, database } = counter;
    const customerId = await customerWithCredit(3_000);
    const cartId = await cartFor(customerId);
    const tooMuch = await core.send('sale-complete', { cartId, tenders: [{ tender: 'store_credit', amountCents: 3_500 }] });
    expect(tooMuch).toMatchObject({ ok: false, error: { code: 'STORE_CREDIT_SHORT', message: expect.stringContaining('$30.00') } });
    const anonymous = await cartFor(null);
    expect(await core.send('sale-complete', { cartId: anonymous, tenders: [{ tender: 'store_credit', amountCents: 500 }] })).toMatchObject({
      ok: false,
      error: { code: 'STORE_CREDIT_NO_CUSTOMER' },
    });
    expect(database.sqlite.prepare('SELECT count(*) AS n FROM sales').get()).toEqual({ n: 0 });
    expect(await balance(customerId)).toBe(3_000);
  });

  it('is taken in cash-only mode: it is the register’s own ledger, not the card terminal', async () => {
    const { core } = counter;
    value(await core.send('tender-mode-set', { cashOnly: true, reason: 'Card terminal down' }));
    const customerId = await customerWithCredit(10_000);
    const cartId = await cartFor(customerId);
    const total = value(await core.send('cart-get', { cartId })).totals?.totalCents ?? 0;
    expect(value(await core.send('sale-complete', { cartId, tenders: [{ tender: 'store_credit', amountCents: total }] })).tenders).toEqual([
      expect.objectContaining({ tender: 'store_credit', amountCents: total }),
    ]);
  });
});
