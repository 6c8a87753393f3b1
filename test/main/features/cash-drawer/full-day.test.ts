import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { completeSale } from '../../../../src/main/features/checkout/complete-sale';
import { returnSaleLines } from '../../../../src/main/features/checkout/return-sale';
import { setCashOnly } from '../../../../src/main/features/checkout/tender-mode';
import type { TenderInput } from '../../../../src/shared/domain/pricing/tenders';
import { voidSale } from '../../../../src/main/features/checkout/void-sale';
import { createCore, type Core } from '../../../../src/main/core/create-core';
import { demoPackageTag, DEMO_STORE_ID } from '../../../../src/main/features/demo/seed';
import { finalizeClose, submitBlindCount } from '../../../../src/main/features/cash-drawer/close';
import { openDrawer, recordMovement } from '../../../../src/main/features/cash-drawer/session';
import { daySummary } from '../../../../src/main/features/reports/day-summary';
import { zReport } from '../../../../src/main/features/reports/z-report';
import { testSaleServices } from '../../../support/sales';
import { signIn } from '../../../support/session';
import { openTempDatabase, type TempDatabase, testPiiKeys } from '../../../support/temp-db';

/**
 * A whole day at Counter 1 (times in UTC; the store is in Los Angeles, UTC−8):
 * float $200, five sales (cash, debit, split), a $100 drop, a $12.50
 * paid-out, a return, a void, a no-sale, and a close that is $3.25 short.
 */
let database: TempDatabase;
let core: Core;
let clock = new Date('2026-11-24T17:00:00Z');
const at = (iso: string) => (clock = new Date(iso));
const BUDTENDER = 'staff-demo-budtender';
const MANAGER = 'staff-demo-manager';

beforeEach(async () => {
  database = openTempDatabase({ demo: true });
  // The day spans hours between commands: keep the idle lock out of this test.
  core = createCore({ piiKeys: testPiiKeys, database, now: () => clock, idleLockMs: 24 * 3_600_000 });
  await signIn(core);
});
afterEach(() => database.dispose());

async function sell(tags: ReadonlyArray<[number, number]>, tenders: TenderInput[]) {
  const cart = await core.send('cart-open', {});
  if (!cart.ok) throw new Error(cart.error.message);
  for (const [serial, quantity] of tags) {
    const scanned = await core.send('cart-scan', { cartId: cart.value.cartId, code: demoPackageTag(serial), quantity });
    if (!scanned.ok) throw new Error(scanned.error.message);
  }
  return completeSale(database.db, testSaleServices, {
    cartId: cart.value.cartId,
    terminalId: core.terminalId,
    staffId: BUDTENDER,
    tenders,
    madeOffline: false,
    now: clock,
  });
}

const sumRows = (sql: string, ...params: unknown[]) => (database.sqlite.prepare(sql).get(...params) as { s: number | null }).s ?? 0;

