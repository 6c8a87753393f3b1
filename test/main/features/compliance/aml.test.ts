import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { raiseAmlFlags } from '../../../../src/main/features/compliance/aml';
import { raiseOutOfStateFlag } from '../../../../src/main/features/compliance/out-of-state';
import { createCore, type Core } from '../../../../src/main/core/create-core';
import { writeTransaction } from '../../../../src/main/platform/db/transaction';
import { DEMO_STORE_ID, DEMO_TERMINAL_ID } from '../../../../src/main/features/demo/seed';
import { signIn } from '../../../support/session';
import { openTempDatabase, testPiiKeys, type TempDatabase } from '../../../support/temp-db';

let database: TempDatabase;
let core: Core;
let serial = 0;
beforeEach(() => {
  database = openTempDatabase({ demo: true });
  core = createCore({ piiKeys: testPiiKeys, database, now: () => new Date('2026-11-24T23:00:00Z') });
  serial = 0;
});
afterEach(() => database.dispose());

/** A completed cash sale for a customer at a time, as the sale transaction would have written it. */
function cashSale(customerId: string | null, cents: number, at: string, terminal = DEMO_TERMINAL_ID, staff = 'staff-demo-budtender'): string {
  serial += 1;
  const id = `aml-sale-${serial}`;
  if (terminal !== DEMO_TERMINAL_ID)
    database.sqlite
      .prepare("INSERT OR IGNORE INTO terminals (id, store_id, name, sale_number_prefix) VALUES (?, ?, 'Counter 2', 'C2')")
      .run(terminal, DEMO_STORE_ID);
  database.sqlite
    .prepare(
      "INSERT INTO sales (id, store_id, terminal_id, sale_number, staff_id, customer_id, customer_type, status, subtotal_cents, discount_cents, tax_cents, total_cents, completed_at, made_offline) VALUES (?, ?, ?, ?, ?, ?, 'adult', 'completed', ?, 0, 0, ?, ?, 0)",
    )
    .run(id, DEMO_STORE_ID, terminal, `X-${serial}`, staff, customerId, cents, cents, Date.parse(at));
  database.sqlite
    .prepare(
      "INSERT INTO payments (id, sale_id, direction, tender, amount_cents, tendered_cents, change_cents, created_at) VALUES (?, ?, 'payment', 'cash', ?, ?, 0, ?)",
    )
    .run(`${id}-p`, id, cents, cents, Date.parse(at));
  return id;
}
const flagsAfter = (saleId: string, customerId: string | null, at: string, cashCents = 1) =>
  writeTransaction(database.db, (tx) =>
    raiseAmlFlags(tx, { storeId: DEMO_STORE_ID, saleId, customerId, timeZone: 'America/Los_Angeles', at: new Date(at), cashCents }),
  );

