import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { startTestPostgres, type TestPostgres } from '../support/postgres';
import { reserveResponseSchema, storeCommandSchema, type ReserveRequest } from '../../src/shared/contract/store-server';
import type { StoreClient } from '../../src/main/features/store-link/store-client';
import { writeStoreSetting } from '../../src/store-server/features/store-settings';
import { pairedClient, startTestStore } from './support';
import { z } from 'zod';

let pg: TestPostgres;
let store: Awaited<ReturnType<typeof startTestStore>>;
let registers: StoreClient[];

beforeAll(async () => {
  pg = await startTestPostgres();
  store = await startTestStore(pg);
  registers = await Promise.all([1, 2, 3, 4].map((n) => pairedClient(store, `Register ${n}`)));
});
afterAll(async () => {
  for (const r of registers ?? []) r.close();
  await store?.dispose();
  pg?.stop();
});

const gram = (category: 'concentrate' | 'flower', grams: number) => ({ category, netWeightMg: grams * 1000, thcMg: 0, quantity: 1 });

function reserve(register: StoreClient, personKey: string, cart: ReserveRequest['cart'], saleId: string = randomUUID()) {
  const body: ReserveRequest = { saleId, personKey, customerType: 'adult', resident: true, dateOfBirth: '1980-01-01', at: new Date().toISOString(), cart };
  return register.call('POST', '/v1/reservations', body, reserveResponseSchema);
}

const person = () => `person-${randomUUID()}`;

describe('limits held across every register of the store (Colorado: 8 g of concentrate a day)', () => {
  it('the same person hammered from four registers at once: never a gram over', async () => {
    const who = person();
    // 40 one-gram carts, ten from each register, all in flight together.
    const answers = await Promise.all(Array.from({ length: 40 }, (_, i) => reserve(registers[i % 4]!, who, [gram('concentrate', 1)])));
    expect(answers.filter((a) => a.outcome === 'held')).toHaveLength(8);
    const refused = answers.find((a) => a.outcome === 'refused');
    expect(refused?.outcome === 'refused' && refused.violations[0]?.bucket).toBe('concentrate');
  });

  it('a retried reservation holds once', async () => {
    const who = person();
    const saleId = randomUUID();
    for (let i = 0; i < 3; i++) expect((await reserve(registers[0]!, who, [gram('concentrate', 5)], saleId)).outcome).toBe('held');
    // 5 g held once: 3 g more fit, 4 g do not.
    expect((await reserve(registers[1]!, who, [gram('concentrate', 4)])).outcome).toBe('refused');
    expect((await reserve(registers[1]!, who, [gram('concentrate', 3)])).outcome).toBe('held');
  });

  it('a released hold gives its room back; a confirmed sale keeps counting through its ledger rows', async () => {
    const who = person();
    const abandoned = randomUUID();
    expect((await reserve(registers[0]!, who, [gram('concentrate', 6)], abandoned)).outcome).toBe('held');
    await registers[0]!.call('POST', '/v1/reservations/release', { saleId: abandoned }, z.object({ released: z.boolean() }));
    const sold = randomUUID();
    expect((await reserve(registers[2]!, who, [gram('concentrate', 6)], sold)).outcome).toBe('held');
    const now = new Date();
    const command = storeCommandSchema.parse({
      type: 'sale.recorded',
      key: `sale:${sold}`,
      saleId: `sale-of-${sold}`,
      reservationKey: sold,
      at: now.toISOString(),
      businessDay: '2026-12-07',
      totalCents: 6000,
      configVersion: 1,
      isolated: false,
      personKey: who,
      customerType: 'adult',
      resident: true,
      ledger: [
        {
          lineId: 'l1',
          kind: 'sale',
          at: now.toISOString(),
          businessDay: todayInDenver(now),
          category: 'concentrate',
          netWeightMg: 6000,
          thcMg: 0,
          quantity: 1,
        },
      ],
      stock: [{ key: `${sold}:l1`, packageLabel: '1A4000000000000000000001', delta: -1, reason: 'sale' }],
    });
    const applied = z.object({ applied: z.boolean(), incidents: z.number() });
    expect((await registers[2]!.call('POST', '/v1/commands', command, applied)).applied).toBe(true);
    expect((await registers[2]!.call('POST', '/v1/commands', command, applied)).applied).toBe(false);
    expect((await reserve(registers[3]!, who, [gram('concentrate', 3)])).outcome).toBe('refused');
    expect((await reserve(registers[3]!, who, [gram('concentrate', 2)])).outcome).toBe('held');
    const stock = await store.database.db.execute(
      sql`SELECT sum(delta)::int AS moved, count(*)::int AS n FROM stock_moves WHERE package_label = '1A4000000000000000000001'`,
    );
    expect(stock.rows[0]).toEqual({ moved: -1, n: 1 });
  });

  it('holds back the offline allowance for every person while a register is isolated', async () => {
    await writeStoreSetting(
      store.database.db,
      'isolation_policy',
      { adult: { mode: 'allowance', allowance: { concentrate: 2000 } }, medical: { mode: 'refuse' }, caregiver: { mode: 'refuse' } },
      new Date(),
    );
    try {
      // Register 4 was last heard from a minute ago: isolated.
      await store.database.db.execute(sql`UPDATE terminals SET last_seen_at = now() - interval '1 minute' WHERE id = ${registers[3]!.link.terminalId}`);
      const who = person();
      expect((await reserve(registers[0]!, who, [gram('concentrate', 7)])).outcome).toBe('refused');
      expect((await reserve(registers[0]!, who, [gram('concentrate', 6)])).outcome).toBe('held');
    } finally {
      await writeStoreSetting(
        store.database.db,
        'isolation_policy',
        { adult: { mode: 'refuse' }, medical: { mode: 'refuse' }, caregiver: { mode: 'refuse' } },
        new Date(),
      );
    }
  });
});

function todayInDenver(now: Date): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'America/Denver' }).format(now);
}
