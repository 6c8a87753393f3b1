import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEMO_STORE_ID, DEMO_TERMINAL_ID } from '../../../../src/main/features/demo/seed';
import { recordDeposit, type DepositInput } from '../../../../src/main/features/cash-drawer/deposit';
import { createCore } from '../../../../src/main/core/create-core';
import { demoApproval, signIn } from '../../../support/session';
import { openTempDatabase, testPiiKeys, type TempDatabase } from '../../../support/temp-db';

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
    expect(database.sqlite.prepare('SELECT bag_number AS bag, amount_cents AS amount, prepared_by AS p, verified_by AS v FROM deposits').get()).toEqual({
      bag: 'TB-004512',
      amount: 180_000,
      p: 'staff-demo-manager',
      v: 'staff-demo-admin',
    });
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

describe('deposit-record over IPC', () => {
  it('takes the caller as preparer and a second person’s PIN as verifier', async () => {
    const core = createCore({ piiKeys: testPiiKeys, database });
    await signIn(core, 'manager');
    const input = { denominations: { '10000': 3 }, bagNumber: 'TB-77', businessDay: '2026-11-24' };
    expect(await core.send('deposit-record', { ...input, verifier: demoApproval('admin') })).toMatchObject({ ok: true, value: { amountCents: 30_000 } });
    expect(await core.send('deposit-record', { ...input, verifier: demoApproval('manager') })).toMatchObject({
      ok: false,
      error: { code: 'DEPOSIT_NEEDS_TWO_PEOPLE' },
    });
    expect(await core.send('deposit-record', { ...input, verifier: { staffId: 'staff-demo-admin', pin: '1111' } })).toMatchObject({
      ok: false,
      error: { code: 'PIN_WRONG' },
    });
    expect(database.sqlite.prepare('SELECT count(*) AS n FROM deposits').get()).toEqual({ n: 1 });
  });
});
