import { AppError } from '../../shared/errors';
import { managerApproval, type ManagerApproval } from '../../shared/contract/approval';
import { permissionLabels, type CommandAccess, type Permission } from '../../shared/permissions';
import { appendAudit } from '../audit/log';
import type { RegisterDb } from '../db/open';
import { writeTransaction } from '../db/transaction';
import { APPROVABLE_PERMISSIONS, canApprove, hasPermission } from '../security/roles';
import { verifyStaffPin } from './sign-in';
import type { SignedInStaff, TerminalSession } from './terminal-session';

export interface AccessGrant {
  readonly staff: SignedInStaff | null;
  /** The manager who approved this one command, when the caller's role lacked the permission. */
  readonly approvedBy: string | null;
}

/** `passive`: a background read (status polling) that must not count as the person's activity, or the idle lock would never come. */
export type Authorize = (command: string, access: CommandAccess, input: unknown, now: Date, passive?: boolean) => Promise<AccessGrant>;

/**
 * Checks a command's declared access against the terminal's session before
 * its handler runs. A permission the role lacks may be lent for this one
 * command by a manager's PIN (`approval` in the input); the approval is
 * verified like a sign-in (with lockout) and recorded in the audit log. An
 * approval sent with a command the role may already run is verified too:
 * some actions (a drawer close over the variance threshold) need a second
 * person whatever the caller's role.
 */
export function createAuthorize(db: RegisterDb, session: TerminalSession, terminalId: string): Authorize {
  return async (command, access, input, now, passive = false) => {
    if (access === 'public') return { staff: session.active(now), approvedBy: null };
    const staff = session.active(now);
    if (staff === null) {
      throw session.describe(now).locked
        ? new AppError('SESSION_LOCKED', 'The register locked itself: enter your PIN to carry on, or switch user.')
        : new AppError('SIGNED_OUT', 'Sign in with your PIN first.');
    }
    if (!passive) session.touch(now);
    const approval = approvalOf(input);
    if (access === 'signed_in' || (approval === undefined && hasPermission(staff.role, access))) return { staff, approvedBy: null };
    if (approval === undefined) {
      const canBeApproved = APPROVABLE_PERMISSIONS.includes(access);
      throw new AppError(
        'FORBIDDEN',
        canBeApproved
          ? `Your role can't ${permissionLabels[access]}: a manager can approve it with their PIN.`
          : `Your role can't ${permissionLabels[access]}, and it can't be approved on someone else's behalf.`,
        { permission: access, approvable: canBeApproved },
      );
    }
    const approvedBy = await verifyApproval(db, { approval, permission: access, staff, command, terminalId, now });
    return { staff, approvedBy };
  };
}

async function verifyApproval(
  db: RegisterDb,
  input: { approval: ManagerApproval; permission: Permission; staff: SignedInStaff; command: string; terminalId: string; now: Date },
): Promise<string> {
  const { approval, permission, staff } = input;
  if (!APPROVABLE_PERMISSIONS.includes(permission)) {
    throw new AppError('FORBIDDEN', `Your role can't ${permissionLabels[permission]}, and it can't be approved on someone else's behalf.`);
  }
  if (approval.staffId === staff.staffId) throw new AppError('APPROVAL_SELF', 'Another manager must approve: you cannot approve your own action.');
  const approver = await verifyStaffPin(db, { staffId: approval.staffId, pin: approval.pin, terminalId: input.terminalId, purpose: 'approval', now: input.now });
  if (!canApprove(approver.role, permission)) {
    throw new AppError('APPROVER_NOT_ALLOWED', `${approver.displayName} can't approve someone else's request to ${permissionLabels[permission]}.`);
  }
  writeTransaction(db, (tx) =>
    appendAudit(tx, {
      at: input.now,
      staffId: approver.staffId,
      terminalId: input.terminalId,
      action: 'approval.grant',
      entityType: 'staff',
      entityId: staff.staffId,
      after: { permission, command: input.command, approvedFor: staff.staffId },
    }),
  );
  return approver.staffId;
}

/** The approval travelling with a command, checked on its own (the rest of the payload is validated later). */
function approvalOf(input: unknown): ManagerApproval | undefined {
  if (typeof input !== 'object' || input === null || !('approval' in input) || input.approval === undefined) return undefined;
  const parsed = managerApproval.safeParse(input.approval);
  if (!parsed.success) throw new AppError('INVALID_INPUT', `approval: ${parsed.error.issues[0]?.message ?? 'a staff id and a 4–8 digit PIN'}`);
  return parsed.data;
}
