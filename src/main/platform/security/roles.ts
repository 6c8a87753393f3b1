import { AppError } from '../../../shared/errors';

/**
 * Roles and permissions as data, plus one-off manager approvals.
 *
 * Pure (no Node imports) so it can move to src/shared for the renderer to
 * hide buttons; the main process still decides on every command.
 *
 * Decisions (review with the store):
 * - budtender rings sales and opens their own drawer session; nothing that
 *   moves money back out (void, refund, no-sale) or changes price.
 * - lead (shift lead) handles the floor: voids, manual discounts, no-sale,
 *   drawer close, unlocking a locked-out colleague, switching cash-only mode
 *   when the card terminal is down (a budtender needs a manager's approval:
 *   otherwise one person could refuse cards on their own). Not refunds or price
 *   overrides (money leaves the store / margins change → manager).
 * - manager: everything on the floor, reports, staff, store settings.
 *   Not compliance review or audit export: the compliance officer reviews
 *   flags that include managers' own voids and refunds (separation of duties).
 *   Not POS credentials (Metrc API keys): admin only. Does deal with
 *   sync items Metrc refused (retry after a fix, or settle by hand).
 * - compliance_officer: review, reports, audit export, compliance settings
 *   (limits, ID-data retention). Cannot ring sales or touch drawers — an
 *   auditor who can also sell can hide their own sales.
 * - admin: everything (owner / IT).
 */
// The names live in src/shared (the IPC contract declares the permission each command needs).
export { permissions, staffRoles as roles, type Permission, type StaffRole as Role } from '../../../shared/permissions';
import { permissionLabels as PERMISSION_LABELS, permissions, staffRoles as roles, type Permission, type StaffRole as Role } from '../../../shared/permissions';

/** Wording for messages: "Your role can't <label>." */
export { permissionLabels as PERMISSION_LABELS } from '../../../shared/permissions';

// Counting is floor work (a blind count: the counter never sees what is expected); approving what it finds is not.
const FLOOR_BASICS = ['sale.ring', 'drawer.open', 'inventory.count', 'customer.notes'] as const satisfies readonly Permission[];
const LEAD_FLOOR = [
  ...FLOOR_BASICS,
  'sale.void',
  'discount.manual',
  'drawer.no_sale',
  'drawer.close',
  'tender.cash_only',
  'inventory.receive',
  'inventory.adjust',
  'quality.manage',
] as const satisfies readonly Permission[];

export const ROLE_PERMISSIONS: Record<Role, readonly Permission[]> = {
  budtender: FLOOR_BASICS,
  lead: LEAD_FLOOR,
  manager: [
    ...LEAD_FLOOR,
    'sale.refund',
    'price.override',
    'staff.manage',
    'settings.edit',
    'reports.view',
    'sync.resolve',
    'residency.override',
    'staff.unlock',
    'customer.merge',
    // A photo is part of the incident record: the one who took it (a lead) cannot take it back out.
    'quality.photo_remove',
  ],
  compliance_officer: ['reports.view', 'compliance.review', 'audit.export', 'compliance.configure'],
  admin: permissions,
};

/** Who may approve another staff member's action at the till. */
export const APPROVER_ROLES: readonly Role[] = ['manager', 'admin'];

/**
 * Only till-side actions can be lent for one occasion. Settings, staff,
 * credentials and exports are never approved on someone else's behalf: the
 * person with the role does them under their own login.
 */
export const APPROVABLE_PERMISSIONS: readonly Permission[] = [
  'sale.void',
  'sale.refund',
  'discount.manual',
  'price.override',
  'drawer.no_sale',
  'drawer.close',
  'tender.cash_only',
  'residency.override',
  'inventory.adjust',
];

export const DEFAULT_APPROVAL_TTL_MS = 2 * 60_000;

export function isRole(value: string): value is Role {
  return (roles as readonly string[]).includes(value);
}

