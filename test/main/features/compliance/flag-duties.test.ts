import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../../../src/main/core/create-core';
import { demoPackageTag } from '../../../../src/main/features/demo/seed';
import { signIn } from '../../../support/session';
import { openTempDatabase, testPiiKeys, type TempDatabase } from '../../../support/temp-db';
import { value } from '../../../support/result';

/** Issue #16, finding 14: nobody settles a compliance flag on a sale they rang, voided or approved. */
let database: TempDatabase;
let core: Core;
beforeEach(() => {
  database = openTempDatabase({ demo: true });
  core = createCore({ piiKeys: testPiiKeys, database, now: () => new Date('2026-11-24T18:00:00Z') });
});
afterEach(() => database.dispose());

async function saleRungBy(role: 'admin' | 'manager'): Promise<string> {
  await signIn(core, role);
  await core.send('drawer-open', { count: { '2000': 5 } });
  const { cartId } = value(await core.send('cart-open', {}));
  value(await core.send('cart-scan', { cartId, code: demoPackageTag(2) }));
  value(
    await core.send('customer-check-in', {
      cartId,
      saleType: 'adult',
      method: 'manual',
      id: { idNumber: 'D1', firstName: 'Ana', lastName: 'Ruiz', dateOfBirth: '1990-01-01', expiry: '2031-01-01', issuer: 'CA' },
    }),
  );
  const { saleId } = value(await core.send('sale-complete', { cartId, tenders: [{ tender: 'cash', tenderedCents: 10_000 }] }));
  database.sqlite
    .prepare(
      "INSERT INTO compliance_flags (id, store_id, kind, customer_id, sale_id, business_day, details, citation, created_at) VALUES ('flag-own', 'store-demo-oakland', 'possible_structuring', NULL, ?, '2026-11-24', '{}', 'FinCEN FIN-2014-G001', ?)",
    )
    .run(saleId, Date.now());
  return saleId;
}

describe('compliance flag duties', () => {
  it('refuses the admin who rang the sale, and takes the compliance officer’s review', async () => {
    await saleRungBy('admin');
    expect(await core.send('compliance-flag-resolve', { flagId: 'flag-own', resolution: 'My own sale: fine.' })).toMatchObject({
      ok: false,
      error: { code: 'FLAG_OWN_SALE' },
    });
    await signIn(core, 'compliance_officer');
    value(await core.send('compliance-flag-resolve', { flagId: 'flag-own', resolution: 'Reviewed: three family members paying separately.' }));
    expect(database.sqlite.prepare("SELECT reviewed_by AS by FROM compliance_flags WHERE id = 'flag-own'").get()).toEqual({ by: 'staff-demo-compliance' });
  });

  it('refuses the admin who voided someone else’s sale', async () => {
    const saleId = await saleRungBy('manager');
    await signIn(core, 'admin');
    value(await core.send('sale-void', { saleId, reason: 'rung twice' }));
    expect(await core.send('compliance-flag-resolve', { flagId: 'flag-own', resolution: 'Fine.' })).toMatchObject({
      ok: false,
      error: { code: 'FLAG_OWN_SALE' },
    });
  });
});
