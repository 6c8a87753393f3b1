import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from '../../../../src/main/entries/cli/index';
import { stepsFor } from '../../../../src/shared/domain/quality/sop';
import { and, eq } from 'drizzle-orm';
import { packages } from '../../../../src/main/platform/db/schema';
import { sellablePackage } from '../../../../src/main/features/catalog/search';
import { captureIo } from '../../../support/cli';
import { checkInSaved } from '../../../support/check-in';
import { registerAtTheCounter, type Counter } from '../../../support/register';
import { value } from '../../../support/result';
import { signIn } from '../../../support/session';

let counter: Counter;
let vape: { tags: string[]; upc: string; batch: string };
beforeEach(async () => {
  counter = await registerAtTheCounter({ role: 'manager', drawerTwenties: 10 });
  const rows = counter.database.sqlite
    .prepare(
      "SELECT k.tag, p.upc, p.coa_batch_number AS batch FROM packages k JOIN products p ON p.id = k.product_id WHERE p.name = 'Blue Dream Vape Cartridge 0.5g' ORDER BY k.tag",
    )
    .all() as Array<{ tag: string; upc: string; batch: string }>;
  vape = { tags: rows.map((r) => r.tag), upc: rows[0]!.upc, batch: rows[0]!.batch };
});
afterEach(() => counter.dispose());

async function sellVape(customerId: string, tag: string) {
  const cart = value(await counter.core.send('cart-open', {}));
  value(await counter.core.send('cart-scan', { cartId: cart.cartId, code: tag }));
  await checkInSaved(counter.core, counter.database, cart.cartId, customerId);
  const sale = value(await counter.core.send('sale-complete', { cartId: cart.cartId, tenders: [{ tender: 'cash', tenderedCents: 10_000 }] }));
  const line = counter.database.sqlite.prepare('SELECT id FROM sale_lines WHERE sale_id = ?').get(sale.saleId) as { id: string };
  return { ...sale, lineId: line.id };
}

