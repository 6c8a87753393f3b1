/**
 * What a staff member may do, by name. Which role holds which permission is
 * data in the main process (`src/main/platform/security/roles.ts`); the IPC contract
 * names the permission each command needs, next to the command.
 */
export const permissions = [
  'sale.ring',
  'sale.void',
  'sale.refund',
  'discount.manual',
  'price.override',
  'drawer.open',
  'drawer.close',
  'drawer.no_sale',
  'tender.cash_only',
  'staff.unlock',
  'staff.manage',
  'settings.edit',
  'compliance.configure',
  'credentials.edit',
  'reports.view',
  'compliance.review',
  'audit.export',
  'sync.resolve',
  'residency.override',
  'inventory.receive',
  'inventory.count',
  'inventory.adjust',
  'customer.notes',
  'customer.merge',
  'quality.manage',
  'quality.photo_remove',
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

/** Wording for messages: "Your role can't <label>." */
export const permissionLabels: Readonly<Record<Permission, string>> = {
  'sale.ring': 'ring up sales',
  'sale.void': 'void a sale',
  'sale.refund': 'refund a sale',
  'discount.manual': 'give a manual discount',
  'price.override': 'override a price',
  'drawer.open': 'open a drawer session',
  'drawer.close': 'close a drawer session',
  'drawer.no_sale': 'open the cash drawer without a sale',
  'tender.cash_only': 'switch cash-only mode on or off',
  'staff.unlock': 'unlock a locked-out staff member',
  'staff.manage': 'manage staff',
  'settings.edit': 'change store settings',
  'compliance.configure': 'change compliance settings',
  'credentials.edit': 'change system credentials',
  'reports.view': 'view reports',
  'compliance.review': 'review compliance flags',
  'audit.export': 'export the audit log',
  'sync.resolve': 'retry or settle what the state system refused',
  'residency.override': 'override the residency read from a customer’s ID',
  'inventory.receive': 'receive deliveries from Metrc',
  'inventory.count': 'count stock',
  'inventory.adjust': 'approve a stock adjustment',
  'customer.notes': 'read and write notes on customers',
  'customer.merge': 'merge duplicate customer records',
  'quality.manage': 'open quality incidents and put products on hold',
  'quality.photo_remove': 'remove a photo from a quality incident',
};
