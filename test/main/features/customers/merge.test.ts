import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CUSTOMER_HISTORY_TABLES } from '../../../../src/main/features/customers/merge';
import { demoPackageTag } from '../../../../src/main/features/demo/seed';
import { verifyAuditChain } from '../../../../src/main/platform/audit/log';
import { registerAtTheCounter, type Counter } from '../../../support/register';
import { value } from '../../../support/result';
import { signIn } from '../../../support/session';

/** Issue #22: a manager merges a duplicate customer record; the person's history, limits and points become one. */
let counter: Counter;
beforeEach(async () => {
  counter = await registerAtTheCounter({ role: 'manager', drawerTwenties: 10 });
});
afterEach(() => counter.dispose());

const person = { customerType: 'adult' as const, firstName: 'Dana', lastName: 'Duplicate', dateOfBirth: '1988-08-08' };
const id = { idNumber: 'D8888888', firstName: 'Dana', lastName: 'Duplicate', dateOfBirth: '1988-08-08', expiry: '2030-08-08', issuer: 'CA' };

async function sellFlowerTo(customerId: string, quantity: number): Promise<string> {
  const { core } = counter;
  const { cartId } = value(await core.send('cart-open', {}));
  value(await core.send('cart-scan', { cartId, code: demoPackageTag(1), quantity })); // 3.5 g each
  value(await core.send('cart-attach-customer', { cartId, customerId }));
  value(await core.send('customer-check-in', { cartId, saleType: 'adult', method: 'manual', customerId, id }));
  return value(await core.send('sale-complete', { cartId, tenders: [{ tender: 'cash', tenderedCents: 100_000 }] })).saleId;
}

describe('merging duplicate customer records', () => {
  it("moves the duplicate's sales, limits and points to the record kept; search finds one; the audit chain still verifies", async () => {
    const { core, database } = counter;
    const kept = value(await core.send('customer-create', person)).customerId;
    const duplicate = value(await core.send('customer-create', person)).customerId;
    await sellFlowerTo(kept, 2);
    const duplicateSale = await sellFlowerTo(duplicate, 3);
    const pointsBefore = [kept, duplicate].map(async (customerId) => value(await core.send('customer-loyalty', { customerId })).balance);
    const [keptPoints, duplicatePoints] = await Promise.all(pointsBefore);

    const merged = value(await core.send('customer-merge', { keepId: kept, mergeId: duplicate, reason: 'Same person, registered twice' }));
    expect(merged.moved).toMatchObject({ sales: 1, limit_ledger: 1, loyalty_ledger: 1, id_verifications: 1 });

    expect(database.sqlite.prepare('SELECT customer_id AS c FROM sales WHERE id = ?').get(duplicateSale)).toEqual({ c: kept });
    expect(value(await core.send('customer-loyalty', { customerId: kept })).balance).toBe((keptPoints ?? 0) + (duplicatePoints ?? 0));
    // One record answers the search; the duplicate cannot be put on a cart any more.
    expect(value(await core.send('customer-search', { text: 'Duplicate' })).items.map((c) => c.customerId)).toEqual([kept]);
    const { cartId } = value(await core.send('cart-open', {}));
    expect(await core.send('cart-attach-customer', { cartId, customerId: duplicate })).toMatchObject({ ok: false, error: { code: 'CUSTOMER_MERGED' } });
    // The moved sale was sealed again as it now stands; the merge is in the log with ids and counts, no names.
    expect(verifyAuditChain(database.db)).toMatchObject({ ok: true });
    const entry = database.sqlite.prepare("SELECT entity_id AS e, after FROM audit_log WHERE action = 'customer.merge'").get() as { e: string; after: string };
    expect(entry.e).toBe(kept);
    expect(entry.after).not.toContain('Dana');
  });

  it("still counts both records' purchases against the person's limit after the merge", async () => {
    const { core } = counter;
    const kept = value(await core.send('customer-create', person)).customerId;
    const duplicate = value(await core.send('customer-create', person)).customerId;
    await sellFlowerTo(duplicate, 7); // 7 × 3.5 g = 24.5 g of the 28.5 g a day
    value(await core.send('customer-merge', { keepId: kept, mergeId: duplicate, reason: 'Same person' }));
    await expect(sellFlowerTo(kept, 2)).rejects.toThrow(/COMPLIANCE_BLOCKED/);
  });

  it('refuses two people, two kinds of record, a record merged already, and a budtender', async () => {
    const { core } = counter;
    const kept = value(await core.send('customer-create', person)).customerId;
    const other = value(await core.send('customer-create', { ...person, dateOfBirth: '1990-01-01' })).customerId;
    expect(await core.send('customer-merge', { keepId: kept, mergeId: other, reason: 'x' })).toMatchObject({
      ok: false,
      error: { code: 'CUSTOMER_MERGE_DIFFERENT_PEOPLE' },
    });
    const duplicate = value(await core.send('customer-create', person)).customerId;
    value(await core.send('customer-merge', { keepId: kept, mergeId: duplicate, reason: 'x' }));
    expect(await core.send('customer-merge', { keepId: kept, mergeId: duplicate, reason: 'x' })).toMatchObject({
      ok: false,
      error: { code: 'CUSTOMER_MERGED' },
    });
    expect(await core.send('customer-merge', { keepId: kept, mergeId: kept, reason: 'x' })).toMatchObject({
      ok: false,
      error: { code: 'CUSTOMER_MERGE_SAME' },
    });
    await signIn(core, 'budtender');
    const third = value(await core.send('customer-create', person)).customerId;
    expect(await core.send('customer-merge', { keepId: kept, mergeId: third, reason: 'x' })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });

  it('names every table that keeps a customer id (a new one must join the merge)', () => {
    const tables = (counter.database.sqlite.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as Array<{ name: string }>)
      .map((t) => t.name)
      .filter((name) =>
        (counter.database.sqlite.prepare(`PRAGMA table_info("${name}")`).all() as Array<{ name: string }>).some((c) => c.name === 'customer_id'),
      );
    // The blind index of names is removed for the duplicate, not moved.
    expect(tables.filter((t) => t !== 'customer_name_tokens').sort()).toEqual([...CUSTOMER_HISTORY_TABLES].sort());
  });
});
