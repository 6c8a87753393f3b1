import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEMO_STORE_ID, DEMO_TERMINAL_ID } from '../../../src/main/demo/seed';
import { recordDeposit, type DepositInput } from '../../../src/main/drawer/deposit';
import { openTempDatabase, type TempDatabase } from '../../support/temp-db';

let database: TempDatabase;
beforeEach(() => {
  database = openTempDatabase({ demo: true });
});
afterEach(() => database.dispose());

const base: DepositInput = {
  storeId: DEMO_STORE_ID,
  terminalId: DEMO_TERMINAL_ID,
  denominations: { '10000': 12, '2000': 30 },
  bagNumber: 'TB-004512',
  preparedBy: 'staff-demo-manager',
  verifiedBy: 'staff-demo-admin',
  businessDay: '2026-11-24',
  now: new Date('2026-11-25T02:00:00Z'),
};

describe('deposits', () => {
  it('records the bag with its amount from the denominations, and audits it', () => {
    expect(recordDeposit(database.db, base).amountCents).toBe(180_000);
    expect(database.sqlite.prepare('SELECT bag_number AS bag, amount_cents AS amount, prepared_by AS p, verified_by AS v FROM deposits').get()).toEqual({ bag: 'TB-004512', amount: 180_000, p: 'staff-demo-manager', v: 'staff-demo-admin' });
    expect(database.sqlite.prepare('SELECT action FROM audit_log ORDER BY seq DESC LIMIT 1').get()).toEqual({ action: 'deposit.record' });
  });

  it.each([
    [{ verifiedBy: 'staff-demo-manager' }, 'DEPOSIT_NEEDS_TWO_PEOPLE'],
    [{ bagNumber: ' ' }, 'BAG_NUMBER_REQUIRED'],
    [{ denominations: {} }, 'DEPOSIT_EMPTY'],
    [{ denominations: { '2000': -1 } }, 'COUNT_INVALID'],
  ])('refuses %j', (change, code) => {
    expect(() => recordDeposit(database.db, { ...base, ...change })).toThrow(expect.objectContaining({ code }));
    expect(database.sqlite.prepare('SELECT count(*) AS n FROM deposits').get()).toEqual({ n: 0 });
  });
});
