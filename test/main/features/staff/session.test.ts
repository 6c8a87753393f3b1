import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../../../src/main/core/create-core';
import { DEMO_STAFF } from '../../../../src/main/features/demo/seed';
import { contract, commandNames } from '../../../../src/shared/contract';
import { approve, demoApproval, signIn } from '../../../support/session';
import { openTempDatabase, type TempDatabase, testPiiKeys } from '../../../support/temp-db';

let database: TempDatabase;
let core: Core;
let clock = new Date('2026-11-24T18:00:00Z');
const advance = (ms: number) => (clock = new Date(clock.getTime() + ms));
beforeEach(() => {
  clock = new Date('2026-11-24T18:00:00Z');
  database = openTempDatabase({ demo: true });
  core = createCore({ piiKeys: testPiiKeys, database, now: () => clock, idleLockMs: 120_000 });
});
afterEach(() => database.dispose());

const budtender = DEMO_STAFF.find((s) => s.role === 'budtender');
const audit = (action: string) => (database.sqlite.prepare('SELECT count(*) AS n FROM audit_log WHERE action = ?').get(action) as { n: number }).n;

describe('signing in', () => {
  it('lists staff for the sign-in screen without anything secret', async () => {
    const list = await core.send('staff-list', {});
    expect(list.ok && list.value.items.map((s) => s.displayName)).toEqual(['Alex Admin', 'Bailey Budtender', 'Morgan Manager', 'Quinn Compliance']);
    expect(JSON.stringify(list)).not.toContain('scrypt');
  });

  it('refuses every non-public command until someone signs in', async () => {
    for (const name of commandNames) {
      if (contract[name].access === 'public') continue;
      // The session is checked before the payload: nothing about the command is revealed.
      expect({ name, result: await core.invoke(name, {}) }).toMatchObject({ name, result: { ok: false, error: { code: 'SIGNED_OUT' } } });
    }
    expect(await core.send('catalog-search', {})).toMatchObject({ ok: false, error: { code: 'SIGNED_OUT', message: 'Sign in with your PIN first.' } });
  });

  it('signs in with the right PIN and refuses a wrong one, auditing both', async () => {
    expect(await core.send('session-sign-in', { staffId: budtender?.id ?? '', pin: '0000' })).toMatchObject({ ok: false, error: { code: 'PIN_WRONG' } });
    const ok = await core.send('session-sign-in', { staffId: budtender?.id ?? '', pin: budtender?.pin ?? '' });
    expect(ok).toMatchObject({
      ok: true,
      value: {
        staff: { displayName: 'Bailey Budtender', role: 'budtender' },
        locked: false,
        permissions: ['sale.ring', 'drawer.open', 'inventory.count', 'customer.notes'],
      },
    });
    expect(audit('staff.sign_in.wrong_pin')).toBe(1);
    expect(audit('staff.sign_in.ok')).toBe(1);
  });

  it('locks a staff member out after five wrong PINs, even with the right one, and says until when', async () => {
    for (let i = 0; i < 5; i += 1) await core.send('session-sign-in', { staffId: budtender?.id ?? '', pin: '1357' });
    const locked = await core.send('session-sign-in', { staffId: budtender?.id ?? '', pin: budtender?.pin ?? '' });
    expect(locked).toMatchObject({ ok: false, error: { code: 'STAFF_LOCKED', message: expect.stringContaining('Try again at 10:01') } });
    advance(61_000);
    expect(await core.send('session-sign-in', { staffId: budtender?.id ?? '', pin: budtender?.pin ?? '' })).toMatchObject({ ok: true });
  });

  it('locks itself after the idle time; the same PIN unlocks, and another person can switch in', async () => {
    await signIn(core, 'budtender');
    advance(121_000);
    expect(await core.send('catalog-search', {})).toMatchObject({ ok: false, error: { code: 'SESSION_LOCKED' } });
    expect(await core.send('session-get', {})).toMatchObject({ ok: true, value: { locked: true, staff: { displayName: 'Bailey Budtender' } } });
    await signIn(core, 'budtender');
    expect((await core.send('catalog-search', {})).ok).toBe(true);
    await signIn(core, 'manager');
    expect(await core.send('session-get', {})).toMatchObject({ ok: true, value: { locked: false, staff: { displayName: 'Morgan Manager' } } });
  });

  it('the sync indicator polling in the background does not keep an idle register unlocked', async () => {
    await signIn(core, 'budtender');
    for (let i = 0; i < 5; i += 1) {
      advance(20_000);
      expect((await core.send('sync-status', {})).ok).toBe(true);
    }
    advance(21_000);
    expect(await core.send('sync-status', {})).toMatchObject({ ok: false, error: { code: 'SESSION_LOCKED' } });
  });

  it('locks and signs out on request', async () => {
    await signIn(core);
    expect(await core.send('session-lock', {})).toMatchObject({ ok: true, value: { locked: true } });
    expect(await core.send('catalog-search', {})).toMatchObject({ ok: false, error: { code: 'SESSION_LOCKED' } });
    await signIn(core);
    expect(await core.send('session-sign-out', {})).toMatchObject({ ok: true, value: { staff: null, locked: false } });
  });
});

describe('permissions on commands', () => {
  beforeEach(async () => {
    await signIn(core, 'manager');
    await core.send('drawer-open', { count: { '2000': 10 } });
    await signIn(core, 'budtender');
  });

  it('refuses a privileged command without the role, naming what is missing', async () => {
    expect(await core.send('drawer-no-sale', { reason: 'Change for the safe' })).toMatchObject({
      ok: false,
      error: {
        code: 'FORBIDDEN',
        message: "Your role can't open the cash drawer without a sale: a manager can approve it with their PIN.",
        details: { permission: 'drawer.no_sale', approvable: true },
      },
    });
  });

  it('allows it with a manager’s approval, and records who approved', async () => {
    const result = await core.send('drawer-no-sale', {
      reason: 'Change for the safe',
      approval: await approve(core, 'drawer-no-sale', { reason: 'Change for the safe' }),
    });
    expect(result.ok).toBe(true);
    expect(database.sqlite.prepare("SELECT approved_by AS by FROM drawer_movements WHERE kind = 'no_sale'").get()).toEqual({ by: 'staff-demo-manager' });
    expect(audit('approval.grant')).toBe(1);
  });

  it('refuses an approval with a wrong PIN, from a role that cannot approve, or from oneself', async () => {
    const grant = (approver: { staffId: string; pin: string }) =>
      core.send('approval-grant', { command: 'drawer-no-sale', payload: { reason: 'x' }, approver });
    expect(await grant({ staffId: 'staff-demo-manager', pin: '1111' })).toMatchObject({ ok: false, error: { code: 'PIN_WRONG' } });
    expect(await grant(demoApproval('compliance_officer'))).toMatchObject({ ok: false, error: { code: 'APPROVER_NOT_ALLOWED' } });
    expect(await grant(demoApproval('budtender'))).toMatchObject({ ok: false, error: { code: 'APPROVAL_SELF' } });
    expect(database.sqlite.prepare("SELECT count(*) AS n FROM drawer_movements WHERE kind = 'no_sale'").get()).toEqual({ n: 0 });
  });

  it('allows a role that holds the permission without approval', async () => {
    await signIn(core, 'manager');
    expect((await core.send('drawer-no-sale', { reason: 'Change for the safe' })).ok).toBe(true);
  });

  it('never lets a compliance officer ring a sale', async () => {
    await signIn(core, 'compliance_officer');
    expect(await core.send('cart-open', {})).toMatchObject({ ok: false, error: { code: 'FORBIDDEN', details: { approvable: false } } });
  });
});
