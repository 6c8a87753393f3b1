import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { completeSale, type SaleServices } from '../../../../src/main/features/checkout/complete-sale';
import { priceCart } from '../../../../src/main/features/checkout/pricing-service';
import { returnSaleLines } from '../../../../src/main/features/checkout/return-sale';
import { voidSale } from '../../../../src/main/features/checkout/void-sale';
import { createCore, type Core } from '../../../../src/main/core/create-core';
import { writeTransaction } from '../../../../src/main/platform/db/transaction';
import { demoPackageTag } from '../../../../src/main/features/demo/seed';
import { openDrawer } from '../../../../src/main/features/cash-drawer/session';
import { receiptForSale } from '../../../../src/main/features/receipts/receipt-document';
import { writeSetting } from '../../../../src/main/features/store/settings';
import { localTaxesSetting } from '../../../../src/main/features/taxes/local-tax-setting';
import type { LocalTax } from '../../../../src/shared/domain/taxes/local-taxes';
import { allowAll } from '../../../support/sales';
import { signIn } from '../../../support/session';
import { openTempDatabase, type TempDatabase, testPiiKeys } from '../../../support/temp-db';
import { value } from '../../../support/result';

/** The register's own pricing (the demo store: Oakland, CA, America/Los_Angeles) with every sale allowed. */
const services: SaleServices = { price: priceCart, checkCompliance: allowAll };
let database: TempDatabase;
let core: Core;
const opened = new Date('2025-09-30T15:00:00Z');
beforeEach(async () => {
  database = openTempDatabase({ demo: true });
  core = createCore({ piiKeys: testPiiKeys, database, now: () => opened });
  await signIn(core);
  openDrawer(database.db, { terminalId: core.terminalId, staffId: 'staff-demo-budtender', count: { '2000': 50 }, now: opened });
});
afterEach(() => database.dispose());

/** 3 × Blue Dream ($35) + 1 × OG Kush ($40), paid in cash. */
async function sell(now: Date) {
  const cart = value(await core.send('cart-open', {}));
  value(await core.send('cart-scan', { cartId: cart.cartId, code: demoPackageTag(2), quantity: 3 }));
  value(await core.send('cart-scan', { cartId: cart.cartId, code: demoPackageTag(6) }));
  return completeSale(database.db, services, {
    cartId: cart.cartId,
    terminalId: core.terminalId,
    staffId: 'staff-demo-budtender',
    tenders: [{ tender: 'cash', tenderedCents: 50_000 }],
    madeOffline: false,
    now,
  });
}
const storedTaxes = (saleId: string) =>
  database.sqlite
    .prepare('SELECT line_number AS lineNumber, tax_id AS taxId, amount_cents AS amountCents FROM sale_taxes WHERE sale_id = ? ORDER BY line_number, tax_id')
    .all(saleId) as Array<{ lineNumber: number; taxId: string; amountCents: number }>;
const setLocal = (taxes: LocalTax[]) => writeTransaction(database.db, (tx) => writeSetting(tx, localTaxesSetting, taxes, opened));
const cityTax = (rateBp: number): LocalTax => ({
  id: 'oakland-test',
  name: `Oakland test tax ${rateBp / 100}%`,
  jurisdiction: 'CA/Oakland',
  rateBp,
  appliesTo: 'all',
  medicalExempt: false,
  effectiveFrom: '2025-01-01',
  effectiveTo: null,
  citation: 'test ordinance',
});