export function hasPermission(role: Role, permission: Permission): boolean {
  return ROLE_PERMISSIONS[role].includes(permission);
}

export function canApprove(approverRole: Role, permission: Permission): boolean {
  return APPROVER_ROLES.includes(approverRole) && APPROVABLE_PERMISSIONS.includes(permission) && hasPermission(approverRole, permission);
}

/** A manager's one-off "yes" for one staff member and one permission. Store it and audit it. */
export interface ApprovalGrant {
  readonly permission: Permission;
  readonly approvedByStaffId: string;
  /** UTC epoch ms. */
  readonly approvedAt: number;
  readonly forStaffId: string;
  readonly expiresAt: number;
  readonly singleUse: boolean;
  /** Set by `consumeGrant`; a used single-use grant is dead. */
  readonly usedAt?: number;
}

export interface StaffIdentity {
  readonly staffId: string;
  readonly role: Role;
}

/** Call after the approver has entered their own PIN (verified by the caller). */
export function grantApproval(input: {
  readonly approver: StaffIdentity;
  readonly forStaffId: string;
  readonly permission: Permission;
  readonly now: number;
  readonly ttlMs?: number;
  readonly singleUse?: boolean;
}): ApprovalGrant {
  const { approver, forStaffId, permission, now } = input;
  if (approver.staffId === forStaffId) {
    throw new AppError('APPROVAL_NOT_ALLOWED', 'A second person must approve. Ask another manager.', { permission });
  }
  if (!canApprove(approver.role, permission)) {
    throw new AppError('APPROVAL_NOT_ALLOWED', `Your role can't approve others to ${PERMISSION_LABELS[permission]}.`, {
      permission,
      approverRole: approver.role,
    });
  }
  return {
    permission,
    approvedByStaffId: approver.staffId,
    approvedAt: now,
    forStaffId,
    expiresAt: now + (input.ttlMs ?? DEFAULT_APPROVAL_TTL_MS),
    singleUse: input.singleUse ?? true,
  };
}

export type GrantProblem = 'wrong_permission' | 'wrong_staff' | 'expired' | 'used' | 'not_yet_valid';

/** Why a grant does not cover this action now, or null if it does. */
export function grantProblem(grant: ApprovalGrant, permission: Permission, staffId: string, now: number): GrantProblem | null {
  if (grant.permission !== permission) return 'wrong_permission';
  if (grant.forStaffId !== staffId) return 'wrong_staff';
  if (now < grant.approvedAt) return 'not_yet_valid';
  if (now >= grant.expiresAt) return 'expired';
  if (grant.singleUse && grant.usedAt !== undefined) return 'used';
  return null;
}

export type Authorization = { readonly via: 'role' } | { readonly via: 'approval'; readonly grant: ApprovalGrant };

/**
 * May this staff member do this now? Their role, or a valid grant. Throws
 * `MANAGER_APPROVAL_REQUIRED` (the UI shows the manager PIN prompt) for
 * approvable actions, `FORBIDDEN` otherwise. The caller consumes a
 * single-use grant in the same transaction as the action.
 */
export function authorize(actor: StaffIdentity, permission: Permission, now: number, grant?: ApprovalGrant): Authorization {
  if (hasPermission(actor.role, permission)) return { via: 'role' };
  if (grant !== undefined && grantProblem(grant, permission, actor.staffId, now) === null) return { via: 'approval', grant };
  if (APPROVABLE_PERMISSIONS.includes(permission)) {
    throw new AppError('MANAGER_APPROVAL_REQUIRED', `Your role can't ${PERMISSION_LABELS[permission]} on its own. Ask a manager to approve.`, { permission });
  }
  throw new AppError('FORBIDDEN', `Your role can't ${PERMISSION_LABELS[permission]}.`, { permission });
}

export function consumeGrant(grant: ApprovalGrant, now: number): ApprovalGrant {
  return grant.singleUse ? { ...grant, usedAt: now } : grant;
}
