import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { completeSale, type CompletedSale } from '../../../../src/main/features/checkout/complete-sale';
import { returnSaleLines } from '../../../../src/main/features/checkout/return-sale';
import type { TenderInput } from '../../../../src/shared/domain/pricing/tenders';
import { voidSale } from '../../../../src/main/features/checkout/void-sale';
import { openDrawer } from '../../../../src/main/features/cash-drawer/session';
import { createCore, type Core } from '../../../../src/main/core/create-core';
import { demoPackageTag } from '../../../../src/main/features/demo/seed';
import { testSaleServices } from '../../../support/sales';
import { signIn } from '../../../support/session';
import { openTempDatabase, type TempDatabase, testPiiKeys } from '../../../support/temp-db';
import { value } from '../../../support/result';

let database: TempDatabase;
let core: Core;
const saleTime = new Date('2026-11-24T18:00:00Z'); // 10:00 in Los Angeles
beforeEach(async () => {
  database = openTempDatabase({ demo: true });
  core = createCore({ piiKeys: testPiiKeys, database, now: () => saleTime });
  await signIn(core);
  openDrawer(database.db, { terminalId: core.terminalId, staffId: 'staff-demo-budtender', count: { '2000': 5 }, now: saleTime });
});
afterEach(() => database.dispose());

const onHand = (tag: string) => (database.sqlite.prepare('SELECT quantity_on_hand AS q FROM packages WHERE tag = ?').get(tag) as { q: number }).q;
const lineIds = (saleId: string) =>
  (database.sqlite.prepare('SELECT id FROM sale_lines WHERE sale_id = ? ORDER BY line_number').all(saleId) as Array<{ id: string }>).map((r) => r.id);
const refunds = (saleId: string) =>
  database.sqlite.prepare("SELECT tender, amount_cents AS amount FROM payments WHERE sale_id = ? AND direction = 'refund' ORDER BY rowid").all(saleId);

/** 3 × Blue Dream 3.5g ($35) + 1 × OG Kush 3.5g ($40) = $145 + $14.50 tax = $159.50. */
async function sell(tenders: TenderInput[]): Promise<CompletedSale> {
  const cart = value(await core.send('cart-open', {}));
  value(await core.send('cart-scan', { cartId: cart.cartId, code: demoPackageTag(2), quantity: 3 }));
  value(await core.send('cart-scan', { cartId: cart.cartId, code: demoPackageTag(6) }));
  return completeSale(database.db, testSaleServices, {
    cartId: cart.cartId,
    terminalId: core.terminalId,
    staffId: 'staff-demo-budtender',
    tenders,
    madeOffline: false,
    now: saleTime,
  });
}

const voidRequest = (saleId: string, now: Date) => ({
  saleId,
  terminalId: core.terminalId,
  staffId: 'staff-demo-budtender',
  approvedBy: 'staff-demo-manager',
  reason: 'Customer changed mind',
  now,
});

describe('void', () => {
  it('restocks every line, refunds every tender, and queues the state void behind the receipt', async () => {
    const sale = await sell([
      { tender: 'debit', amountCents: 10_000, reference: 'A1' },
      { tender: 'cash', tenderedCents: 6_000 },
    ]);
    const stock = onHand(demoPackageTag(2));
    const result = voidSale(database.db, voidRequest(sale.saleId, new Date('2026-11-25T06:00:00Z'))); // 22:00 local, same day
    expect(result.refunds).toEqual([
      { tender: 'debit', amountCents: 10_000 },
      { tender: 'cash', amountCents: 5_950 },
    ]);
    expect(onHand(demoPackageTag(2))).toBe(stock + 3);
    const items = database.sqlite.prepare("SELECT id, kind, depends_on AS dependsOn FROM outbox WHERE destination = 'metrc' ORDER BY id").all() as Array<{
      id: number;
      kind: string;
      dependsOn: number | null;
    }>;
    expect(items.map((i) => i.kind)).toEqual(['receipt.create', 'receipt.void']);
    expect(items[1]?.dependsOn).toBe(items[0]?.id);
    expect(database.sqlite.prepare('SELECT status, voided_by AS by FROM sales WHERE id = ?').get(sale.saleId)).toEqual({
      status: 'voided',
      by: 'staff-demo-manager',
    });
    expect(() => voidSale(database.db, voidRequest(sale.saleId, saleTime))).toThrow(expect.objectContaining({ code: 'SALE_ALREADY_VOIDED' }));
  });

  it('refuses a void on the next store-local day and points to a return', async () => {
    const sale = await sell([{ tender: 'cash', tenderedCents: 20_000 }]);
    expect(() => voidSale(database.db, voidRequest(sale.saleId, new Date('2026-11-25T08:01:00Z')))).toThrow(
      expect.objectContaining({ code: 'VOID_NOT_SAME_DAY' }),
    );
  });
});

