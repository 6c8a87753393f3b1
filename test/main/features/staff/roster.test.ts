import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../../../src/main/core/create-core';
import { DEMO_STAFF } from '../../../../src/main/features/demo/seed';
import { signIn } from '../../../support/session';
import { openTempDatabase, testPiiKeys, type TempDatabase } from '../../../support/temp-db';

/**
 * The staff roster at a register (issue #20 carries it to every register of
 * the store): a manager adds a budtender who can then sign in, changes a
 * PIN, stops someone signing in — and cannot grant more than their own role
 * can do, nor leave the store without an admin.
 */
let database: TempDatabase;
let core: Core;
beforeEach(async () => {
  database = openTempDatabase({ demo: true });
  core = createCore({ piiKeys: testPiiKeys, database, idleLockMs: 3_600_000 });
  await signIn(core, 'manager');
});
afterEach(() => database.dispose());

const demo = (role: (typeof DEMO_STAFF)[number]['role']) => DEMO_STAFF.find((s) => s.role === role)!;
async function ok<T>(name: string, input: unknown): Promise<T> {
  const result = await core.invoke(name, input);
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
  return result.value as T;
}
const refusal = async (name: string, input: unknown) => {
  const result = await core.invoke(name, input);
  return result.ok ? 'ok' : result.error.code;
};

describe('the staff roster', () => {
  it('a manager adds a budtender, who signs in with the PIN given; the audit names the change, never the PIN', async () => {
    const added = await ok<{ staffId: string; hasPin: boolean; role: string }>('staff-save', {
      displayName: 'Riley Newhire',
      role: 'budtender',
      active: true,
      pin: '3719',
    });
    expect(added).toMatchObject({ hasPin: true, role: 'budtender' });
    const roster = await ok<{ items: Array<{ displayName: string }> }>('staff-roster', {});
    expect(roster.items.map((s) => s.displayName)).toContain('Riley Newhire');
    expect(await ok<{ staff: { displayName: string } }>('session-sign-in', { staffId: added.staffId, pin: '3719' })).toMatchObject({
      staff: { displayName: 'Riley Newhire' },
    });
    const audit = database.sqlite.prepare("SELECT after FROM audit_log WHERE action = 'staff.add'").all() as Array<{ after: string }>;
    expect(audit).toHaveLength(1);
    expect(audit[0]!.after).toContain('"pinChanged":true');
    expect(audit[0]!.after).not.toContain('3719');
    expect(audit[0]!.after).not.toContain('scrypt');
    // A budtender cannot manage staff.
    expect(await refusal('staff-roster', {})).toBe('FORBIDDEN');
  });

  it('a new PIN replaces the old; someone stopped cannot sign in', async () => {
    const budtender = demo('budtender');
    await ok('staff-save', { staffId: budtender.id, displayName: budtender.displayName, role: 'budtender', active: true, pin: '8264' });
    expect(await refusal('session-sign-in', { staffId: budtender.id, pin: budtender.pin })).not.toBe('ok');
    await signIn(core, 'manager');
    await ok('staff-save', { staffId: budtender.id, displayName: budtender.displayName, role: 'budtender', active: false });
    expect(await refusal('session-sign-in', { staffId: budtender.id, pin: '8264' })).toBe('STAFF_UNKNOWN');
    expect(await ok<{ items: Array<{ staffId: string }> }>('staff-list', {})).not.toContainEqual(expect.objectContaining({ staffId: budtender.id }));
  });

  it('refuses a weak PIN, a role above the manager’s own, changing an admin, stopping oneself — and writes nothing', async () => {
    const before = database.sqlite.prepare('SELECT count(*) AS n FROM staff').get();
    expect(await refusal('staff-save', { displayName: 'Weak Pin', role: 'budtender', active: true, pin: '1234' })).toBe('PIN_TOO_WEAK');
    expect(await refusal('staff-save', { displayName: 'Would Be Admin', role: 'admin', active: true, pin: '3719' })).toBe('STAFF_ROLE_TOO_HIGH');
    expect(await refusal('staff-save', { displayName: 'Would Be Officer', role: 'compliance_officer', active: true, pin: '3719' })).toBe('STAFF_ROLE_TOO_HIGH');
    const admin = demo('admin');
    expect(await refusal('staff-save', { staffId: admin.id, displayName: admin.displayName, role: 'manager', active: true })).toBe('STAFF_ROLE_TOO_HIGH');
    const manager = demo('manager');
    expect(await refusal('staff-save', { staffId: manager.id, displayName: manager.displayName, role: 'manager', active: false })).toBe(
      'STAFF_SELF_DEACTIVATE',
    );
    expect(await refusal('staff-save', { staffId: 'nobody', displayName: 'No One', role: 'budtender', active: true })).toBe('STAFF_NOT_FOUND');
    expect(database.sqlite.prepare('SELECT count(*) AS n FROM staff').get()).toEqual(before);
    expect(database.sqlite.prepare("SELECT count(*) AS n FROM audit_log WHERE action IN ('staff.add', 'staff.change')").get()).toEqual({ n: 0 });
  });

  it('an admin cannot demote the store’s last admin', async () => {
    await signIn(core, 'admin');
    const admin = demo('admin');
    expect(await refusal('staff-save', { staffId: admin.id, displayName: admin.displayName, role: 'manager', active: true })).toBe('STAFF_LAST_ADMIN');
    // With a second admin, it can.
    await ok('staff-save', { displayName: 'Second Admin', role: 'admin', active: true, pin: '5820' });
    expect(await refusal('staff-save', { staffId: admin.id, displayName: admin.displayName, role: 'manager', active: true })).toBe('ok');
  });
});
