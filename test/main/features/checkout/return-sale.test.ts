import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { completeSale, type CompletedSale } from '../../../../src/main/features/checkout/complete-sale';
import { returnSaleLines, type ReturnDisposition } from '../../../../src/main/features/checkout/return-sale';
import { voidSale } from '../../../../src/main/features/checkout/void-sale';
import { createCore, type Core } from '../../../../src/main/core/create-core';
import { demoPackageTag } from '../../../../src/main/features/demo/seed';
import { openDrawer } from '../../../../src/main/features/cash-drawer/session';
import { testSaleServices } from '../../../support/sales';
import { signIn } from '../../../support/session';
import { openTempDatabase, testPiiKeys, type TempDatabase } from '../../../support/temp-db';
import { value } from '../../../support/result';

/**
 * Money and stock only ever move back as far as they went out: a return
 * naming one line twice (issue #16, finding 2) or any mix of returns and
 * voids never refunds more than a line was paid, restocks more than it
 * sold, or tells Metrc of more than it sold.
 */
let database: TempDatabase;
let core: Core;
const saleTime = new Date('2026-11-24T18:00:00Z');
beforeAll(async () => {
  database = openTempDatabase({ demo: true });
  core = createCore({ piiKeys: testPiiKeys, database, now: () => saleTime, idleLockMs: 86_400_000 });
  await signIn(core);
  openDrawer(database.db, { terminalId: core.terminalId, staffId: 'staff-demo-budtender', count: { '2000': 50 }, now: saleTime });
});
afterAll(() => database.dispose());

const onHand = (tag: string) => (database.sqlite.prepare('SELECT quantity_on_hand AS q FROM packages WHERE tag = ?').get(tag) as { q: number }).q;
const saleLines = (saleId: string) =>
  database.sqlite
    .prepare('SELECT id, package_tag AS tag, quantity, net_cents + tax_cents AS paid FROM sale_lines WHERE sale_id = ? ORDER BY line_number')
    .all(saleId) as Array<{ id: string; tag: string; quantity: number; paid: number }>;

/** 3 × Blue Dream 3.5g ($35) + 1 × OG Kush 3.5g ($40), tax 10 %. */
async function sell(): Promise<CompletedSale> {
  // A delivery before each sale, so many runs never run the packages dry.
  database.sqlite.prepare('UPDATE packages SET quantity_on_hand = quantity_on_hand + 4 WHERE tag IN (?, ?)').run(demoPackageTag(2), demoPackageTag(6));
  const cart = value(await core.send('cart-open', {}));
  value(await core.send('cart-scan', { cartId: cart.cartId, code: demoPackageTag(2), quantity: 3 }));
  value(await core.send('cart-scan', { cartId: cart.cartId, code: demoPackageTag(6) }));
  return completeSale(database.db, testSaleServices, {
    cartId: cart.cartId,
    terminalId: core.terminalId,
    staffId: 'staff-demo-budtender',
    tenders: [{ tender: 'cash', tenderedCents: 20_000 }],
    madeOffline: false,
    now: saleTime,
  });
}

const returnRequest = (saleId: string, lines: Array<{ saleLineId: string; quantity: number }>, disposition: ReturnDisposition = 'inventory') => ({
  saleId,
  lines,
  reason: 'Defective',
  disposition,
  terminalId: core.terminalId,
  staffId: 'staff-demo-budtender',
  approvedBy: 'staff-demo-manager',
  now: saleTime,
});

interface Moved {
  readonly refundedByLine: Map<string, number>;
  readonly refundedTotal: number;
  readonly returnedToMetrcByTag: Map<string, number>;
}

function moved(saleId: string): Moved {
  const refundedByLine = new Map(
    (
      database.sqlite
        .prepare(
          'SELECT rl.sale_line_id AS id, sum(rl.refund_cents) AS cents FROM sale_return_lines rl JOIN sale_returns r ON r.id = rl.return_id WHERE r.sale_id = ? GROUP BY rl.sale_line_id',
        )
        .all(saleId) as Array<{ id: string; cents: number }>
    ).map((r) => [r.id, r.cents]),
  );
  const refundedTotal = (
    database.sqlite.prepare("SELECT coalesce(sum(amount_cents), 0) AS s FROM payments WHERE sale_id = ? AND direction = 'refund'").get(saleId) as { s: number }
  ).s;
  const returnedToMetrcByTag = new Map<string, number>();
  const items = database.sqlite
    .prepare("SELECT kind, payload FROM outbox WHERE destination = 'metrc' AND aggregate_id = ? AND kind IN ('receipt.return', 'receipt.void')")
    .all(saleId) as Array<{ kind: string; payload: string }>;
  for (const item of items) {
    if (item.kind === 'receipt.void') {
      for (const line of saleLines(saleId)) returnedToMetrcByTag.set(line.tag, (returnedToMetrcByTag.get(line.tag) ?? 0) + line.quantity);
      continue;
    }
    const payload = JSON.parse(item.payload) as { lines: Array<{ packageTag: string; quantity: number }> };
    for (const line of payload.lines) returnedToMetrcByTag.set(line.packageTag, (returnedToMetrcByTag.get(line.packageTag) ?? 0) + line.quantity);
  }
  return { refundedByLine, refundedTotal, returnedToMetrcByTag };
}