describe('quality incidents and holds', () => {
  it('opens from a sale line, holds the batch (scan refused with the reason, at every path), resolves with a credit; the batch view lists the buyers', async () => {
    const sale = await sellVape('customer-demo-adult', vape.tags[0]!);
    const incident = value(
      await counter.core.send('qa-incident-open', {
        category: 'hardware_failure',
        customerWords: 'Cart stopped pulling after two days',
        saleLineId: sale.lineId,
      }),
    );
    expect(incident).toMatchObject({
      incidentNumber: 'QA-000001',
      packageTag: vape.tags[0],
      batch: vape.batch,
      customerId: 'customer-demo-adult',
      status: 'open',
    });

    // A cart already holding another package of the batch, before the hold.
    const early = value(await counter.core.send('cart-open', {}));
    value(await counter.core.send('cart-scan', { cartId: early.cartId, code: vape.tags[1]! }));
    value(await counter.core.send('cart-park', { cartId: early.cartId, label: 'early' }));

    const hold = value(
      await counter.core.send('qa-hold-place', {
        scope: 'batch',
        packageTag: vape.tags[0],
        reason: `${incident.incidentNumber}: carts failing`,
        incidentId: incident.incidentId,
      }),
    );
    expect(hold.batch).toBe(vape.batch);

    // Scanning another package of the batch by its tag, or the product's UPC, is refused with the reason.
    const cart = value(await counter.core.send('cart-open', {}));
    for (const code of [vape.tags[1]!, vape.upc]) {
      const refused = await counter.core.send('cart-scan', { cartId: cart.cartId, code });
      expect(refused).toMatchObject({ ok: false, error: { code: 'PACKAGE_HELD', details: { batch: vape.batch, reason: 'QA-000001: carts failing' } } });
      expect(!refused.ok && refused.error.message).toContain('is on hold and cannot be sold: QA-000001: carts failing');
    }
    // The catalogue no longer offers it.
    const index = value(await counter.core.send('catalog-index', { limit: 5000 }));
    expect(index.items.find((i) => i.productId === incident.productId)).toMatchObject({ available: 0 });
    // The cart that took it before the hold cannot complete.
    value(await counter.core.send('cart-resume', { cartId: early.cartId }));
    await checkInSaved(counter.core, counter.database, early.cartId, 'customer-demo-adult');
    expect(await counter.core.send('sale-complete', { cartId: early.cartId, tenders: [{ tender: 'cash', tenderedCents: 10_000 }] })).toMatchObject({
      ok: false,
      error: { code: 'PACKAGE_HELD' },
    });

    // Resolution waits for every SOP step, each with who did it.
    expect(
      await counter.core.send('qa-incident-resolve', { incidentId: incident.incidentId, resolution: 'credit', creditCents: 3_000, note: 'Goodwill' }),
    ).toMatchObject({
      ok: false,
      error: { code: 'QA_STEPS_PENDING' },
    });
    for (const { step } of stepsFor('hardware_failure')) value(await counter.core.send('qa-incident-step', { incidentId: incident.incidentId, step }));
    const resolved = value(
      await counter.core.send('qa-incident-resolve', { incidentId: incident.incidentId, resolution: 'credit', creditCents: 3_000, note: 'Goodwill' }),
    );
    expect(resolved).toMatchObject({
      status: 'resolved',
      resolution: 'credit',
      steps: expect.arrayContaining([expect.objectContaining({ doneBy: expect.any(String) })]),
    });
    expect(counter.database.sqlite.prepare('SELECT customer_id AS c, amount_cents AS a FROM store_credits').all()).toEqual([
      { c: 'customer-demo-adult', a: 3_000 },
    ]);
    expect(
      counter.database.sqlite
        .prepare("SELECT count(*) AS n FROM audit_log WHERE action IN ('quality.open', 'hold.place', 'quality.step', 'quality.resolve', 'store_credit.issue')")
        .get(),
    ).toEqual({
      n: 4 + stepsFor('hardware_failure').length,
    });

    const view = value(await counter.core.send('qa-batch-view', { batch: vape.batch }));
    expect(view.customers).toEqual([{ customerId: 'customer-demo-adult', name: 'Jordan Rivera', sales: 1 }]);
    expect(view.sales).toHaveLength(1);
    expect(view.packages.map((p) => p.tag)).toEqual(vape.tags);
    expect(view.incidents).toMatchObject([{ incidentNumber: 'QA-000001', status: 'resolved' }]);
    expect(value(await counter.core.send('qa-trend', { from: '2026-11-24', to: '2026-11-24' })).items).toEqual([
      { productId: incident.productId, batch: vape.batch, category: 'hardware_failure', incidents: 1 },
    ]);

    // CSV from the command line: the batch's sales, and the incidents.
    const db = join(counter.database.dir, 'register.sqlite');
    const csv = captureIo();
    expect(await runCli(['qa-export', '--db', db, '--batch', vape.batch], csv)).toBe(0);
    expect(csv.out().split('\r\n')[0]).toBe('"saleNumber","completedAt","status","packageTag","quantity","customerId"');
    expect(csv.out()).toContain(sale.saleNumber);
    const incidentsCsv = captureIo();
    expect(await runCli(['qa-export', '--db', db, '--incidents'], incidentsCsv)).toBe(0);
    expect(incidentsCsv.out()).toContain('"QA-000001","hardware_failure"');
    const trendCsv = captureIo();
    expect(await runCli(['qa-export', '--db', db, '--trend', '--from', '2026-11-24', '--to', '2026-11-24'], trendCsv)).toBe(0);
    expect(trendCsv.out()).toBe(`"productId","batch","category","incidents"\r\n"${incident.productId}","${vape.batch}","hardware_failure","1"\r\n`);
    const both = captureIo();
    expect(await runCli(['qa-export', '--db', db, '--incidents', '--batch', vape.batch], both)).toBe(1);
    expect(JSON.parse(both.out())).toMatchObject({ error: { code: 'INVALID_ARGUMENTS' } });

    // Released: the batch sells again.
    value(await counter.core.send('qa-hold-release', { holdId: hold.holdId, note: 'Supplier replaced the hardware lot' }));
    value(await counter.core.send('cart-scan', { cartId: cart.cartId, code: vape.tags[1]! }));
  });

  it('refuses a budtender (no quality permission) and an incident without a package', async () => {
    expect(await counter.core.send('qa-incident-open', { category: 'mislabel', customerWords: 'x' })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT' },
    });
    await signIn(counter.core, 'budtender');
    expect(await counter.core.send('qa-hold-place', { scope: 'package', packageTag: vape.tags[0], reason: 'x' })).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
  });

  it('resolves by the return made on the Returns screen, named by its number; a return of another sale is refused', async () => {
    const sale = await sellVape('customer-demo-adult', vape.tags[0]!);
    const other = await sellVape('customer-demo-adult', vape.tags[0]!);
    const incident = value(
      await counter.core.send('qa-incident-open', { category: 'mislabel', customerWords: 'Label says 1 g, cart is 0.5 g', saleLineId: sale.lineId }),
    );
    for (const { step } of stepsFor('mislabel')) value(await counter.core.send('qa-incident-step', { incidentId: incident.incidentId, step }));
    const returned = value(
      await counter.core.send('sale-return', {
        saleId: sale.saleId,
        lines: [{ saleLineId: sale.lineId, quantity: 1 }],
        reason: incident.incidentNumber,
        disposition: 'quarantine',
      }),
    );
    const otherReturn = value(
      await counter.core.send('sale-return', {
        saleId: other.saleId,
        lines: [{ saleLineId: other.lineId, quantity: 1 }],
        reason: 'x',
        disposition: 'inventory',
      }),
    );
    expect(
      await counter.core.send('qa-incident-resolve', {
        incidentId: incident.incidentId,
        resolution: 'return',
        returnNumber: otherReturn.returnNumber,
        note: 'x',
      }),
    ).toMatchObject({
      ok: false,
      error: { code: 'QA_RETURN_NOT_OF_SALE' },
    });
    expect(
      value(
        await counter.core.send('qa-incident-resolve', {
          incidentId: incident.incidentId,
          resolution: 'return',
          returnNumber: returned.returnNumber.toLowerCase(),
          note: 'Refunded',
        }),
      ),
    ).toMatchObject({ status: 'resolved', resolution: 'return', resolutionRef: returned.returnId });
  });

  it('refuses at the sale a package held after it was scanned, naming its own hold', async () => {
    const cart = value(await counter.core.send('cart-open', {}));
    value(await counter.core.send('cart-scan', { cartId: cart.cartId, code: vape.tags[0]! }));
    value(await counter.core.send('qa-hold-place', { scope: 'package', packageTag: vape.tags[0], reason: 'Leaking cart' }));
    await checkInSaved(counter.core, counter.database, cart.cartId, 'customer-demo-adult');
    expect(await counter.core.send('sale-complete', { cartId: cart.cartId, tenders: [{ tender: 'cash', tenderedCents: 10_000 }] })).toMatchObject({
      ok: false,
      error: { code: 'PACKAGE_HELD', details: { scope: 'package', reason: 'Leaking cart' } },
    });
  });

  it('holds one package only: its siblings still sell', async () => {
    value(await counter.core.send('qa-hold-place', { scope: 'package', packageTag: vape.tags[0], reason: 'Damaged box' }));
    const cart = value(await counter.core.send('cart-open', {}));
    expect(await counter.core.send('cart-scan', { cartId: cart.cartId, code: vape.tags[0]! })).toMatchObject({ ok: false, error: { code: 'PACKAGE_HELD' } });
    const scanned = value(await counter.core.send('cart-scan', { cartId: cart.cartId, code: vape.upc }));
    expect(scanned.lines.map((l) => l.packageTag)).toEqual([vape.tags[1]]);
  });
});