describe('anti-money-laundering flags', () => {
  it('are looked for only when the sale takes cash: a card-only sale cannot cross a cash threshold (issue #18)', () => {
    // Cash past $10,000 already on the books without its flag (written behind the register's back): only a sale that
    // adds cash looks at the day's cash, so the card-only one raises nothing and the next cash sale raises the flag.
    cashSale('customer-demo-adult', 600_000, '2026-11-24T17:00:00Z');
    cashSale('customer-demo-adult', 500_000, '2026-11-24T18:00:00Z');
    expect(flagsAfter('card-only', 'customer-demo-adult', '2026-11-24T19:00:00Z', 0)).toEqual([]);
    const cash = cashSale('customer-demo-adult', 100, '2026-11-24T20:00:00Z');
    expect(flagsAfter(cash, 'customer-demo-adult', '2026-11-24T20:00:00Z', 100)).toEqual(['cash_over_10000']);
  });

  it('flags a customer whose cash for the business day passes $10,000, once', () => {
    cashSale('customer-demo-adult', 600_000, '2026-11-24T18:00:00Z');
    const second = cashSale('customer-demo-adult', 450_000, '2026-11-24T22:00:00Z');
    expect(flagsAfter(second, 'customer-demo-adult', '2026-11-24T22:00:00Z')).toContain('cash_over_10000');
    const third = cashSale('customer-demo-adult', 100_000, '2026-11-24T23:00:00Z');
    expect(flagsAfter(third, 'customer-demo-adult', '2026-11-24T23:00:00Z')).not.toContain('cash_over_10000');
  });

  it('does not add up across store-local days', () => {
    cashSale('customer-demo-adult', 600_000, '2026-11-24T07:00:00Z'); // 23:00 on the 23rd in Los Angeles
    const next = cashSale('customer-demo-adult', 600_000, '2026-11-24T18:00:00Z');
    expect(flagsAfter(next, 'customer-demo-adult', '2026-11-24T18:00:00Z')).toEqual([]);
  });

  it('flags several cash sales just under the threshold (structuring)', () => {
    cashSale('customer-demo-adult', 950_000, '2026-11-24T18:00:00Z');
    const second = cashSale('customer-demo-adult', 900_000, '2026-11-24T19:00:00Z');
    expect(flagsAfter(second, 'customer-demo-adult', '2026-11-24T19:00:00Z')).toEqual(expect.arrayContaining(['possible_structuring', 'cash_over_10000']));
  });

  it('flags cash sales split across terminals and budtenders', () => {
    cashSale('customer-demo-adult', 200_000, '2026-11-24T18:00:00Z');
    cashSale('customer-demo-adult', 200_000, '2026-11-24T19:00:00Z', 'terminal-2', 'staff-demo-manager');
    const third = cashSale('customer-demo-adult', 200_000, '2026-11-24T20:00:00Z');
    expect(flagsAfter(third, 'customer-demo-adult', '2026-11-24T20:00:00Z')).toEqual(['possible_structuring']);
  });

  it('goes to the compliance officer’s queue, who records a review; budtenders cannot see it', async () => {
    cashSale('customer-demo-adult', 600_000, '2026-11-24T18:00:00Z');
    flagsAfter(cashSale('customer-demo-adult', 600_000, '2026-11-24T19:00:00Z'), 'customer-demo-adult', '2026-11-24T19:00:00Z');
    await signIn(core, 'budtender');
    expect(await core.send('compliance-flags-list', {})).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    await signIn(core, 'compliance_officer');
    const list = await core.send('compliance-flags-list', {});
    expect(list.ok && list.value.items.map((f) => f.kind)).toEqual(['cash_over_10000']);
    const flagId = list.ok ? (list.value.items[0]?.id ?? '') : '';
    expect(await core.send('compliance-flag-resolve', { flagId, resolution: 'Form 8300 filed with the buyer data captured at the counter' })).toEqual({
      ok: true,
      value: { flagId },
    });
    expect(await core.send('compliance-flags-list', {})).toMatchObject({ ok: true, value: { items: [] } });
  });
});

