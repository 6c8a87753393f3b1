import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { SaleReceiptRecord } from '../../../../src/main/features/sync/outbox-messages';
import { createCore, type Core } from '../../../../src/main/core/create-core';
import { metrcReceipt, type MetrcReceipt } from '../../../../src/metrc/receipt-body';
import { signIn } from '../../../support/session';
import { openTempDatabase, testPiiKeys, type TempDatabase } from '../../../support/temp-db';
import { value } from '../../../support/result';

/**
 * Issue #24's properties, over random carts with promotions and manual
 * discounts in states that tax differently (CA per line, MI tax on tax, OR
 * rounded once per receipt and up, IL by potency, WA a 37% excise beside sales tax):
 * - returns of any subset of lines, in any quantities, over several
 *   returns, give back per line and per tax never more than was charged,
 *   never more than a cent behind the returned share, and exactly what was
 *   charged once the line is all back;
 * - the receipt, the Z-report and the Metrc receipt body agree to the cent,
 *   before and after returns.
 * Every run is one store (a SQLite file) driven through the contract.
 */
const ZONES = { CA: 'America/Los_Angeles', MI: 'America/Detroit', OR: 'America/Los_Angeles', IL: 'America/Chicago', WA: 'America/Los_Angeles' } as const;
type State = keyof typeof ZONES;
// A Tuesday: "Topical Tuesday 20% off" applies; 3 edibles trigger the buy-2-get-1-half-price.
const clock = new Date('2026-11-24T18:00:00Z');

/** Demo products and how many of each (mg for the weighed flower): within every one of these states' daily limits together. */
const POOL: ReadonlyArray<{ readonly name: string; readonly max: number; readonly weighed?: true }> = [
  { name: 'Blue Dream 3.5g', max: 2 },
  { name: 'OG Kush 3.5g', max: 2 },
  { name: 'House Flower (by the gram)', max: 5_000, weighed: true },
  { name: 'Blue Dream Pre-Roll 1g', max: 2 },
  { name: 'Gelato Live Resin 1g', max: 2 },
  { name: 'Sour Watermelon Gummies 10x10mg', max: 3 },
  { name: 'Peach Rings 10x10mg', max: 1 },
  { name: 'Transdermal Patch 20mg', max: 2 },
  { name: 'Glass Hand Pipe', max: 3 },
];

const discountArb = fc.record({
  /** null: the whole order; else the n-th cart line (modulo the number of lines). */
  line: fc.option(fc.nat({ max: 8 }), { nil: null }),
  kind: fc.constantFrom('percent' as const, 'amount' as const),
  percentBp: fc.integer({ min: 1, max: 5_000 }),
  amountCents: fc.integer({ min: 1, max: 3_000 }),
});
const cartArb = fc.record({
  state: fc.constantFrom<State>('CA', 'MI', 'OR', 'IL', 'WA'),
  items: fc.uniqueArray(
    fc
      .nat({ max: POOL.length - 1 })
      .chain((i) => fc.record({ index: fc.constant(i), amount: fc.integer({ min: POOL[i]?.weighed === true ? 500 : 1, max: POOL[i]?.max ?? 1 }) })),
    { minLength: 1, maxLength: 5, selector: (x) => x.index },
  ),
  discounts: fc.array(discountArb, { maxLength: 3 }),
});
/** Each return: some lines (by position) with a share of what is left of each; `rest` returns everything still on the sale at the end. */
const returnsArb = fc.record({
  returns: fc.array(fc.array(fc.record({ line: fc.nat({ max: 8 }), part: fc.nat() }), { minLength: 1, maxLength: 4 }), { minLength: 1, maxLength: 3 }),
  rest: fc.boolean(),
});
type Cart = typeof cartArb extends fc.Arbitrary<infer T> ? T : never;
type ReturnPlan = typeof returnsArb extends fc.Arbitrary<infer T> ? T : never;

const cents = (dollars: number | undefined) => Math.round((dollars ?? 0) * 100);
const taxFieldsCents = (t: MetrcReceipt['Transactions'][number]) => cents(t.ExciseTax) + cents(t.SalesTax) + cents(t.CityTax) + cents(t.CountyTax);

interface Store {
  readonly core: Core;
  readonly db: TempDatabase;
}
async function storeIn(state: State): Promise<Store> {
  const db = openTempDatabase({ demo: true });
  db.sqlite.prepare('UPDATE stores SET state = ?, time_zone = ?').run(state, ZONES[state]);
  const core = createCore({ piiKeys: testPiiKeys, database: db, now: () => clock, idleLockMs: 86_400_000 });
  await signIn(core, 'manager');
  value(await core.send('drawer-open', { count: { '2000': 20 } }));
  return { core, db };
}

