import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../../../src/main/core/create-core';
import { approve, signIn } from '../../../support/session';
import { openTempDatabase, testPiiKeys, type TempDatabase } from '../../../support/temp-db';

/**
 * Cash-only mode (the card terminal is down) is a shift lead's or manager's
 * call (issue #17, item 15): a budtender who could switch it could refuse
 * cards on their own. A manager may approve it for them, once.
 */
let database: TempDatabase;
let core: Core;
beforeEach(() => {
  database = openTempDatabase({ demo: true });
  core = createCore({ piiKeys: testPiiKeys, database });
});
afterEach(() => database.dispose());

const changes = () => database.sqlite.prepare('SELECT count(*) AS n FROM tender_mode_changes').get();

describe('tender-mode-set', () => {
  it('refuses a budtender, and writes nothing', async () => {
    await signIn(core, 'budtender');
    const result = await core.invoke('tender-mode-set', { cashOnly: true, reason: 'Card terminal down' });
    expect(result).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN', message: "Your role can't switch cash-only mode on or off: a manager can approve it with their PIN." },
    });
    expect(changes()).toEqual({ n: 0 });
  });

  it('refuses a compliance officer (who does not work the till)', async () => {
    await signIn(core, 'compliance_officer');
    expect(await core.invoke('tender-mode-set', { cashOnly: true, reason: 'Card terminal down' })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(changes()).toEqual({ n: 0 });
  });

  it('lets a manager switch it, and the mode, who and when read back', async () => {
    await signIn(core, 'manager');
    expect(await core.invoke('tender-mode-set', { cashOnly: true, reason: 'Card terminal down' })).toEqual({ ok: true, value: { cashOnly: true } });
    expect(await core.invoke('tender-mode-get', {})).toEqual({
      ok: true,
      value: {
        cashOnly: true,
        reason: 'Card terminal down',
        at: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
        setBy: { staffId: 'staff-demo-manager', displayName: 'Morgan Manager' },
        approvedBy: null,
      },
    });
  });

  it('lets a budtender switch it with a manager’s approval, recorded with who approved', async () => {
    await signIn(core, 'budtender');
    const payload = { cashOnly: true, reason: 'Card terminal down' };
    const approval = await approve(core, 'tender-mode-set', payload);
    expect(await core.invoke('tender-mode-set', { ...payload, approval })).toEqual({ ok: true, value: { cashOnly: true } });
    expect(await core.invoke('tender-mode-get', {})).toMatchObject({
      ok: true,
      value: { cashOnly: true, setBy: { staffId: 'staff-demo-budtender' }, approvedBy: { staffId: 'staff-demo-manager', displayName: 'Morgan Manager' } },
    });
    // The grant is spent: the same approval cannot switch it again.
    expect(await core.invoke('tender-mode-set', { cashOnly: false, reason: 'Back up', approval })).toMatchObject({
      ok: false,
      error: { code: 'APPROVAL_USED' },
    });
  });
});

describe('tender-mode-get', () => {
  it('reads card payments on, set by nobody, for any signed-in staff member', async () => {
    await signIn(core, 'budtender');
    expect(await core.invoke('tender-mode-get', {})).toEqual({ ok: true, value: { cashOnly: false, reason: null, at: null, setBy: null, approvedBy: null } });
  });

  it('refuses when nobody is signed in', async () => {
    expect(await core.invoke('tender-mode-get', {})).toMatchObject({ ok: false, error: { code: 'SIGNED_OUT' } });
  });
});
