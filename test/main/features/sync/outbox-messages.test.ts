import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { demoPackageTag } from '../../../../src/main/features/demo/seed';
import { outboxMessages, parseOutboxMessage, type OutboxKind } from '../../../../src/main/features/sync/outbox-messages';
import { startFakeMetrc } from '../../../support/fake-metrc';
import { testMetrcCredentials, testMetrcDispatcher } from '../../../support/metrc-lane';
import { registerAtTheCounter, type Counter } from '../../../support/register';
import { value } from '../../../support/result';

/** Issue #14: outbox payloads are one schema per kind, parsed — not cast — when a lane picks them up. */
let counter: Counter;
beforeEach(async () => {
  counter = await registerAtTheCounter({ drawerTwenties: 10 });
});
afterEach(() => counter.dispose());

async function sale(tag: string): Promise<string> {
  const { core } = counter;
  const { cartId } = value(await core.send('cart-open', {}));
  value(await core.send('cart-scan', { cartId, code: tag, quantity: 2 }));
  value(
    await core.send('customer-check-in', {
      cartId,
      saleType: 'adult',
      method: 'manual',
      id: { idNumber: `D${tag.slice(-5)}`, firstName: 'Ana', lastName: 'Ruiz', dateOfBirth: '1990-01-01', expiry: '2031-01-01', issuer: 'CA' },
    }),
  );
  return value(await core.send('sale-complete', { cartId, tenders: [{ tender: 'cash', tenderedCents: 100_000 }] })).saleId;
}
const rows = () =>
  counter.database.sqlite.prepare('SELECT id, kind, payload, status, last_error AS error FROM outbox ORDER BY id').all() as Array<{
    id: number;
    kind: string;
    payload: string;
    status: string;
    error: string | null;
  }>;

describe('outbox messages', () => {
  it('reads back every message the sale, void, return and destruction code writes, by its kind’s schema', async () => {
    const { core } = counter;
    const voided = await sale(demoPackageTag(2));
    value(await core.send('sale-void', { saleId: voided, reason: 'rung twice' }));
    const returned = await sale(demoPackageTag(5));
    const line = counter.database.sqlite.prepare('SELECT id FROM sale_lines WHERE sale_id = ?').get(returned) as { id: string };
    value(await core.send('sale-return', { saleId: returned, lines: [{ saleLineId: line.id, quantity: 1 }], reason: 'damaged', disposition: 'destruction' }));
    const kinds = new Set<string>();
    for (const row of rows()) {
      expect(Object.keys(outboxMessages)).toContain(row.kind);
      expect(parseOutboxMessage(row.kind as OutboxKind, JSON.parse(row.payload)), `${row.kind} #${row.id}`).toMatchObject({ ok: true });
      kinds.add(row.kind);
    }
    expect([...kinds].sort()).toEqual(['inventory.adjust', 'package.adjust', 'receipt.create', 'receipt.return', 'receipt.void']);
  });

  it('parks a damaged message with words for the Sync screen, and the rest of the lane is delivered', async () => {
    const damaged = await sale(demoPackageTag(2));
    await sale(demoPackageTag(5));
    counter.database.sqlite
      .prepare("UPDATE outbox SET payload = json_set(payload, '$.lines', 'not lines') WHERE kind = 'receipt.create' AND aggregate_id = ?")
      .run(damaged);
    const metrc = await startFakeMetrc(testMetrcCredentials);
    try {
      await testMetrcDispatcher(counter.database.db, metrc.url).drain('metrc', 10_000);
      const receipts = rows().filter((r) => r.kind === 'receipt.create');
      expect(receipts.map((r) => r.status)).toEqual(['dead', 'done']);
      expect(receipts[0]?.error).toContain('This queued receipt.create message is damaged or from an unknown version (lines:');
      expect(metrc.receipts()).toHaveLength(1);
    } finally {
      await metrc.close();
    }
  });
});