describe('out-of-state customers (FIN-2014-G001 red flag)', () => {
  const check = (n: number, issuer: string, at: string) =>
    database.sqlite
      .prepare(
        "INSERT INTO id_verifications (id, store_id, sale_type, method, verified_by, outcome, issuer, verified_at) VALUES (?, ?, 'adult_use', 'scanned', 'staff-demo-budtender', 'accepted', ?, ?)",
      )
      .run(`idv-${issuer}-${n}-${at}`, DEMO_STORE_ID, issuer, Date.parse(at));
  const raise = (at: string) =>
    writeTransaction(database.db, (tx) =>
      raiseOutOfStateFlag(tx, { storeId: DEMO_STORE_ID, saleId: 'sale-x', timeZone: 'America/Los_Angeles', at: new Date(at) }),
    );

  it('flags the store day once more than half of 20+ accepted IDs are from other states, never before', () => {
    for (let i = 0; i < 10; i += 1) check(i, 'CA', '2026-11-24T18:00:00Z');
    for (let i = 0; i < 10; i += 1) check(i, 'NV', '2026-11-24T18:30:00Z');
    expect(raise('2026-11-24T19:00:00Z')).toBe(false); // exactly half is not "over half"
    check(99, 'AZ', '2026-11-24T19:10:00Z');
    expect(raise('2026-11-24T19:15:00Z')).toBe(true);
    expect(raise('2026-11-24T19:20:00Z')).toBe(false); // once a day
    expect(database.sqlite.prepare("SELECT details FROM compliance_flags WHERE kind = 'out_of_state_customers'").all()).toEqual([
      { details: JSON.stringify({ checks: 21, outOfState: 11 }) },
    ]);
  });

  it('counts a store day by its own bounds in a zone a quarter hour off the hour, from the tallies', () => {
    // Kathmandu is UTC+5:45: its day starts at 18:15 UTC, so a check at 18:14 belongs to the day before.
    database.sqlite.prepare("UPDATE stores SET time_zone = 'Asia/Kathmandu' WHERE id = ?").run(DEMO_STORE_ID);
    for (let i = 0; i < 30; i += 1) check(i, 'NV', '2026-11-24T18:14:59Z');
    for (let i = 0; i < 19; i += 1) check(i, 'NV', '2026-11-24T18:15:00Z');
    check(99, 'CA', '2026-11-24T18:20:00Z');
    const raiseIn = (at: string) =>
      writeTransaction(database.db, (tx) =>
        raiseOutOfStateFlag(tx, { storeId: DEMO_STORE_ID, saleId: 'sale-x', timeZone: 'Asia/Kathmandu', at: new Date(at) }),
      );
    expect(raiseIn('2026-11-24T19:00:00Z')).toBe(true); // 20 checks that day, 19 out of state
    expect(database.sqlite.prepare("SELECT details FROM compliance_flags WHERE kind = 'out_of_state_customers'").all()).toEqual([
      { details: JSON.stringify({ checks: 20, outOfState: 19 }) },
    ]);
  });

  it('keeps the quarter-hour tallies equal to the checks under any inserts, changes and removals', () => {
    const seeded = (seed: number) => () => {
      seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
      return seed / 2_147_483_648;
    };
    const random = seeded(7);
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)] as T;
    const issuers = ['CA', 'ca', 'NV', null] as const;
    const base = Date.parse('2026-11-24T00:00:00Z');
    const ids: string[] = [];
    for (let step = 0; step < 400; step += 1) {
      const at = base + Math.floor(random() * 3 * 86_400_000);
      const action = ids.length === 0 ? 0 : Math.floor(random() * 4);
      if (action <= 1) {
        const id = `idv-p-${step}`;
        database.sqlite
          .prepare(
            "INSERT INTO id_verifications (id, store_id, sale_type, method, verified_by, outcome, issuer, verified_at) VALUES (?, ?, 'adult_use', 'scanned', 'staff-demo-budtender', ?, ?, ?)",
          )
          .run(id, DEMO_STORE_ID, pick(['accepted', 'accepted', 'refused']), pick(issuers), at);
        ids.push(id);
      } else if (action === 2) {
        database.sqlite
          .prepare('UPDATE id_verifications SET outcome = ?, issuer = ?, verified_at = ? WHERE id = ?')
          .run(pick(['accepted', 'refused']), pick(issuers), at, pick(ids));
      } else {
        const id = ids.splice(Math.floor(random() * ids.length), 1)[0];
        database.sqlite.prepare('DELETE FROM id_verifications WHERE id = ?').run(id);
      }
    }
    const counted = database.sqlite
      .prepare(
        "SELECT verified_at / 900000 AS quarterHour, count(*) AS checks, sum(CASE WHEN issuer IS NOT NULL AND upper(issuer) <> 'CA' THEN 1 ELSE 0 END) AS outOfState FROM id_verifications WHERE outcome = 'accepted' GROUP BY 1 ORDER BY 1",
      )
      .all();
    const tallied = database.sqlite
      .prepare('SELECT quarter_hour AS quarterHour, checks, out_of_state AS outOfState FROM id_check_tallies WHERE checks > 0 ORDER BY 1')
      .all();
    expect(counted.length).toBeGreaterThan(50);
    expect(tallied).toEqual(counted);
  });

  it('does not count a few out-of-state visitors on a quiet day', () => {
    for (let i = 0; i < 5; i += 1) check(i, 'OR', '2026-11-24T18:00:00Z');
    expect(raise('2026-11-24T19:00:00Z')).toBe(false);
  });
});
