import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../../../src/main/core/create-core';
import { demoPackageTag } from '../../../../src/main/features/demo/seed';
import { encodeReport } from '../../../../src/main/features/printing/report-document';
import { receiptPrintable } from '../../../../src/main/features/receipts/receipt-printing';
import { checkInSaved } from '../../../support/check-in';
import { signIn } from '../../../support/session';
import { openTempDatabase, testPiiKeys, type TempDatabase } from '../../../support/temp-db';
import { value } from '../../../support/result';

let database: TempDatabase;
let core: Core;
beforeEach(async () => {
  database = openTempDatabase({ demo: true });
  core = createCore({ piiKeys: testPiiKeys, database, now: () => new Date('2026-11-24T18:00:00Z') });
  await signIn(core, 'manager');
  await core.send('drawer-open', { count: { '2000': 5 } });
});
afterEach(() => database.dispose());

describe('receipts', () => {
  it('reads the sale back: lines with package tags, promotion discounts, each tax, tenders, change', async () => {
    const cart = value(await core.send('cart-open', {}));
    value(await core.send('cart-scan', { cartId: cart.cartId, code: demoPackageTag(2) }));
    const gummies = (
      database.sqlite.prepare("SELECT k.tag FROM packages k JOIN products p ON p.id = k.product_id WHERE p.name LIKE 'Sour Watermelon%' LIMIT 1").get() as {
        tag: string;
      }
    ).tag;
    value(await core.send('cart-scan', { cartId: cart.cartId, code: gummies, quantity: 3 }));
    await checkInSaved(core, database, cart.cartId, 'customer-demo-adult');
    const sale = value(
      await core.send('sale-complete', {
        cartId: cart.cartId,
        tenders: [
          { tender: 'debit', amountCents: 5_000, reference: 'A77' },
          { tender: 'cash', tenderedCents: 10_000 },
        ],
      }),
    );
    const receipt = value(await core.send('sale-receipt', { saleId: sale.saleId }));
    expect(receipt).toMatchObject({
      saleNumber: sale.saleNumber,
      printedTime: '2026-11-24 10:00',
      budtender: 'Morgan Manager',
      totalCents: sale.totalCents,
      changeCents: sale.changeCents,
    });
    expect(receipt.lines.map((l) => l.packageTag)).toEqual([demoPackageTag(2), gummies]);
    expect(receipt.lines[1]?.discounts).toEqual([{ name: 'Edibles: buy 2, get 1 half price', amountCents: 1_000 }]);
    expect(receipt.taxes.map((t) => t.name)).toEqual(['CA cannabis excise 15%', 'Sales tax (Oakland) 10.25%']);
    expect(receipt.tenders).toEqual([
      { label: 'Debit A77', amountCents: 5_000 },
      { label: 'Cash', amountCents: 10_000 },
    ]);
    // Every line's net and the taxes add up to the total printed.
    expect(receipt.lines.reduce((s, l) => s + l.netCents, 0) + receipt.taxes.reduce((s, t) => s + t.amountCents, 0)).toBe(receipt.totalCents);

    const text = Buffer.from(encodeReport(receiptPrintable(receipt))).toString('latin1');
    for (const expected of [
      receipt.saleNumber,
      demoPackageTag(2),
      gummies,
      'Edibles: buy 2, get 1 half',
      '3 x Sour Watermelon',
      'TOTAL',
      'For use only by adults 21 and older.',
    ])
      expect(text).toContain(expected);
  });

  it('prints the sale number as a Code 128 barcode (text below), which the Returns screen reads back (issue #17, item 12)', async () => {
    const cart = value(await core.send('cart-open', {}));
    value(await core.send('cart-scan', { cartId: cart.cartId, code: demoPackageTag(101) }));
    await checkInSaved(core, database, cart.cartId, 'customer-demo-adult');
    const sale = value(await core.send('sale-complete', { cartId: cart.cartId, tenders: [{ tender: 'cash', tenderedCents: 10_000 }] }));
    const bytes = Buffer.from(encodeReport(receiptPrintable(value(await core.send('sale-receipt', { saleId: sale.saleId })))));
    // GS H 2: the number printed below the bars; GS k 73 n: Code 128, n bytes of data, code set B ("{B") then the sale number.
    const data = Buffer.from(`{B${sale.saleNumber}`, 'latin1');
    const barcode = Buffer.concat([Buffer.from([0x1d, 0x48, 0x02, 0x1d, 0x6b, 73, data.length]), data]);
    expect(bytes.indexOf(barcode)).toBeGreaterThan(0);
    // After everything else on the slip, before the cut.
    expect(bytes.indexOf(barcode)).toBeGreaterThan(bytes.indexOf(Buffer.from('For use only by adults 21 and older.', 'latin1')));
    expect(bytes.lastIndexOf(Buffer.from([0x1d, 0x56]))).toBeGreaterThan(bytes.indexOf(barcode));
    // What the scanner reads is the number the Returns screen finds the sale by.
    expect(value(await core.send('sale-find', { saleNumber: sale.saleNumber })).saleId).toBe(sale.saleId);
  });
});
