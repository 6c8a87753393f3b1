import { describe, expect, it } from 'vitest';
import {
  APPROVABLE_PERMISSIONS,
  authorize,
  canApprove,
  consumeGrant,
  grantApproval,
  grantProblem,
  hasPermission,
  isRole,
  permissions,
  ROLE_PERMISSIONS,
  roles,
  type Permission,
  type StaffIdentity,
} from '../../../../src/main/platform/security/roles';

const NOW = Date.UTC(2026, 5, 1, 18, 0);
const budtender: StaffIdentity = { staffId: 'bud-1', role: 'budtender' };
const manager: StaffIdentity = { staffId: 'mgr-1', role: 'manager' };

/** Everything a budtender must not do on their own (a blind stock count is floor work; approving what it finds is not). */
const privileged = permissions.filter((p) => p !== 'sale.ring' && p !== 'drawer.open' && p !== 'inventory.count' && p !== 'customer.notes');
/** Privileged permissions a store manager runs the floor and the store with. */
const managerPrivileged: Permission[] = [
  'sale.void',
  'sale.refund',
  'discount.manual',
  'price.override',
  'drawer.no_sale',
  'drawer.close',
  'staff.unlock',
  'staff.manage',
  'settings.edit',
  'reports.view',
  'inventory.receive',
  'inventory.adjust',
];

describe('role table', () => {
  it.each(privileged)('refuses %s to a budtender', (permission) => {
    expect(hasPermission('budtender', permission)).toBe(false);
    expect(() => authorize(budtender, permission, NOW)).toThrow(
      expect.objectContaining({ code: expect.stringMatching(/^(FORBIDDEN|MANAGER_APPROVAL_REQUIRED)$/) }) as Error,
    );
  });

  it.each(managerPrivileged)('allows %s to a manager', (permission) => {
    expect(hasPermission('manager', permission)).toBe(true);
    expect(authorize(manager, permission, NOW)).toEqual({ via: 'role' });
  });

  it('lets a budtender ring sales, open their drawer and count stock blind', () => {
    expect(hasPermission('budtender', 'sale.ring')).toBe(true);
    expect(hasPermission('budtender', 'drawer.open')).toBe(true);
    expect(hasPermission('budtender', 'inventory.count')).toBe(true);
  });

  it('admin holds every permission', () => {
    for (const p of permissions) expect(hasPermission('admin', p)).toBe(true);
  });

  it('compliance officer reviews and exports but cannot ring sales or touch drawers', () => {
    for (const p of ['compliance.review', 'reports.view', 'audit.export', 'compliance.configure'] as const)
      expect(hasPermission('compliance_officer', p)).toBe(true);
    for (const p of ['sale.ring', 'sale.void', 'sale.refund', 'drawer.open', 'drawer.close', 'drawer.no_sale', 'price.override'] as const) {
      expect(hasPermission('compliance_officer', p)).toBe(false);
    }
  });

  it('separation of duties: managers do not review compliance or export the audit log; only admin edits credentials', () => {
    expect(hasPermission('manager', 'compliance.review')).toBe(false);
    expect(hasPermission('manager', 'audit.export')).toBe(false);
    expect(roles.filter((r) => hasPermission(r, 'credentials.edit'))).toEqual(['admin']);
  });

  it('every role lists only known permissions, without duplicates', () => {
    for (const r of roles) {
      const list = ROLE_PERMISSIONS[r];
      expect(new Set(list).size).toBe(list.length);
      for (const p of list) expect(permissions).toContain(p);
    }
    expect(isRole('manager')).toBe(true);
    expect(isRole('owner')).toBe(false);
  });
});