describe('tax rates by the store-local day', () => {
  it('prices 23:59 on 30 Sep 2025 at the 19% excise and 00:01 on 1 Oct at 15% (Los Angeles time)', async () => {
    const before = await sell(new Date('2025-10-01T06:59:00Z')); // 23:59 PDT, 30 Sep
    const after = await sell(new Date('2025-10-01T07:01:00Z')); // 00:01 PDT, 1 Oct
    const excise = (saleId: string) => storedTaxes(saleId).filter((t) => t.taxId.startsWith('ca-cannabis-excise'));
    // Line 1 $105, line 2 $40: 19% → 1995 + 760; 15% → 1575 + 600.
    expect(excise(before.saleId)).toEqual([
      { lineNumber: 1, taxId: 'ca-cannabis-excise-2025q3', amountCents: 1_995 },
      { lineNumber: 2, taxId: 'ca-cannabis-excise-2025q3', amountCents: 760 },
    ]);
    expect(excise(after.saleId)).toEqual([
      { lineNumber: 1, taxId: 'ca-cannabis-excise-2025q4', amountCents: 1_575 },
      { lineNumber: 2, taxId: 'ca-cannabis-excise-2025q4', amountCents: 600 },
    ]);
  });

  it('keeps the rates a sale was priced with: the receipt reads the stored taxes after the local rate changes', async () => {
    setLocal([cityTax(100)]);
    const sale = await sell(new Date('2025-10-01T18:00:00Z'));
    const receiptBefore = receiptForSale(database.db, sale.saleId);
    expect(receiptBefore.taxes).toContainEqual({ name: 'Oakland test tax 1%', amountCents: 145 });
    setLocal([cityTax(500)]);
    expect(receiptForSale(database.db, sale.saleId)).toEqual(receiptBefore);
  });
});

describe('returns and voids give back exactly the tax charged', () => {
  it('returns every line in pieces and gives back, per line and per tax, exactly what the sale stored', async () => {
    setLocal([cityTax(100)]);
    const sale = await sell(new Date('2025-10-01T18:00:00Z'));
    const lines = database.sqlite
      .prepare('SELECT id, line_number AS n, net_cents AS net, tax_cents AS tax FROM sale_lines WHERE sale_id = ? ORDER BY line_number')
      .all(sale.saleId) as Array<{ id: string; n: number; net: number; tax: number }>;
    const [blueDream, ogKush] = lines;
    if (blueDream === undefined || ogKush === undefined) throw new Error('two lines expected');
    const back = (saleLineId: string, quantity: number) =>
      returnSaleLines(database.db, {
        saleId: sale.saleId,
        lines: [{ saleLineId, quantity }],
        reason: 'Defective',
        disposition: 'quarantine',
        terminalId: core.terminalId,
        staffId: 'staff-demo-budtender',
        approvedBy: 'staff-demo-manager',
        now: new Date('2025-10-02T18:00:00Z'),
      });
    const returns = [back(blueDream.id, 1), back(blueDream.id, 1), back(ogKush.id, 1), back(blueDream.id, 1)];
    const given = new Map<string, number>();
    const lineNumberOf = (id: string) => (id === blueDream.id ? 1 : 2);
    for (const r of returns)
      for (const l of r.lines)
        for (const t of l.taxes)
          given.set(`${lineNumberOf(l.saleLineId)}:${t.taxId}`, (given.get(`${lineNumberOf(l.saleLineId)}:${t.taxId}`) ?? 0) + t.amountCents);
    const charged = new Map(storedTaxes(sale.saleId).map((t) => [`${t.lineNumber}:${t.taxId}`, t.amountCents]));
    expect(given).toEqual(charged);
    expect(returns.reduce((s, r) => s + r.refundCents, 0)).toBe(sale.totals.totalCents);
    // One unit of three: a third of each tax, rounded down, the rest on the last unit.
    const firstUnit = returns[0]?.lines[0]?.taxes ?? [];
    expect(firstUnit.map((t) => t.amountCents)).toEqual(
      storedTaxes(sale.saleId)
        .filter((t) => t.lineNumber === 1)
        .map((t) => Math.floor(t.amountCents / 3)),
    );
  });

  it('voids the sale for exactly its net plus every stored tax', async () => {
    const saleAt = new Date('2025-10-01T18:00:00Z');
    const sale = await sell(saleAt);
    const taxCharged = storedTaxes(sale.saleId).reduce((s, t) => s + t.amountCents, 0);
    const { refunds } = voidSale(database.db, {
      saleId: sale.saleId,
      terminalId: core.terminalId,
      staffId: 'staff-demo-budtender',
      approvedBy: 'staff-demo-manager',
      reason: 'Wrong items',
      now: saleAt,
    });
    expect(refunds.reduce((s, r) => s + r.amountCents, 0)).toBe(14_500 + taxCharged);
    expect(taxCharged).toBe(sale.totals.taxCents);
  });
});