describe('returns', () => {
  it('refunds, restocks and reports a line listed twice once, as the sum of its quantities', async () => {
    const sale = await sell();
    const [, ogKush] = saleLines(sale.saleId);
    const tag = demoPackageTag(6);
    const stock = onHand(tag);
    // One OG Kush sold: naming it twice with 1 each is 2 — more than was sold.
    expect(() =>
      returnSaleLines(
        database.db,
        returnRequest(sale.saleId, [
          { saleLineId: ogKush?.id ?? '', quantity: 1 },
          { saleLineId: ogKush?.id ?? '', quantity: 1 },
        ]),
      ),
    ).toThrow(expect.objectContaining({ code: 'RETURN_TOO_MANY' }));
    expect(onHand(tag)).toBe(stock);
    expect(moved(sale.saleId).refundedTotal).toBe(0);
    // Three Blue Dream, named as 1 + 2: one return line of 3, refunded exactly the line's price.
    const [blueDream] = saleLines(sale.saleId);
    const result = returnSaleLines(
      database.db,
      returnRequest(sale.saleId, [
        { saleLineId: blueDream?.id ?? '', quantity: 1 },
        { saleLineId: blueDream?.id ?? '', quantity: 2 },
      ]),
    );
    expect(result.lines).toEqual([expect.objectContaining({ saleLineId: blueDream?.id, quantity: 3, refundCents: blueDream?.paid })]);
    expect(moved(sale.saleId).returnedToMetrcByTag.get(demoPackageTag(2))).toBe(3);
  });

  it('property: no sequence of returns and voids refunds, restocks or reports more than was sold', async () => {
    const op = fc.oneof(
      fc.record({
        kind: fc.constant('return' as const),
        lines: fc.array(fc.record({ line: fc.integer({ min: 0, max: 1 }), quantity: fc.integer({ min: 1, max: 3 }) }), { minLength: 1, maxLength: 4 }),
        disposition: fc.constantFrom<ReturnDisposition>('inventory', 'quarantine', 'destruction'),
      }),
      fc.constant({ kind: 'void' as const }),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(op, { minLength: 1, maxLength: 5 }), async (ops) => {
        const sale = await sell();
        const lines = saleLines(sale.saleId);
        const before = new Map(lines.map((l) => [l.tag, onHand(l.tag)]));
        for (const step of ops) {
          try {
            if (step.kind === 'void')
              voidSale(database.db, {
                saleId: sale.saleId,
                terminalId: core.terminalId,
                staffId: 'staff-demo-budtender',
                approvedBy: 'staff-demo-manager',
                reason: 'x',
                now: saleTime,
              });
            else
              returnSaleLines(
                database.db,
                returnRequest(
                  sale.saleId,
                  step.lines.map((l) => ({ saleLineId: lines[l.line]?.id ?? '', quantity: l.quantity })),
                  step.disposition,
                ),
              );
          } catch (error) {
            // Refusals are fine (too many, voided, returned already); what matters is what moved.
            if (!(typeof error === 'object' && error !== null && 'code' in error)) throw error;
          }
        }
        const after = moved(sale.saleId);
        const paidTotal = lines.reduce((s, l) => s + l.paid, 0);
        expect(after.refundedTotal).toBeLessThanOrEqual(paidTotal);
        for (const line of lines) {
          expect(after.refundedByLine.get(line.id) ?? 0).toBeLessThanOrEqual(line.paid);
          expect(onHand(line.tag) - (before.get(line.tag) ?? 0)).toBeLessThanOrEqual(line.quantity);
          expect(after.returnedToMetrcByTag.get(line.tag) ?? 0).toBeLessThanOrEqual(line.quantity);
        }
      }),
      { numRuns: 40 },
    );
  });
});