describe('manager approval', () => {
  it('an approver must be manager+ and hold the permission', () => {
    expect(canApprove('manager', 'sale.void')).toBe(true);
    expect(canApprove('admin', 'price.override')).toBe(true);
    expect(canApprove('lead', 'sale.void')).toBe(false); // holds it, but is not manager+
    expect(canApprove('compliance_officer', 'sale.refund')).toBe(false);
    expect(canApprove('budtender', 'sale.void')).toBe(false);
  });

  it('only till-side actions can be approved, never settings, staff, credentials or exports', () => {
    for (const p of ['settings.edit', 'staff.manage', 'credentials.edit', 'audit.export', 'compliance.review'] as const) {
      expect(APPROVABLE_PERMISSIONS).not.toContain(p);
      expect(canApprove('admin', p)).toBe(false);
    }
  });

  it('a budtender without a grant is asked for manager approval; with one, the action is allowed once', () => {
    expect(() => authorize(budtender, 'sale.void', NOW)).toThrow(expect.objectContaining({ code: 'MANAGER_APPROVAL_REQUIRED' }) as Error);
    const grant = grantApproval({ approver: manager, forStaffId: 'bud-1', permission: 'sale.void', now: NOW });
    expect(grant).toMatchObject({ permission: 'sale.void', approvedByStaffId: 'mgr-1', forStaffId: 'bud-1', approvedAt: NOW, singleUse: true });
    expect(authorize(budtender, 'sale.void', NOW + 1000, grant)).toEqual({ via: 'approval', grant });
    const used = consumeGrant(grant, NOW + 1000);
    expect(grantProblem(used, 'sale.void', 'bud-1', NOW + 2000)).toBe('used');
    expect(() => authorize(budtender, 'sale.void', NOW + 2000, used)).toThrow(expect.objectContaining({ code: 'MANAGER_APPROVAL_REQUIRED' }) as Error);
  });

  it('a grant covers only its permission, its staff member and its time', () => {
    const grant = grantApproval({ approver: manager, forStaffId: 'bud-1', permission: 'discount.manual', now: NOW, ttlMs: 60_000 });
    expect(grantProblem(grant, 'price.override', 'bud-1', NOW)).toBe('wrong_permission');
    expect(grantProblem(grant, 'discount.manual', 'bud-2', NOW)).toBe('wrong_staff');
    expect(grantProblem(grant, 'discount.manual', 'bud-1', NOW + 60_000)).toBe('expired');
    expect(grantProblem(grant, 'discount.manual', 'bud-1', NOW - 1)).toBe('not_yet_valid');
    expect(grantProblem(grant, 'discount.manual', 'bud-1', NOW + 59_999)).toBeNull();
    expect(() => authorize({ staffId: 'bud-2', role: 'budtender' }, 'discount.manual', NOW, grant)).toThrow(
      expect.objectContaining({ code: 'MANAGER_APPROVAL_REQUIRED' }) as Error,
    );
  });

  it('a multi-use grant survives consumption until it expires', () => {
    const grant = grantApproval({ approver: manager, forStaffId: 'bud-1', permission: 'drawer.no_sale', now: NOW, singleUse: false });
    const used = consumeGrant(grant, NOW + 1);
    expect(grantProblem(used, 'drawer.no_sale', 'bud-1', NOW + 2)).toBeNull();
  });

  it('refuses self-approval and approvals by roles that cannot approve', () => {
    expect(() => grantApproval({ approver: manager, forStaffId: 'mgr-1', permission: 'sale.refund', now: NOW })).toThrow(
      expect.objectContaining({ code: 'APPROVAL_NOT_ALLOWED' }) as Error,
    );
    expect(() => grantApproval({ approver: { staffId: 'lead-1', role: 'lead' }, forStaffId: 'bud-1', permission: 'sale.void', now: NOW })).toThrow(
      expect.objectContaining({ code: 'APPROVAL_NOT_ALLOWED' }) as Error,
    );
    expect(() => grantApproval({ approver: manager, forStaffId: 'bud-1', permission: 'settings.edit', now: NOW })).toThrow(
      expect.objectContaining({ code: 'APPROVAL_NOT_ALLOWED' }) as Error,
    );
  });

  it('non-approvable permissions are plainly forbidden, with an actionable message', () => {
    expect(() => authorize(budtender, 'settings.edit', NOW)).toThrow(
      expect.objectContaining({ code: 'FORBIDDEN', message: "Your role can't change store settings." }) as Error,
    );
  });
});