describe('the hold check on the scan path', () => {
  it('searches holds by index (package tag, batch), never scanning the table, for a scan and for the FIFO pick', () => {
    const plan = (query: string) =>
      (counter.database.sqlite.prepare(`EXPLAIN QUERY PLAN ${query}`).all() as Array<{ detail: string }>)
        .map((r) => r.detail)
        .filter((d) => d.includes('product_holds') || d.includes(' h '));
    const direct = plan("SELECT * FROM product_holds WHERE released_at IS NULL AND (package_tag = 'x' OR batch = 'y') LIMIT 1");
    // The catalogue's own "sellable" condition, as the FIFO pick and the catalogue run it.
    const built = counter.database.db
      .select({ tag: packages.tag })
      .from(packages)
      .where(and(eq(packages.productId, 'p'), sellablePackage))
      .toSQL();
    const fifo = (counter.database.sqlite.prepare(`EXPLAIN QUERY PLAN ${built.sql}`).all(...built.params) as Array<{ detail: string }>)
      .map((r) => r.detail)
      .filter((d) => d.includes('product_holds'));
    for (const details of [direct, fifo]) {
      expect(details.some((d) => d.includes('product_holds_tag_idx'))).toBe(true);
      expect(details.some((d) => d.includes('product_holds_batch_idx'))).toBe(true);
      expect(details.some((d) => d.startsWith('SCAN product_holds'))).toBe(false);
    }
  });
});
