import { randomUUID } from 'node:crypto';
import { and, asc, eq, isNotNull } from 'drizzle-orm';
import type { RosterEntry } from '../../../shared/contract/staff-roster';
import type { StaffRole } from '../../../shared/permissions';
import { AppError } from '../../../shared/errors';
import { appendAudit } from '../../platform/audit/log';
import { staff } from '../../platform/db/schema';
import type { RegisterDb } from '../../platform/db/open';
import { writeTransaction, type RegisterTx } from '../../platform/db/transaction';
import { hasPermission, ROLE_PERMISSIONS } from '../../platform/security/roles';
import { hashPin } from '../../../staff-pin/pin';
import { isStoreLinked } from '../store-link/link-settings';
import { queueStaffForStore } from '../store-link/store-commands';

/**
 * The staff roster at a register: a manager adds people, changes their role
 * or PIN, and stops them signing in. Nobody grants a role that can do more
 * than their own (a manager cannot make an admin), nobody edits someone whose
 * role they could not grant, and the store always keeps an admin who can
 * sign in. Each save is audited (never the PIN or its hash); in a store with
 * a server it goes to the store's roster, which every register reads back.
 */
export interface StaffSave {
  readonly staffId?: string | undefined;
  readonly displayName: string;
  readonly role: StaffRole;
  readonly active: boolean;
  readonly pin?: string | undefined;
}

export function rosterOf(db: RegisterDb, storeId: string): RosterEntry[] {
  return db.select().from(staff).where(eq(staff.storeId, storeId)).orderBy(asc(staff.displayName)).all().map(entryOf);
}

/**
 * Adds or changes one staff member. The PIN is hashed before the
 * transaction (scrypt takes tens of milliseconds, off the write lock), and
 * a weak one is refused with the policy's reason.
 */
export async function saveStaff(
  db: RegisterDb,
  save: StaffSave,
  by: { readonly staffId: string; readonly terminalId: string; readonly storeId: string; readonly now: Date },
): Promise<RosterEntry> {
  const pinHash = save.pin === undefined ? undefined : await hashPin(save.pin);
  return writeTransaction(db, (tx) => {
    const actor = tx.select({ role: staff.role }).from(staff).where(eq(staff.id, by.staffId)).get();
    if (actor === undefined) throw new AppError('SIGNED_OUT', 'Sign in with your PIN first.');
    if (!mayGrant(actor.role, save.role)) throw new AppError('STAFF_ROLE_TOO_HIGH', `Your role cannot make someone a ${roleName(save.role)}: ask an admin.`);
    const before = save.staffId === undefined ? undefined : tx.select().from(staff).where(eq(staff.id, save.staffId)).get();
    if (save.staffId !== undefined && (before === undefined || before.storeId !== by.storeId))
      throw new AppError('STAFF_NOT_FOUND', 'No such staff member in this store.');
    if (before !== undefined && !mayGrant(actor.role, before.role))
      throw new AppError('STAFF_ROLE_TOO_HIGH', `${before.displayName} is a ${roleName(before.role)}: only an admin can change them.`);
    if (before !== undefined && before.id === by.staffId && !save.active)
      throw new AppError('STAFF_SELF_DEACTIVATE', 'You cannot stop yourself signing in: ask another manager or an admin.');
    const row = {
      id: before?.id ?? randomUUID(),
      storeId: by.storeId,
      displayName: save.displayName,
      role: save.role,
      pinHash: pinHash ?? before?.pinHash ?? null,
      active: save.active,
      createdAt: before?.createdAt ?? by.now,
    };
    if (before === undefined) tx.insert(staff).values(row).run();
    else tx.update(staff).set(row).where(eq(staff.id, row.id)).run();
    if (!anAdminCanSignIn(tx, by.storeId))
      throw new AppError('STAFF_LAST_ADMIN', 'The store must keep at least one active admin with a PIN: make someone else an admin first.');
    appendAudit(tx, {
      at: by.now,
      staffId: by.staffId,
      terminalId: by.terminalId,
      action: before === undefined ? 'staff.add' : 'staff.change',
      entityType: 'staff',
      entityId: row.id,
      before: before === undefined ? null : { displayName: before.displayName, role: before.role, active: before.active },
      after: { displayName: row.displayName, role: row.role, active: row.active, pinChanged: pinHash !== undefined },
    });
    if (isStoreLinked(tx)) queueStaffForStore(tx, row, by.now);
    return entryOf(row);
  });
}

/** A role may be granted only by someone holding every permission it has. */
function mayGrant(actor: StaffRole, role: StaffRole): boolean {
  return ROLE_PERMISSIONS[role].every((p) => hasPermission(actor, p));
}

function anAdminCanSignIn(tx: RegisterTx, storeId: string): boolean {
  return (
    tx
      .select({ id: staff.id })
      .from(staff)
      .where(and(eq(staff.storeId, storeId), eq(staff.role, 'admin'), eq(staff.active, true), isNotNull(staff.pinHash)))
      .get() !== undefined
  );
}

function entryOf(row: typeof staff.$inferSelect): RosterEntry {
  return { staffId: row.id, displayName: row.displayName, role: row.role, active: row.active, hasPin: row.pinHash !== null };
}

const ROLE_NAMES: Readonly<Record<StaffRole, string>> = {
  budtender: 'budtender',
  lead: 'shift lead',
  manager: 'manager',
  compliance_officer: 'compliance officer',
  admin: 'admin',
};

function roleName(role: StaffRole): string {
  return ROLE_NAMES[role];
}
