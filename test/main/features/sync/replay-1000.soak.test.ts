import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../../../src/main/core/create-core';
import { simulateSales } from '../../../../src/main/core/simulate-sales';
import { startFakeMetrc, type FakeMetrc } from '../../../support/fake-metrc';
import { metrcOutboxRows, testMetrcCredentials, testMetrcDispatcher } from '../../../support/metrc-lane';
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

describe('replay to Metrc under load', () => {
  it('delivers 1,000 sales made offline exactly once through drops, 429s, 500s and commit-then-drop, voids after their receipts', async () => {
    metrc = await startFakeMetrc({ ...credentials });
    await metrc.stop();
    const simulated = await simulateSales(core, database.db, { count: 1_000, seed: 7 });
    const sync = dispatcher({ timeoutMs: 1_000 });
    // Offline: the lane stays whole and the breaker keeps it to a few connection attempts.
    const offline = await sync.drain('metrc', 300);
    expect(offline.confirmed).toBe(0);
    expect(offline.pending).toBe(outboxRows().length);

    await metrc.start();
    metrc.setFaults({ seed: 42, error500: 0.08, rateLimit429: 0.08, dropBeforeCommit: 0.05, commitThenDrop: 0.1, retryAfterHeader: true });
    const result = await sync.drain('metrc', 240_000);
    expect(result).toMatchObject({ pending: 0, deadLettered: 0 });
    expect(metrc.stats.faultsInjected).toBeGreaterThan(20);

    const receipts = metrc.receipts();
    const bySale = new Map<string, number>();
    for (const r of receipts) bySale.set(r.ExternalReceiptNumber, (bySale.get(r.ExternalReceiptNumber) ?? 0) + 1);
    expect(receipts).toHaveLength(simulated.sales);
    expect([...bySale.values()].every((n) => n === 1)).toBe(true);
    expect(new Set(bySale.keys())).toEqual(new Set(simulated.saleIds));

    // Lines match what the customer kept: sold, less anything returned (the return edited the receipt).
    const kept = database.sqlite
      .prepare(
        `SELECT sl.sale_id AS saleId, sl.package_tag AS tag, p.unit, sl.quantity - coalesce((SELECT sum(rl.quantity) FROM sale_return_lines rl WHERE rl.sale_line_id = sl.id), 0) AS quantity
         FROM sale_lines sl JOIN packages p ON p.tag = sl.package_tag ORDER BY sl.sale_id, sl.line_number`,
      )
      .all() as Array<{ saleId: string; tag: string; quantity: number; unit: string }>;
    const voided = new Set((database.sqlite.prepare("SELECT id FROM sales WHERE status = 'voided'").all() as Array<{ id: string }>).map((r) => r.id));
    const returned = (database.sqlite.prepare('SELECT count(DISTINCT sale_id) AS n FROM sale_returns').get() as { n: number }).n;
    expect(returned).toBeGreaterThan(0);
    for (const receipt of receipts) {
      const id = receipt.ExternalReceiptNumber;
      const lines = kept.filter((l) => l.saleId === id && l.quantity > 0).map((l) => [l.tag, l.unit === 'mg' ? l.quantity / 1000 : l.quantity]);
      // A void, or a return of everything, archives the receipt.
      expect(receipt.ArchivedDate !== null, `sale ${id} archived`).toBe(voided.has(id) || lines.length === 0);
      if (receipt.ArchivedDate !== null) continue;
      expect(
        receipt.Transactions.map((t) => [t['PackageLabel'], t['Quantity']]),
        `sale ${id}`,
      ).toEqual(lines);
    }
    expect(voided.size).toBe(simulated.voids);
    expect(metrc.stats.deletes).toBeGreaterThanOrEqual(voided.size);
    // Every follow-up went after its receipt, and all are done.
    expect(outboxRows().every((r) => r.status === 'done')).toBe(true);
  }, 300_000);
});
