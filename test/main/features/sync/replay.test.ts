import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../../../src/main/core/create-core';
import { demoPackageTag } from '../../../../src/main/features/demo/seed';
import { simulateSales } from '../../../../src/main/core/simulate-sales';
import { startFakeMetrc, type FakeMetrc } from '../../../support/fake-metrc';
import { metrcOutboxRows, testMetrcCredentials, testMetrcDispatcher } from '../../../support/metrc-lane';
import { signIn } from '../../../support/session';
import { openTempDatabase, testPiiKeys, type TempDatabase } from '../../../support/temp-db';

const credentials = testMetrcCredentials;

let database: TempDatabase;
let core: Core;
let metrc: FakeMetrc;

beforeEach(() => {
  database = openTempDatabase({ demo: true });
  core = createCore({ piiKeys: testPiiKeys, database });
});
afterEach(async () => {
  await metrc.close();
  database.dispose();
});

const dispatcher = (options: { apiVersion?: 'v1' | 'v2'; timeoutMs?: number } = {}) => testMetrcDispatcher(database.db, metrc.url, options);
const outboxRows = () => metrcOutboxRows(database.sqlite);

describe('replay to Metrc', () => {
  it('parks a receipt for an unknown package with Metrc’s message, holds its void, and drains the rest', async () => {
    const poison = demoPackageTag(3);
    metrc = await startFakeMetrc({ ...credentials, knownPackages: (label) => label !== poison });
    await signIn(core, 'manager');
    await core.send('drawer-open', { count: { '2000': 5 } });
    const saleIds: string[] = [];
    for (const tag of [demoPackageTag(1), poison, demoPackageTag(5), demoPackageTag(7)]) {
      const cart = await core.send('cart-open', {});
      if (!cart.ok) throw new Error(cart.error.message);
      await core.send('customer-check-in', {
        cartId: cart.value.cartId,
        saleType: 'adult',
        method: 'manual',
        id: { idNumber: `D${tag.slice(-4)}`, firstName: 'Ana', lastName: 'Reyes', dateOfBirth: '1980-01-01', expiry: '2030-01-01', issuer: 'CA' },
      });
      const scanned = await core.send('cart-scan', { cartId: cart.value.cartId, code: tag, ...(tag === demoPackageTag(1) ? { weightMg: 3_500 } : {}) });
      expect(scanned.ok, JSON.stringify(scanned)).toBe(true);
      const sale = await core.send('sale-complete', { cartId: cart.value.cartId, tenders: [{ tender: 'cash', tenderedCents: 50_000 }] });
      if (!sale.ok) throw new Error(sale.error.message);
      saleIds.push(sale.value.saleId);
    }
    const poisonSale = saleIds[1] ?? '';
    expect((await core.send('sale-void', { saleId: poisonSale, reason: 'Wrong product' })).ok).toBe(true);

    const result = await dispatcher().drain('metrc', 20_000);
    expect(result).toMatchObject({ deadLettered: 1, pending: 1 });
    const rows = outboxRows();
    const parked = rows.find((r) => r.saleId === poisonSale && r.kind === 'receipt.create');
    expect(parked).toMatchObject({ status: 'dead' });
    expect(parked?.error).toContain(`Package ${poison} does not exist`);
    expect(rows.find((r) => r.saleId === poisonSale && r.kind === 'receipt.void')).toMatchObject({ status: 'pending' });
    expect(
      metrc
        .receipts()
        .map((r) => r.ExternalReceiptNumber)
        .sort(),
    ).toEqual(saleIds.filter((id) => id !== poisonSale).sort());

    // Staff sees it with the server's words, and settles it by hand; the void behind it goes then (and Metrc has no receipt to void).
    const status = await core.send('sync-status', {});
    expect(status.ok && status.value.deadLetters.map((d) => [d.kind, d.error.includes(poison)])).toEqual([['receipt.create', true]]);
    expect((await core.send('sync-resolve', { itemId: parked?.id ?? 0, reason: 'Entered in Metrc by hand after re-tagging' })).ok).toBe(true);
    await dispatcher().drain('metrc', 5_000);
    expect(outboxRows().find((r) => r.saleId === poisonSale && r.kind === 'receipt.void')).toMatchObject({ status: 'dead' });
  }, 60_000);

  it('v1: finds a receipt that was committed before the connection dropped instead of posting it again', async () => {
    // Every write is stored and then the connection dies: only a lookup can tell the register it worked.
    metrc = await startFakeMetrc({ ...credentials, faults: { seed: 3, commitThenDrop: 1 } });
    const simulated = await simulateSales(core, database.db, { count: 3, seed: 11 });
    const sync = dispatcher({ apiVersion: 'v1' });
    await sync.drain('metrc', 500);
    metrc.setFaults({});
    expect((await sync.drain('metrc', 10_000)).pending).toBe(0);
    expect(metrc.stats.gets).toBeGreaterThan(0);
    const counts = new Map<string, number>();
    for (const r of metrc.receipts()) counts.set(r.ExternalReceiptNumber, (counts.get(r.ExternalReceiptNumber) ?? 0) + 1);
    expect([...counts.keys()].sort()).toEqual([...simulated.saleIds].sort());
    expect([...counts.values()].every((n) => n === 1)).toBe(true);
    expect(
      outboxRows()
        .filter((r) => r.kind === 'receipt.create')
        .map((r) => r.status),
    ).toEqual(['done', 'done', 'done']);
  }, 60_000);
});

describe('returns destroyed at the counter', () => {
  it('edit the receipt, then adjust the package out with the state’s own waste reason', async () => {
    metrc = await startFakeMetrc({ ...credentials });
    await signIn(core, 'manager');
    await core.send('drawer-open', { count: { '2000': 5 } });
    const cart = await core.send('cart-open', {});
    if (!cart.ok) throw new Error(cart.error.message);
    await core.send('customer-check-in', {
      cartId: cart.value.cartId,
      saleType: 'adult',
      method: 'manual',
      id: { idNumber: 'D7001', firstName: 'Ana', lastName: 'Reyes', dateOfBirth: '1980-01-01', expiry: '2030-01-01', issuer: 'CA' },
    });
    await core.send('cart-scan', { cartId: cart.value.cartId, code: demoPackageTag(5), quantity: 2 });
    const sale = await core.send('sale-complete', { cartId: cart.value.cartId, tenders: [{ tender: 'cash', tenderedCents: 50_000 }] });
    if (!sale.ok) throw new Error(sale.error.message);
    const found = await core.send('sale-find', { saleNumber: sale.value.saleNumber });
    if (!found.ok) throw new Error(found.error.message);
    const returned = await core.send('sale-return', {
      saleId: sale.value.saleId,
      lines: [{ saleLineId: found.value.lines[0]?.saleLineId ?? '', quantity: 1 }],
      reason: 'Leaking cartridge',
      disposition: 'destruction',
    });
    expect(returned.ok, JSON.stringify(returned)).toBe(true);

    expect(await dispatcher().drain('metrc', 10_000)).toMatchObject({ pending: 0, deadLettered: 0 });
    expect(outboxRows().map((r) => r.kind)).toEqual(['receipt.create', 'receipt.return', 'package.adjust']);
    expect(metrc.receipts()[0]?.Transactions.map((t) => t['Quantity'])).toEqual([1]);
    expect(metrc.adjustments()).toEqual([
      expect.objectContaining({
        Label: demoPackageTag(5),
        Quantity: -1,
        UnitOfMeasure: 'Each',
        AdjustmentReason: 'Waste',
        ReasonNote: expect.stringContaining('Leaking cartridge'),
      }),
    ]);
  });
});
