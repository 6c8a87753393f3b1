import { AppError } from '../../../shared/errors';
import { approvalGrantRef, type ApprovalGrantRef } from '../../../shared/contract/approval';
import { permissionLabels, type CommandAccess, type Permission } from '../../../shared/permissions';
import type { RegisterDb } from '../../platform/db/open';
import { APPROVABLE_PERMISSIONS, hasPermission } from '../../platform/security/roles';
import { redeemApprovalGrant } from './approval-grants';
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
 * command by a manager's grant (`approval: { grantId }`, made by
 * `approval-grant` with the manager's PIN): spent here, before the handler
 * looks at anything the command names, and recorded in the audit log. An
 * approval sent with a command the role may already run is spent too:
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
    const approvedBy = verifyApproval(db, { approval, permission: access, staff, command, rawInput: input, terminalId, now });
    return { staff, approvedBy };
  };
}

function verifyApproval(
  db: RegisterDb,
  input: { approval: ApprovalGrantRef; permission: Permission; staff: SignedInStaff; command: string; rawInput: unknown; terminalId: string; now: Date },
): string {
  if (!APPROVABLE_PERMISSIONS.includes(input.permission)) {
    throw new AppError('FORBIDDEN', `Your role can't ${permissionLabels[input.permission]}, and it can't be approved on someone else's behalf.`);
  }
  return redeemApprovalGrant(db, {
    grantId: input.approval.grantId,
    command: input.command,
    input: input.rawInput,
    staffId: input.staff.staffId,
    terminalId: input.terminalId,
    now: input.now,
  });
}

/** The approval travelling with a command, checked on its own (the rest of the payload is validated later). */
function approvalOf(input: unknown): ApprovalGrantRef | undefined {
  if (typeof input !== 'object' || input === null || !('approval' in input) || input.approval === undefined) return undefined;
  const parsed = approvalGrantRef.safeParse(input.approval);
  // The same answer whatever a PIN sent here would have been: a raw PIN is not an approval any more.
  if (!parsed.success) throw new AppError('INVALID_INPUT', 'approval: send the grant id from approval-grant, not a PIN.');
  return parsed.data;
}
