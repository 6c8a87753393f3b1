import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../../../src/main/core/create-core';
import { demoApproval, signIn } from '../../../support/session';
import { openTempDatabase, testPiiKeys, type TempDatabase } from '../../../support/temp-db';

/**
 * Issue #16, finding 1: a manager's approval is a single-use grant bound to
 * one command and its payload, with a short life; the manager's PIN is
 * checked when the grant is made and never travels with the command.
 */
let database: TempDatabase;
let core: Core;
let clock = new Date('2026-11-24T18:00:00Z');
beforeEach(async () => {
  clock = new Date('2026-11-24T18:00:00Z');
  database = openTempDatabase({ demo: true });
  core = createCore({ piiKeys: testPiiKeys, database, now: () => clock, idleLockMs: 3_600_000 });
  await signIn(core, 'manager');
  await core.send('drawer-open', { count: { '2000': 10 } });
  await signIn(core, 'budtender');
});
afterEach(() => database.dispose());

const noSales = () => (database.sqlite.prepare("SELECT count(*) AS n FROM drawer_movements WHERE kind = 'no_sale'").get() as { n: number }).n;

async function grant(command: string, payload: Record<string, unknown>, approver = demoApproval('manager')): Promise<string> {
  const result = await core.invoke('approval-grant', { command, payload, approver });
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
  return (result.value as { grantId: string }).grantId;
}

describe('approval grants', () => {
  it('closes the PIN oracle: a void of a sale that does not exist answers the same for a right and a wrong manager PIN', async () => {
    const withRight = await core.invoke('sale-void', { saleId: 'no-such-sale', reason: 'x', approval: demoApproval('manager') });
    const withWrong = await core.invoke('sale-void', { saleId: 'no-such-sale', reason: 'x', approval: { staffId: 'staff-demo-manager', pin: '1111' } });
    expect(withRight).toEqual(withWrong);
    expect(withRight).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    // A made-up grant is refused before anything about the sale is looked at.
    expect(await core.invoke('sale-void', { saleId: 'no-such-sale', reason: 'x', approval: { grantId: 'A'.repeat(43) } })).toMatchObject({
      ok: false,
      error: { code: 'APPROVAL_INVALID' },
    });
    // Making a grant never looks at the target: the same answer for a sale that exists or not.
    const made = await core.invoke('approval-grant', {
      command: 'sale-void',
      payload: { saleId: 'no-such-sale', reason: 'x' },
      approver: demoApproval('manager'),
    });
    expect(made).toMatchObject({ ok: true, value: { approvedBy: { staffId: 'staff-demo-manager' } } });
  });

  it('counts wrong manager PINs on the grant path toward the manager’s lockout', async () => {
    for (let i = 0; i < 5; i += 1)
      await core.invoke('approval-grant', { command: 'drawer-no-sale', payload: { reason: 'x' }, approver: { staffId: 'staff-demo-manager', pin: `100${i}` } });
    expect(await core.invoke('approval-grant', { command: 'drawer-no-sale', payload: { reason: 'x' }, approver: demoApproval('manager') })).toMatchObject({
      ok: false,
      error: { code: 'STAFF_LOCKED' },
    });
  });

  it('lets the command through once, records who approved, and refuses a replay', async () => {
    const grantId = await grant('drawer-no-sale', { reason: 'Change for the safe' });
    expect((await core.send('drawer-no-sale', { reason: 'Change for the safe', approval: { grantId } })).ok).toBe(true);
    expect(database.sqlite.prepare("SELECT approved_by AS by FROM drawer_movements WHERE kind = 'no_sale'").get()).toEqual({ by: 'staff-demo-manager' });
    expect(await core.send('drawer-no-sale', { reason: 'Change for the safe', approval: { grantId } })).toMatchObject({
      ok: false,
      error: { code: 'APPROVAL_USED' },
    });
    expect(noSales()).toBe(1);
  });

  it('is bound to its command and payload', async () => {
    const grantId = await grant('drawer-no-sale', { reason: 'Change for the safe' });
    expect(await core.send('drawer-no-sale', { reason: 'Something else', approval: { grantId } })).toMatchObject({
      ok: false,
      error: { code: 'APPROVAL_MISMATCH' },
    });
    expect(await core.send('drawer-paid', { direction: 'out', amountCents: 500, reason: 'Change for the safe', approval: { grantId } })).toMatchObject({
      ok: false,
      error: { code: 'APPROVAL_MISMATCH' },
    });
    // Still good for what it was given for.
    expect((await core.send('drawer-no-sale', { reason: 'Change for the safe', approval: { grantId } })).ok).toBe(true);
  });

  it('expires after two minutes', async () => {
    const grantId = await grant('drawer-no-sale', { reason: 'Change for the safe' });
    clock = new Date(clock.getTime() + 120_001);
    expect(await core.send('drawer-no-sale', { reason: 'Change for the safe', approval: { grantId } })).toMatchObject({
      ok: false,
      error: { code: 'APPROVAL_EXPIRED' },
    });
    expect(noSales()).toBe(0);
  });

  it('is only for the person it was made for', async () => {
    const grantId = await grant('drawer-no-sale', { reason: 'Change for the safe' });
    await signIn(core, 'admin');
    expect(await core.send('drawer-no-sale', { reason: 'Change for the safe', approval: { grantId } })).toMatchObject({
      ok: false,
      error: { code: 'APPROVAL_INVALID' },
    });
  });

  it('refuses a grant from oneself, from a role that cannot approve, and for a command that cannot be approved', async () => {
    expect(await core.invoke('approval-grant', { command: 'drawer-no-sale', payload: { reason: 'x' }, approver: demoApproval('budtender') })).toMatchObject({
      ok: false,
      error: { code: 'APPROVAL_SELF' },
    });
    expect(
      await core.invoke('approval-grant', { command: 'drawer-no-sale', payload: { reason: 'x' }, approver: demoApproval('compliance_officer') }),
    ).toMatchObject({ ok: false, error: { code: 'APPROVER_NOT_ALLOWED' } });
    expect(await core.invoke('approval-grant', { command: 'metrc-settings-set', payload: {}, approver: demoApproval('manager') })).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
  });
});