describe('a full day at one drawer', () => {
  it('reconciles the Z-report to the sales and payments, and makes the $3.25 short explain itself', async () => {
    at('2026-11-24T17:00:00Z'); // 09:00 local
    const session = openDrawer(database.db, {
      terminalId: core.terminalId,
      staffId: BUDTENDER,
      count: { '2000': 5, '1000': 5, '500': 4, '100': 20, '25': 40 },
      now: clock,
    });
    expect(session.openingFloatCents).toBe(20_000);

    at('2026-11-24T17:30:00Z');
    const s1 = await sell([[2, 2]], [{ tender: 'cash', tenderedCents: 8_000 }]); // $77.00, change $3.00
    at('2026-11-24T18:10:00Z');
    const s2 = await sell(
      [
        [6, 1],
        [36, 1],
      ],
      [{ tender: 'debit', amountCents: 7_700, reference: 'D-1001' }],
    ); // $40 + $30 = $70 + $7 = $77.00
    at('2026-11-24T19:05:00Z');
    const s3 = await sell(
      [[1, 3]],
      [
        { tender: 'debit', amountCents: 5_000, reference: 'D-1002' },
        { tender: 'cash', tenderedCents: 10_000 },
      ],
    ); // 3 × $35 = $105 + $10.50 = $115.50
    at('2026-11-24T20:00:00Z');
    recordMovement(database.db, {
      terminalId: core.terminalId,
      staffId: BUDTENDER,
      kind: 'drop',
      amountCents: 10_000,
      reason: 'Mid-shift safe drop',
      approvedBy: null,
      now: clock,
    });
    at('2026-11-24T20:15:00Z');
    recordMovement(database.db, {
      terminalId: core.terminalId,
      staffId: BUDTENDER,
      kind: 'paid_out',
      amountCents: 1_250,
      reason: 'Ice for the cooler',
      approvedBy: MANAGER,
      now: clock,
    });
    at('2026-11-24T21:00:00Z');
    setCashOnly(database.db, { terminalId: core.terminalId, staffId: MANAGER, cashOnly: true, reason: 'Debit terminal offline', now: clock });
    const s4 = await sell([[20, 1]], [{ tender: 'cash', tenderedCents: 5_000 }]); // Pineapple Express 3.5g: $34 + $3.40
    at('2026-11-24T21:40:00Z');
    setCashOnly(database.db, { terminalId: core.terminalId, staffId: MANAGER, cashOnly: false, reason: 'Debit terminal back', now: clock });
    at('2026-11-24T22:00:00Z');
    const lineOfS1 = (database.sqlite.prepare('SELECT id FROM sale_lines WHERE sale_id = ?').get(s1.saleId) as { id: string }).id;
    const ret = returnSaleLines(database.db, {
      saleId: s1.saleId,
      lines: [{ saleLineId: lineOfS1, quantity: 1 }],
      reason: 'Wrong strain',
      disposition: 'inventory',
      terminalId: core.terminalId,
      staffId: BUDTENDER,
      approvedBy: null,
      now: clock,
    });
    at('2026-11-24T23:00:00Z');
    const s5 = await sell([[8, 1]], [{ tender: 'cash', tenderedCents: 5_000 }]);
    voidSale(database.db, {
      saleId: s5.saleId,
      terminalId: core.terminalId,
      staffId: BUDTENDER,
      approvedBy: MANAGER,
      reason: 'Rang the wrong item',
      now: clock,
    });
    at('2026-11-24T23:30:00Z');
    recordMovement(database.db, {
      terminalId: core.terminalId,
      staffId: BUDTENDER,
      kind: 'no_sale',
      amountCents: 0,
      reason: 'Change for the safe',
      approvedBy: null,
      now: clock,
    });

    // --- The report's figures reconcile exactly to the rows underneath.
    const report = zReport(database.db, session.id);
    const completed = [s1, s2, s3, s4];
    expect(report.sales.count).toBe(4);
    expect(report.sales.totalCents).toBe(completed.reduce((sum, s) => sum + s.totals.totalCents, 0));
    expect(report.sales.totalCents).toBe(sumRows("SELECT sum(total_cents) AS s FROM sales WHERE status = 'completed'"));
    expect(report.sales.taxCents).toBe(
      sumRows("SELECT sum(t.amount_cents) AS s FROM sale_taxes t JOIN sales s ON s.id = t.sale_id WHERE s.status = 'completed'"),
    );
    expect(report.taxesByTax).toEqual([{ taxId: 'test-tax', name: 'Test tax', amountCents: report.sales.taxCents }]);
    expect(report.voids).toEqual({ count: 1, totalCents: s5.totals.totalCents });
    expect(report.returns).toEqual({ count: 1, refundCents: ret.refundCents });
    const tender = (name: string) => report.tenders.find((t) => t.tender === name);
    expect(tender('debit')?.netCents).toBe(7_700 + 5_000);
    // Every cent taken, less every cent refunded, is the completed sales less the return.
    const netTaken = report.tenders.reduce((sum, t) => sum + t.netCents, 0);
    expect(netTaken).toBe(report.sales.totalCents - report.returns.refundCents);
    expect(netTaken).toBe(sumRows("SELECT sum(CASE direction WHEN 'payment' THEN amount_cents ELSE -amount_cents END) AS s FROM payments"));
    expect(report.cash.expectedCashCents).toBe(20_000 + (tender('cash')?.netCents ?? 0) - 10_000 - 1_250);
    expect(report.movements.map((m) => m.kind)).toEqual(['drop', 'paid_out', 'no_sale']);
    expect(report.salesByHour.map((h) => h.hour)).toEqual(['09', '10', '11', '13']);

    // --- The blind count: $3.25 short.
    at('2026-11-25T01:00:00Z'); // 17:00 local
    const expected = report.cash.expectedCashCents;
    const counted = expected - 325;
    const count = { '2000': Math.floor(counted / 2000), '1': counted % 2000 };
    const blind = submitBlindCount(database.db, { terminalId: core.terminalId, staffId: BUDTENDER, count, nonCashCounted: { debit: 12_700 }, now: clock });
    expect(blind).toMatchObject({ countedCashCents: counted, overShortCents: -325, needsExplanation: true });
    expect(() => submitBlindCount(database.db, { terminalId: core.terminalId, staffId: BUDTENDER, count, nonCashCounted: {}, now: clock })).toThrow(
      expect.objectContaining({ code: 'COUNT_ALREADY_SUBMITTED' }),
    );
    expect(() => finalizeClose(database.db, { terminalId: core.terminalId, staffId: BUDTENDER, explanation: null, approvedBy: MANAGER, now: clock })).toThrow(
      expect.objectContaining({ code: 'EXPLANATION_REQUIRED', message: expect.stringContaining('short by $3.25') }),
    );
    expect(() =>
      finalizeClose(database.db, {
        terminalId: core.terminalId,
        staffId: BUDTENDER,
        explanation: 'Gave $3.25 too much change on a busy rush',
        approvedBy: null,
        now: clock,
      }),
    ).toThrow(expect.objectContaining({ code: 'APPROVAL_REQUIRED' }));
    finalizeClose(database.db, {
      terminalId: core.terminalId,
      staffId: BUDTENDER,
      explanation: 'Gave $3.25 too much change on a busy rush',
      approvedBy: MANAGER,
      now: clock,
    });

    // --- Locked: never edited, never closed twice.
    expect(() => database.sqlite.prepare('UPDATE drawer_closes SET over_short_cents = 0').run()).toThrow(/locked/);
    expect(() => database.sqlite.prepare('DELETE FROM drawer_closes').run()).toThrow(/never deleted/);
    expect(() =>
      finalizeClose(database.db, { terminalId: core.terminalId, staffId: BUDTENDER, explanation: 'again', approvedBy: MANAGER, now: clock }),
    ).toThrow(expect.objectContaining({ code: 'DRAWER_NOT_COUNTED', message: expect.stringContaining('closed already') }));
    expect(zReport(database.db, session.id).close).toMatchObject({
      overShortCents: -325,
      approvedBy: MANAGER,
      explanation: 'Gave $3.25 too much change on a busy rush',
    });

    // --- The store's day shows the short by budtender and the cash-only period.
    const day = daySummary(database.db, DEMO_STORE_ID, '2026-11-24');
    expect(day.sales.totalCents).toBe(report.sales.totalCents);
    expect(day.overShortByBudtender).toEqual([
      { budtender: 'Bailey Budtender', overShortCents: -325, explanation: 'Gave $3.25 too much change on a busy rush' },
    ]);
    expect(day.cashOnlyPeriods.map((p) => p.cashOnly)).toEqual([true, false]);
  });

  it('refuses a drop larger than the drawer holds and a no-sale without a reason', () => {
    openDrawer(database.db, { terminalId: core.terminalId, staffId: BUDTENDER, count: { '2000': 5 }, now: clock });
    expect(() =>
      recordMovement(database.db, {
        terminalId: core.terminalId,
        staffId: BUDTENDER,
        kind: 'drop',
        amountCents: 10_001,
        reason: 'Drop',
        approvedBy: null,
        now: clock,
      }),
    ).toThrow(expect.objectContaining({ code: 'DRAWER_SHORT_FOR_MOVEMENT', message: 'The drawer should hold only $100.00.' }));
    expect(() =>
      recordMovement(database.db, {
        terminalId: core.terminalId,
        staffId: BUDTENDER,
        kind: 'no_sale',
        amountCents: 0,
        reason: '  ',
        approvedBy: null,
        now: clock,
      }),
    ).toThrow(expect.objectContaining({ code: 'REASON_REQUIRED' }));
    expect(() => openDrawer(database.db, { terminalId: core.terminalId, staffId: BUDTENDER, count: {}, now: clock })).toThrow(
      expect.objectContaining({ code: 'DRAWER_ALREADY_OPEN' }),
    );
    expect(() => openDrawer(database.db, { terminalId: 'x', staffId: BUDTENDER, count: { '3': 1 }, now: clock })).toThrow(
      expect.objectContaining({ code: 'COUNT_UNKNOWN_DENOMINATION' }),
    );
  });
});
