import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../../../src/main/core/create-core';
import { hasPermission } from '../../../../src/main/platform/security/roles';
import { contract, commandNames, type CommandName } from '../../../../src/shared/contract';
import { permissions, type Permission } from '../../../../src/shared/permissions';
import { approve, signIn, type DemoRole } from '../../../support/session';
import { openTempDatabase, testPiiKeys, type TempDatabase } from '../../../support/temp-db';

/**
 * Every command's declared access, checked against every demo role: a role
 * without the permission is refused before the payload is even read; a role
 * with it gets past the check (to validation, or to the handler).
 */
let database: TempDatabase;
let core: Core;
beforeEach(() => {
  database = openTempDatabase({ demo: true });
  core = createCore({ piiKeys: testPiiKeys, database });
});
afterEach(() => database.dispose());

const gated = commandNames.filter((name): name is CommandName => (permissions as readonly string[]).includes(contract[name].access));
const roles: DemoRole[] = ['budtender', 'manager', 'compliance_officer', 'admin'];

describe('permissions declared in the contract', () => {
  it('gates the privileged commands', () => {
    for (const name of ['sale-void', 'sale-return', 'drawer-no-sale', 'drawer-close', 'drawer-paid', 'cart-scan'] as const) expect(gated).toContain(name);
  });

  it.each(roles)('as %s: refused exactly where the role lacks the permission', async (role) => {
    await signIn(core, role);
    for (const name of gated) {
      const permission = contract[name].access as Permission;
      const result = await core.invoke(name, {});
      const refused = !result.ok && result.error.code === 'FORBIDDEN';
      expect({ name, refused }).toEqual({ name, refused: !hasPermission(role, permission) });
    }
  });

  it('lets a manager’s approval through for a role that lacks an approvable permission (then validates the payload)', async () => {
    await signIn(core, 'budtender');
    const approval = await approve(core, 'sale-void', { saleId: 'no-such-sale', reason: 'test' });
    const result = await core.invoke('sale-void', { saleId: 'no-such-sale', reason: 'test', approval });
    expect(result).toMatchObject({ ok: false, error: { code: 'SALE_NOT_FOUND' } });
    expect(database.sqlite.prepare("SELECT count(*) AS n FROM audit_log WHERE action IN ('approval.grant', 'approval.use')").get()).toEqual({ n: 2 });
  });

  it('refuses a malformed approval with a readable error', async () => {
    await signIn(core, 'budtender');
    expect(await core.invoke('sale-void', { saleId: 'x', reason: 'x', approval: { staffId: 'staff-demo-manager', pin: 'abcd' } })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT', message: 'approval: send the grant id from approval-grant, not a PIN.' },
    });
  });
});
