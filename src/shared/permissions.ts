/**
 * What a staff member may do, by name. Which role holds which permission is
 * data in the main process (`src/main/security/roles.ts`); the IPC contract
 * names the permission each command needs, next to the command.
 */
export const permissions = [
  'sale.ring',
  'sale.void',
  'sale.refund',
  'discount.manual',
  'price.override',
  'drawer.open',
  'drawer.cash_movement',
  'drawer.no_sale',
  'drawer.close',
  'settings.edit',
  'credentials.edit',
  'staff.manage',
  'reports.view',
  'compliance.review',
  'audit.export',
] as const;
export type Permission = (typeof permissions)[number];

export const staffRoles = ['budtender', 'lead', 'manager', 'compliance_officer', 'admin'] as const;
export type StaffRole = (typeof staffRoles)[number];

/**
 * Who may call a command: anyone at the terminal (`public`: the sign-in
 * screen needs the staff list), any signed-in staff member, or one holding a
 * permission — or with a manager's recorded approval for that one action.
 */
export type CommandAccess = 'public' | 'signed_in' | Permission;

/** Words for the person at the counter. */
export const permissionLabels: Readonly<Record<Permission, string>> = {
  'sale.ring': 'ring sales',
  'sale.void': 'void a sale',
  'sale.refund': 'refund a return',
  'discount.manual': 'give a manual discount',
  'price.override': 'override a price',
  'drawer.open': 'open a drawer session',
  'drawer.cash_movement': 'drop, pay in or pay out cash',
  'drawer.no_sale': 'open the drawer without a sale',
  'drawer.close': 'close a drawer',
  'settings.edit': 'change settings',
  'credentials.edit': 'change API credentials',
  'staff.manage': 'manage staff',
  'reports.view': 'view reports',
  'compliance.review': 'review compliance flags',
  'audit.export': 'export the audit log',
};