async function ringUp({ core, db }: Store, cart: Cart) {
  const { cartId } = value(await core.send('cart-open', {}));
  for (const { index, amount } of cart.items) {
    const product = POOL[index];
    if (product === undefined) throw new Error('pool');
    const { tag } = db.sqlite
      .prepare('SELECT k.tag FROM packages k JOIN products p ON p.id = k.product_id WHERE p.name = ? ORDER BY k.packaged_date LIMIT 1')
      .get(product.name) as { tag: string };
    value(await core.send('cart-scan', { cartId, code: tag, ...(product.weighed === true ? { weightMg: amount } : { quantity: amount }) }));
  }
  const lines = value(await core.send('cart-get', { cartId })).lines;
  for (const d of cart.discounts) {
    const lineId = d.line === null ? undefined : lines[d.line % lines.length]?.lineId;
    value(
      await core.send('cart-manual-discount', {
        cartId,
        ...(lineId === undefined ? {} : { lineId }),
        kind: d.kind,
        value: d.kind === 'percent' ? d.percentBp : d.amountCents,
        reasonCode: 'customer_service',
        reason: 'Property test',
      }),
    );
  }
  value(
    await core.send('customer-check-in', {
      cartId,
      saleType: 'adult',
      method: 'manual',
      id: { idNumber: 'P5550001', firstName: 'Ana', lastName: 'Ruiz', dateOfBirth: '1980-01-01', expiry: '2031-01-01', issuer: cart.state },
    }),
  );
  return value(await core.send('sale-complete', { cartId, tenders: [{ tender: 'cash', tenderedCents: 500_000 }] }));
}

const saleRecord = (db: TempDatabase, saleId: string) =>
  JSON.parse(
    (db.sqlite.prepare("SELECT payload FROM outbox WHERE kind = 'receipt.create' AND aggregate_id = ?").get(saleId) as { payload: string }).payload,
  ) as SaleReceiptRecord;
type ReturnPayload = { lines: Array<{ packageTag: string; quantity: number; refundCents: number; taxes: Array<{ taxId: string; amountCents: number }> }> };
const returnPayloads = (db: TempDatabase, saleId: string) =>
  (
    db.sqlite.prepare("SELECT payload FROM outbox WHERE kind = 'receipt.return' AND aggregate_id = ? ORDER BY id").all(saleId) as Array<{ payload: string }>
  ).map((r) => JSON.parse(r.payload) as ReturnPayload);

/** What went back so far, per package and per tax, from what the register told the state. */
function refundedSoFar(payloads: readonly ReturnPayload[]) {
  const quantity = new Map<string, number>();
  const net = new Map<string, number>();
  const tax = new Map<string, number>();
  for (const p of payloads) {
    for (const l of p.lines) {
      const taxCents = l.taxes.reduce((s, t) => s + t.amountCents, 0);
      quantity.set(l.packageTag, (quantity.get(l.packageTag) ?? 0) + l.quantity);
      net.set(l.packageTag, (net.get(l.packageTag) ?? 0) + l.refundCents - taxCents);
      for (const t of l.taxes) tax.set(`${l.packageTag}|${t.taxId}`, (tax.get(`${l.packageTag}|${t.taxId}`) ?? 0) + t.amountCents);
    }
  }
  return { quantity, net, tax };
}

/** Returns as planned (through `sale-return`), each within what is still returnable; the refunds it made. */
async function returnAsPlanned({ core }: Store, sale: { saleId: string; saleNumber: string }, plan: ReturnPlan): Promise<number[]> {
  const refunds: number[] = [];
  const steps = [...plan.returns.map((r) => ({ picks: r, all: false })), ...(plan.rest ? [{ picks: [], all: true }] : [])];
  for (const step of steps) {
    const found = value(await core.send('sale-find', { saleNumber: sale.saleNumber }));
    const wanted = new Map<string, number>();
    if (step.all) for (const l of found.lines) if (l.returnable > 0) wanted.set(l.saleLineId, l.returnable);
    for (const pick of step.picks) {
      const line = found.lines[pick.line % found.lines.length];
      if (line === undefined) continue;
      const left = line.returnable - (wanted.get(line.saleLineId) ?? 0);
      if (left > 0) wanted.set(line.saleLineId, (wanted.get(line.saleLineId) ?? 0) + 1 + (pick.part % left));
    }
    if (wanted.size === 0) continue;
    const done = value(
      await core.send('sale-return', {
        saleId: sale.saleId,
        lines: [...wanted].map(([saleLineId, quantity]) => ({ saleLineId, quantity })),
        reason: 'Property test',
        disposition: 'quarantine',
      }),
    );
    refunds.push(done.refundCents);
  }
  return refunds;
}

