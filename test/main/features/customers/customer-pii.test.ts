import { existsSync, readFileSync, statSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sealLegacyCustomers } from '../../../../src/main/features/customers/customer-records';
import { purgeAdultUseIdData } from '../../../../src/main/features/check-in/id-verification';
import { signIn } from '../../../support/session';
import { testPiiKeys } from '../../../support/temp-db';
import { registerAtTheCounter, type Counter } from '../../../support/register';

/** Issue #16, finding 6: names, birth dates and retained ID data are sealed; files are owner-only; purges reach the disk. */
let counter: Counter;
let database: Counter['database'];
let core: Counter['core'];
beforeEach(async () => {
  counter = await registerAtTheCounter();
  ({ database, core } = counter);
});
afterEach(() => counter.dispose());

const onDisk = () =>
  [database.path, `${database.path}-wal`]
    .filter(existsSync)
    .map((p) => readFileSync(p).toString('latin1'))
    .join('');

describe('customer PII at rest', () => {
  it('creates the database and its WAL owner-only (0600)', () => {
    expect(statSync(database.path).mode & 0o777).toBe(0o600);
    expect(statSync(`${database.path}-wal`).mode & 0o777).toBe(0o600);
  });

  it('still finds a sealed customer by the first letters of either name, case and accents as typed', async () => {
    await core.send('customer-create', { customerType: 'adult', firstName: 'Zoë', lastName: 'Quintero', dateOfBirth: '1988-08-08' });
    for (const text of ['quin', 'QUINTERO', 'Zo', 'zoë']) {
      const found = await core.send('customer-search', { text });
      expect(found.ok && found.value.items.map((c) => `${c.firstName} ${c.lastName} ${c.dateOfBirth}`)).toEqual(['Zoë Quintero 1988-08-08']);
    }
    expect(await core.send('customer-search', { text: 'Quintera' })).toMatchObject({ ok: true, value: { items: [] } });
  });

  it('seals and indexes customers an older build wrote in clear', async () => {
    database.sqlite
      .prepare(
        "INSERT INTO customers (id, store_id, customer_type, first_name, last_name, date_of_birth, resident, groups, created_at) VALUES ('legacy-1', 'store-demo-oakland', 'adult', 'Olive', 'Legacy', '1970-07-07', 1, '[]', 0)",
      )
      .run();
    expect(sealLegacyCustomers(database.db, testPiiKeys)).toEqual({ sealed: 1 });
    expect(sealLegacyCustomers(database.db, testPiiKeys)).toEqual({ sealed: 0 });
    expect(database.sqlite.prepare("SELECT first_name AS f, date_of_birth AS d FROM customers WHERE id = 'legacy-1'").get()).toEqual({
      f: expect.stringMatching(/^v1:/),
      d: expect.stringMatching(/^v1:/),
    });
    expect(await core.send('customer-search', { text: 'Leg' })).toMatchObject({
      ok: true,
      value: { items: [{ customerId: 'legacy-1', firstName: 'Olive', dateOfBirth: '1970-07-07' }] },
    });
  });

  it('seals retained ID data, and a purge leaves nothing of it in the database or its WAL', async () => {
    await signIn(core, 'compliance_officer');
    expect(await core.send('id-retention-set', { policy: { retain: 'days', days: 1 } })).toMatchObject({ ok: true });
    await signIn(core, 'manager');
    await core.send('drawer-open', { count: { '2000': 5 } });
    const cart = await core.send('cart-open', {});
    const cartId = cart.ok ? cart.value.cartId : '';
    await core.send('customer-check-in', {
      cartId,
      saleType: 'adult',
      method: 'manual',
      id: { idNumber: 'D7777777', firstName: 'Ana', lastName: 'Ruiz', dateOfBirth: '1991-03-14', expiry: '2033-09-19', issuer: 'CA' },
    });
    const kept = database.sqlite.prepare('SELECT id_number_sealed AS n, date_of_birth AS d, document_expiry AS e FROM id_verifications').get() as {
      n: string;
      d: string;
      e: string;
    };
    expect([kept.n, kept.d, kept.e].every((v) => v.startsWith('v1:'))).toBe(true);
    expect(onDisk().includes('1991-03-14'), 'birth date in clear on disk').toBe(false);
    expect(purgeAdultUseIdData(database.db, new Date('2026-11-27T18:00:00Z'))).toEqual({ purged: 1 });
    const disk = onDisk();
    for (const [field, sealed] of [
      ['number', kept.n],
      ['birth date', kept.d],
      ['expiry', kept.e],
    ] as const)
      expect(disk.includes(sealed), `purged ${field} still on disk`).toBe(false);
  });
});
