import { describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { demoPackageTag } from '../../../../src/main/features/demo/seed';
import { storeCreditBalance } from '../../../../src/main/features/checkout/store-credit';
import { medicalRegistrationLookup } from '../../../../src/main/features/customers/pii';
import { stepsFor } from '../../../../src/shared/domain/quality/sop';
import { verifyAuditChain } from '../../../../src/main/platform/audit/log';
import { until, type StoreRegister } from '../../../support/store-register';
import { useStoreRig } from '../../../support/store-rig';
import { registerAtTheCounter } from '../../../support/register';
import { value } from '../../../support/result';

/**
 * Issue #20: a store's customers are the store's. Registered, changed,
 * merged, given points or credit at one register, a customer is the same at
 * every register — through the store server, which keeps each field sealed
 * with the store's customer key and cannot read it.
 */

const rig = useStoreRig();
const { registers } = rig;

const marisol = {
  customerType: 'medical' as const,
  firstName: 'Marisol',
  lastName: 'Quintero',
  dateOfBirth: '1981-05-17',
  medicalRegistration: 'CA-MMIC-5550123',
  medicalExpiry: '2027-10-31',
};

async function twoRegisters(): Promise<[StoreRegister, StoreRegister]> {
  await rig.startStore({ state: 'CA', timeZone: 'America/Los_Angeles', reads: (url) => url });
  for (const [i, keyByte] of [71, 72].entries()) await rig.register({ name: `Register ${i + 1}`, keyByte });
  for (const r of registers) r.sync.start();
  return registers as [StoreRegister, StoreRegister];
}

const found = async (r: StoreRegister, text: string) => value(await r.core.send('customer-search', { text })).items;
const points = async (r: StoreRegister, customerId: string) => value(await r.core.send('customer-loyalty', { customerId })).balance;
const contact = async (r: StoreRegister, customerId: string) => {
  const { phone, email } = value(await r.core.send('customer-profile', { customerId }));
  return { phone, email };
};

async function sellTo(r: StoreRegister, customerId: string, tenders: unknown[] = [{ tender: 'cash', tenderedCents: 100_000 }]): Promise<string> {
  const { cartId } = value(await r.core.send('cart-open', {}));
  value(await r.core.send('cart-scan', { cartId, code: demoPackageTag(1), quantity: 1 }));
  value(await r.core.send('cart-attach-customer', { cartId, customerId }));
  const id = { idNumber: 'Q5550123', firstName: 'Marisol', lastName: 'Quintero', dateOfBirth: '1981-05-17', expiry: '2030-05-17', issuer: 'CA' };
  value(await r.core.send('customer-check-in', { cartId, saleType: 'adult', method: 'manual', customerId, id }));
  return value(await r.core.send('sale-complete', { cartId, tenders: tenders as never })).saleId;
}

describe('a customer registered at one register', () => {
  it('is found at every register with their card, contact details and balances; the store server holds none of it readable', async () => {
    const [one, two] = await twoRegisters();
    const { customerId } = value(await one.core.send('customer-create', marisol));
    value(await one.core.send('customer-contact-set', { customerId, phone: '(415) 555-0134', email: 'marisol@example.com' }));
    await sellTo(one, customerId);
    const earned = await points(one, customerId);
    expect(earned).toBeGreaterThan(0);

    await until(async () => (await found(two, 'quint')).length === 1 && (await points(two, customerId)) === earned, 5_000);
    expect((await found(two, 'Marisol'))[0]).toMatchObject({ customerId, firstName: 'Marisol', lastName: 'Quintero', dateOfBirth: '1981-05-17' });
    expect(await contact(two, customerId)).toEqual(await contact(one, customerId));
    // Sealed with register 2's own keys, and found by its card number through register 2's own blind index.
    const row = (r: StoreRegister) =>
      r.database.sqlite.prepare('SELECT first_name AS f, medical_registration_lookup AS l FROM customers WHERE id = ?').get(customerId) as {
        f: string;
        l: string;
      };
    expect(row(two).l).toBe(medicalRegistrationLookup(two.keys, marisol.medicalRegistration));
    expect(row(two).f).not.toBe(row(one).f);
    expect(row(two).f).not.toContain('Marisol');
    const held = JSON.stringify((await storeDb().execute(sql`SELECT fields FROM store_customers WHERE id = ${customerId}`)).rows);
    for (const secret of ['Marisol', 'Quintero', '1981-05-17', 'CA-MMIC-5550123', '555-0134', 'marisol@']) expect(held).not.toContain(secret);

    // Credit given at register 2 (a quality resolution) is spent at register 1; both balances agree after each.
    const incident = value(
      await two.core.send('qa-incident-open', {
        category: 'hardware_failure',
        customerWords: 'The cart stopped working.',
        packageTag: demoPackageTag(1),
        customerId,
      }),
    );
    for (const { step } of stepsFor('hardware_failure')) value(await two.core.send('qa-incident-step', { incidentId: incident.incidentId, step }));
    value(await two.core.send('qa-incident-resolve', { incidentId: incident.incidentId, resolution: 'credit', creditCents: 1_500, note: 'Goodwill' }));
    await until(() => storeCreditBalance(one.database.db, customerId) === 1_500, 5_000);
    await sellTo(one, customerId, [
      { tender: 'store_credit', amountCents: 1_500 },
      { tender: 'cash', tenderedCents: 100_000 },
    ]);
    await until(() => storeCreditBalance(two.database.db, customerId) === 0, 5_000);
    await until(async () => (await points(two, customerId)) === (await points(one, customerId)), 5_000);

    // Nothing went round in circles: once quiet, neither register owes the store anything, and each row reached it once.
    await until(() => registers.every((r) => pendingForStore(r) === 0), 5_000);
    const count = async (query: ReturnType<typeof sql>) => ((await storeDb().execute(query)).rows[0] as { n: number }).n;
    expect(await count(sql`SELECT count(*)::int AS n FROM store_credits WHERE customer_id = ${customerId}`)).toBe(2);
    const ledgerRows = (r: StoreRegister) =>
      (r.database.sqlite.prepare('SELECT count(*) AS n FROM loyalty_ledger WHERE customer_id = ?').get(customerId) as { n: number }).n;
    expect(ledgerRows(one)).toBe(ledgerRows(two));
    expect(await count(sql`SELECT count(*)::int AS n FROM store_loyalty WHERE customer_id = ${customerId}`)).toBe(ledgerRows(one));
  });
});

describe('a customer changed at two registers at once', () => {
  it('keeps both changes everywhere: the store takes a record field by field', async () => {
    const [one, two] = await twoRegisters();
    const { customerId } = value(await one.core.send('customer-create', { ...marisol }));
    await until(async () => (await found(two, 'Quintero')).length === 1, 5_000);

    // Both registers cut off from the store, each changes a different field; then both reconnect.
    for (const r of registers) await r.sync.stop();
    value(await one.core.send('customer-contact-set', { customerId, phone: '(415) 555-0177' }));
    value(await two.core.send('customer-contact-set', { customerId, email: 'mq@example.com' }));
    for (const r of registers) r.sync.start();

    const both = { phone: expect.stringContaining('0177'), email: expect.stringContaining('example.com') };
    await until(async () => (await contact(one, customerId)).email !== null && (await contact(two, customerId)).phone !== null, 5_000);
    expect(await contact(one, customerId)).toEqual(both);
    expect(await contact(two, customerId)).toEqual(both);
    // And the phone found at register 2 is the one register 1 typed (its blind index made with register 2's keys).
    expect(value(await two.core.send('customer-find-by-contact', { contact: '415-555-0177' })).items.map((c) => c.customerId)).toEqual([customerId]);
  });
});

describe('a duplicate merged at one register', () => {
  it('is merged at every register: its points move to the record kept, it leaves search, and each audit chain still verifies', async () => {
    const [one, two] = await twoRegisters();
    const kept = value(await one.core.send('customer-create', marisol)).customerId;
    const duplicate = value(await two.core.send('customer-create', marisol)).customerId;
    await sellTo(two, duplicate);
    const duplicatePoints = await points(two, duplicate);
    await until(async () => (await found(one, 'Quintero')).length === 2 && (await found(two, 'Quintero')).length === 2, 5_000);
    await until(async () => (await points(one, duplicate)) === duplicatePoints, 5_000);

    value(await one.core.send('customer-merge', { keepId: kept, mergeId: duplicate, reason: 'Registered at both registers' }));
    await until(async () => (await found(two, 'Quintero')).length === 1, 5_000);
    expect((await found(two, 'Quintero')).map((c) => c.customerId)).toEqual([kept]);
    expect(await points(two, kept)).toBe(duplicatePoints);
    expect(two.database.sqlite.prepare('SELECT customer_id AS c FROM sales').all()).not.toContainEqual({ c: duplicate });
    for (const r of registers) expect(verifyAuditChain(r.database.db), r.name).toMatchObject({ ok: true });
  });
});

describe('store credit spent at two registers at the same moment', () => {
  it('is spent once: the second register is refused with what the store can spend, and no balance goes below nothing', async () => {
    const [one, two] = await twoRegisters();
    const { customerId } = value(await one.core.send('customer-create', marisol));
    const incident = value(
      await one.core.send('qa-incident-open', { category: 'hardware_failure', customerWords: 'It leaked.', packageTag: demoPackageTag(1), customerId }),
    );
    for (const { step } of stepsFor('hardware_failure')) value(await one.core.send('qa-incident-step', { incidentId: incident.incidentId, step }));
    value(await one.core.send('qa-incident-resolve', { incidentId: incident.incidentId, resolution: 'credit', creditCents: 2_000, note: 'Goodwill' }));
    await until(() => storeCreditBalance(two.database.db, customerId) === 2_000, 5_000);

    // Both carts ready, both paid with the whole credit at once.
    const ready = async (r: StoreRegister) => {
      const { cartId } = value(await r.core.send('cart-open', {}));
      value(await r.core.send('cart-scan', { cartId, code: demoPackageTag(1), quantity: 1 }));
      value(await r.core.send('cart-attach-customer', { cartId, customerId }));
      const id = { idNumber: 'Q5550123', firstName: 'Marisol', lastName: 'Quintero', dateOfBirth: '1981-05-17', expiry: '2030-05-17', issuer: 'CA' };
      value(await r.core.send('customer-check-in', { cartId, saleType: 'adult', method: 'manual', customerId, id }));
      return cartId;
    };
    const carts = [await ready(one), await ready(two)];
    const pay = (r: StoreRegister, cartId: string) =>
      r.core.send('sale-complete', {
        cartId,
        tenders: [
          { tender: 'store_credit', amountCents: 2_000 },
          { tender: 'cash', tenderedCents: 100_000 },
        ],
      });
    const results = await Promise.all([pay(one, carts[0] ?? ''), pay(two, carts[1] ?? '')]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    const refused = results.find((r) => !r.ok);
    expect(refused).toMatchObject({ ok: false, error: { code: 'STORE_BALANCE_SHORT', details: { available: { creditCents: 0 } } } });
    expect(!refused?.ok && refused?.error.message).toContain('only $0.00 of store credit');

    // Spent once, everywhere: nothing below zero at either register or at the store.
    await until(() => registers.every((r) => storeCreditBalance(r.database.db, customerId) === 0), 5_000);
    const atStore = (await storeDb().execute(sql`SELECT coalesce(sum(amount_cents), 0)::int AS n FROM store_credits WHERE customer_id = ${customerId}`))
      .rows[0];
    expect(atStore).toEqual({ n: 0 });
  });
});

describe('a register alone', () => {
  it('queues nothing for a store server: its customers, points and credit stay its own', async () => {
    const counter = await registerAtTheCounter({ role: 'manager', drawerTwenties: 10 });
    try {
      const { customerId } = value(await counter.core.send('customer-create', marisol));
      value(await counter.core.send('customer-contact-set', { customerId, phone: '(415) 555-0134' }));
      const queued = counter.database.sqlite.prepare("SELECT count(*) AS n FROM outbox WHERE destination = 'store'").get();
      expect(queued).toEqual({ n: 0 });
    } finally {
      await counter.dispose();
    }
  });
});

const storeDb = () => rig.store().database.db;

function pendingForStore(r: StoreRegister): number {
  return (
    r.database.sqlite.prepare("SELECT count(*) AS n FROM outbox WHERE destination = 'store' AND status IN ('pending', 'in_flight')").get() as { n: number }
  ).n;
}