describe('taxes over random carts, discounts and returns', () => {
  it('property: returns give back per line and per tax exactly the tax charged — never more, at most a cent behind the returned share, all of it once the line is back', async () => {
    await fc.assert(
      fc.asyncProperty(cartArb, returnsArb, async (cart, plan) => {
        const store = await storeIn(cart.state);
        try {
          const sale = await ringUp(store, cart);
          const record = saleRecord(store.db, sale.saleId);
          const refunds = await returnAsPlanned(store, sale, plan);
          const payloads = returnPayloads(store.db, sale.saleId);
          expect(payloads.map((p) => p.lines.reduce((s, l) => s + l.refundCents, 0))).toEqual(refunds);
          const back = refundedSoFar(payloads);
          for (const line of record.lines) {
            const returned = back.quantity.get(line.packageTag) ?? 0;
            const within = (charged: number, given: number, label: string) => {
              // floor(charged × returned / quantity): never ahead of the returned share, never a cent behind it.
              expect(given, label).toBeLessThanOrEqual(charged);
              expect(given * line.quantity, label).toBeLessThanOrEqual(charged * returned);
              expect((given + 1) * line.quantity, label).toBeGreaterThan(charged * returned);
              if (returned === line.quantity) expect(given, label).toBe(charged);
            };
            within(line.netCents, back.net.get(line.packageTag) ?? 0, `${line.packageTag} net`);
            for (const t of line.taxes) within(t.amountCents, back.tax.get(`${line.packageTag}|${t.taxId}`) ?? 0, `${line.packageTag} ${t.taxId}`);
          }
          const everything = record.lines.every((l) => back.quantity.get(l.packageTag) === l.quantity);
          if (everything) expect(refunds.reduce((a, b) => a + b, 0)).toBe(sale.totalCents);
          else expect(refunds.reduce((a, b) => a + b, 0)).toBeLessThan(sale.totalCents + 1);
        } finally {
          store.db.dispose();
        }
      }),
      { numRuns: 30 },
    );
  }, 60_000);

  it('property: the receipt, the Z-report and the Metrc receipt body never differ by a cent, before and after returns', async () => {
    await fc.assert(
      fc.asyncProperty(cartArb, returnsArb, async (cart, plan) => {
        const store = await storeIn(cart.state);
        try {
          const sale = await ringUp(store, cart);
          const receipt = value(await store.core.send('sale-receipt', { saleId: sale.saleId }));
          const receiptTax = receipt.taxes.reduce((s, t) => s + t.amountCents, 0);
          expect(receipt.totalCents).toBe(receipt.subtotalCents - receipt.discountCents + receiptTax);
          expect(receipt.lines.reduce((s, l) => s + l.netCents, 0)).toBe(receipt.subtotalCents - receipt.discountCents);
          expect(sale).toMatchObject({
            subtotalCents: receipt.subtotalCents,
            discountCents: receipt.discountCents,
            taxCents: receiptTax,
            totalCents: receipt.totalCents,
          });

          const z = value(await store.core.send('report-z', {}));
          expect(z.sales).toEqual({
            count: 1,
            subtotalCents: receipt.subtotalCents,
            discountCents: receipt.discountCents,
            taxCents: receiptTax,
            totalCents: receipt.totalCents,
          });
          const byName = (rows: ReadonlyArray<{ name: string; amountCents: number }>) => [...rows].map((r) => `${r.name}=${r.amountCents}`).sort();
          expect(byName(z.taxesByTax)).toEqual(byName(receipt.taxes));
          expect(z.discountsByPromotion.reduce((s, d) => s + d.amountCents, 0)).toBe(receipt.discountCents);

          const record = saleRecord(store.db, sale.saleId);
          const body = metrcReceipt(record, null);
          expect(body.Transactions.reduce((s, t) => s + cents(t.TotalAmount), 0)).toBe(receipt.subtotalCents - receipt.discountCents);
          expect(body.Transactions.reduce((s, t) => s + cents(t.Price), 0)).toBe(receipt.subtotalCents);
          expect(body.Transactions.reduce((s, t) => s + cents(t.DiscountAmount), 0)).toBe(receipt.discountCents);
          expect(body.Transactions.reduce((s, t) => s + taxFieldsCents(t), 0)).toBe(receiptTax);

          // After returns, the receipt as edited in Metrc holds exactly what the store kept.
          const refunds = await returnAsPlanned(store, sale, plan);
          const refunded = refunds.reduce((a, b) => a + b, 0);
          const back = refundedSoFar(returnPayloads(store.db, sale.saleId));
          const kept = metrcReceipt(record, null, new Map([...back.quantity].map(([tag, quantity]) => [tag, { quantity }])));
          for (const t of kept.Transactions) {
            const line = record.lines.find((l) => l.packageTag === t.PackageLabel);
            if (line === undefined) throw new Error('Metrc line not on the sale');
            const taxCharged = line.taxes.reduce((s, x) => s + x.amountCents, 0);
            const taxBack = line.taxes.reduce((s, x) => s + (back.tax.get(`${line.packageTag}|${x.taxId}`) ?? 0), 0);
            expect(cents(t.TotalAmount), `${t.PackageLabel} kept net`).toBe(line.netCents - (back.net.get(line.packageTag) ?? 0));
            expect(taxFieldsCents(t), `${t.PackageLabel} kept tax`).toBe(taxCharged - taxBack);
          }
          expect(kept.Transactions.reduce((s, t) => s + cents(t.TotalAmount) + taxFieldsCents(t), 0)).toBe(receipt.totalCents - refunded);
          const zAfter = value(await store.core.send('report-z', {}));
          // (A return refunding $0 moves no money through the drawer and is not counted there: only the amount is compared.)
          expect(zAfter.returns.refundCents).toBe(refunded);
        } finally {
          store.db.dispose();
        }
      }),
      { numRuns: 30 },
    );
  }, 60_000);
});