describe('returns', () => {
  it('refunds a partial return by share, and the rest exactly on the last return', async () => {
    const sale = await sell([{ tender: 'cash', tenderedCents: 20_000 }]);
    const [blueDream] = lineIds(sale.saleId);
    const request = (quantity: number) => ({
      saleId: sale.saleId,
      lines: [{ saleLineId: blueDream ?? '', quantity }],
      reason: 'Defective',
      disposition: 'inventory' as const,
      terminalId: core.terminalId,
      staffId: 'staff-demo-budtender',
      approvedBy: 'staff-demo-manager',
      now: saleTime,
    });
    const stock = onHand(demoPackageTag(2));
    // Line: 3 × $35 + $10.50 tax = $115.50; one unit = floor(115.50 / 3) = $38.50.
    expect(returnSaleLines(database.db, request(1))).toMatchObject({ refundCents: 3_850, returnNumber: 'C1-000001-R1' });
    // What is left to return, as the returns screen shows it.
    const found = await core.send('sale-find', { saleNumber: 'c1-000001' });
    expect(found.ok && found.value.lines.map((l) => l.returnable)).toEqual([2, 1]);
    expect(returnSaleLines(database.db, request(2))).toMatchObject({ refundCents: 7_700, returnNumber: 'C1-000001-R2' });
    expect(onHand(demoPackageTag(2))).toBe(stock + 3);
    expect(() => returnSaleLines(database.db, request(1))).toThrow(expect.objectContaining({ code: 'RETURN_TOO_MANY' }));
    const total = (
      database.sqlite.prepare("SELECT sum(amount_cents) AS s FROM payments WHERE sale_id = ? AND direction = 'refund'").get(sale.saleId) as { s: number }
    ).s;
    expect(total).toBe(11_550);
    const kinds = database.sqlite.prepare("SELECT kind, depends_on IS NOT NULL AS ordered FROM outbox WHERE destination = 'metrc' ORDER BY id").all();
    expect(kinds).toEqual([
      { kind: 'receipt.create', ordered: 0 },
      { kind: 'receipt.return', ordered: 1 },
      { kind: 'receipt.return', ordered: 1 },
    ]);
  });

  it('keeps quarantined returns out of sellable stock and refunds card before cash', async () => {
    const sale = await sell([
      { tender: 'card', amountCents: 2_000, reference: 'C9' },
      { tender: 'cash', tenderedCents: 14_000 },
    ]);
    const ogKush = lineIds(sale.saleId)[1] ?? '';
    const stock = onHand(demoPackageTag(6));
    returnSaleLines(database.db, {
      saleId: sale.saleId,
      lines: [{ saleLineId: ogKush, quantity: 1 }],
      reason: 'Smells off',
      disposition: 'quarantine',
      terminalId: core.terminalId,
      staffId: 'staff-demo-budtender',
      approvedBy: null,
      now: saleTime,
    });
    expect(onHand(demoPackageTag(6))).toBe(stock);
    expect(refunds(sale.saleId)).toEqual([
      { tender: 'card', amount: 2_000 },
      { tender: 'cash', amount: 2_400 },
    ]);
    expect(() => voidSale(database.db, voidRequest(sale.saleId, saleTime))).toThrow(expect.objectContaining({ code: 'VOID_AFTER_RETURN' }));
  });

  it('refuses a line from another sale and a voided sale', async () => {
    const first = await sell([{ tender: 'cash', tenderedCents: 20_000 }]);
    const second = await sell([{ tender: 'cash', tenderedCents: 20_000 }]);
    const base = {
      reason: 'x',
      disposition: 'inventory' as const,
      terminalId: core.terminalId,
      staffId: 'staff-demo-budtender',
      approvedBy: null,
      now: saleTime,
    };
    expect(() =>
      returnSaleLines(database.db, { ...base, saleId: first.saleId, lines: [{ saleLineId: lineIds(second.saleId)[0] ?? '', quantity: 1 }] }),
    ).toThrow(expect.objectContaining({ code: 'RETURN_LINE_NOT_IN_SALE' }));
    voidSale(database.db, voidRequest(second.saleId, saleTime));
    expect(() =>
      returnSaleLines(database.db, { ...base, saleId: second.saleId, lines: [{ saleLineId: lineIds(second.saleId)[0] ?? '', quantity: 1 }] }),
    ).toThrow(expect.objectContaining({ code: 'SALE_VOIDED' }));
  });
});
