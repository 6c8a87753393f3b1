import { createHash, randomBytes } from 'node:crypto';
import { eq, lt } from 'drizzle-orm';
import { contract, isCommandName } from '../../../shared/contract';
import { AppError } from '../../../shared/errors';
import { permissionLabels, permissions, type Permission } from '../../../shared/permissions';
import { canonicalJson } from '../../platform/audit/canonical-json';
import { appendAudit } from '../../platform/audit/log';
import { approvalGrants } from '../../platform/db/schema';
import type { RegisterDb } from '../../platform/db/open';
import { writeTransaction } from '../../platform/db/transaction';
import { APPROVABLE_PERMISSIONS, canApprove, DEFAULT_APPROVAL_TTL_MS } from '../../platform/security/roles';
import { verifyStaffPin, type VerifiedStaff } from './sign-in';

/**
 * Manager approvals as single-use grants (issue #16, finding 1).
 *
 * The manager's PIN is checked once, by `issueApprovalGrant`, with the PIN
 * lockout; what comes back is a random grant id bound to one command, a
 * hash of its payload, the staff member and terminal it was asked from, and
 * a two-minute life. The command then carries `approval: { grantId }`, and
 * `redeemApprovalGrant` spends it before the handler runs — so a refused
 * grant says nothing about the command's target, a raw PIN never travels
 * with a command, and nothing can be replayed. A grant is spent even when
 * the command then fails: the manager approves again (safer than a grant
 * that lives on after it was shown to work).
 */

/** SHA-256 of the command's canonical input, `approval` left out (the grant cannot name itself). */
export function approvalPayloadHash(command: string, input: unknown): string {
  const payload = typeof input === 'object' && input !== null ? Object.fromEntries(Object.entries(input).filter(([key]) => key !== 'approval')) : input;
  return createHash('sha256')
    .update(canonicalJson({ command, payload: payload ?? null }))
    .digest('hex');
}

const idHash = (grantId: string) => createHash('sha256').update(grantId, 'utf8').digest('hex');

function approvablePermission(command: string): Permission {
  if (!isCommandName(command)) throw new AppError('INVALID_INPUT', `command: the register has no command "${command}".`);
  const access = contract[command].access;
  const permission = (permissions as readonly string[]).includes(access) ? (access as Permission) : null;
  if (permission === null || !APPROVABLE_PERMISSIONS.includes(permission)) {
    throw new AppError('FORBIDDEN', `"${command}" can't be approved on someone else's behalf.`, { command, approvable: false });
  }
  return permission;
}

export interface IssuedGrant {
  readonly grantId: string;
  readonly expiresAt: string;
  readonly approvedBy: VerifiedStaff;
}

export async function issueApprovalGrant(
  db: RegisterDb,
  input: { command: string; payload: unknown; approver: { staffId: string; pin: string }; forStaffId: string; terminalId: string; now: Date; ttlMs?: number },
): Promise<IssuedGrant> {
  // Nothing about the command's target is looked at: the answer is the same whether it exists or not.
  const permission = approvablePermission(input.command);
  if (input.approver.staffId === input.forStaffId) throw new AppError('APPROVAL_SELF', 'Another manager must approve: you cannot approve your own action.');
  const approver = await verifyStaffPin(db, {
    staffId: input.approver.staffId,
    pin: input.approver.pin,
    terminalId: input.terminalId,
    purpose: 'approval',
    now: input.now,
  });
  if (!canApprove(approver.role, permission)) {
    throw new AppError('APPROVER_NOT_ALLOWED', `${approver.displayName} can't approve someone else's request to ${permissionLabels[permission]}.`);
  }
  const grantId = randomBytes(32).toString('base64url');
  const expiresAt = new Date(input.now.getTime() + (input.ttlMs ?? DEFAULT_APPROVAL_TTL_MS));
  writeTransaction(db, (tx) => {
    // Spent and expired grants are worthless; a day's worth stays for support to read.
    tx.delete(approvalGrants)
      .where(lt(approvalGrants.expiresAt, new Date(input.now.getTime() - 86_400_000)))
      .run();
    tx.insert(approvalGrants)
      .values({
        idHash: idHash(grantId),
        command: input.command,
        payloadHash: approvalPayloadHash(input.command, input.payload),
        permission,
        terminalId: input.terminalId,
        forStaffId: input.forStaffId,
        approvedBy: approver.staffId,
        createdAt: input.now,
        expiresAt,
      })
      .run();
    appendAudit(tx, {
      at: input.now,
      staffId: approver.staffId,
      terminalId: input.terminalId,
      action: 'approval.grant',
      entityType: 'staff',
      entityId: input.forStaffId,
      after: { permission, command: input.command, approvedFor: input.forStaffId, expiresAt: expiresAt.toISOString() },
    });
  });
  return { grantId, expiresAt: expiresAt.toISOString(), approvedBy: approver };
}

/** Spends the grant for this command and payload, returning who approved; refuses with a typed error otherwise. */
export function redeemApprovalGrant(
  db: RegisterDb,
  input: { grantId: string; command: string; input: unknown; staffId: string; terminalId: string; now: Date },
): string {
  return writeTransaction(db, (tx) => {
    const grant = tx
      .select()
      .from(approvalGrants)
      .where(eq(approvalGrants.idHash, idHash(input.grantId)))
      .get();
    if (grant === undefined || grant.terminalId !== input.terminalId || grant.forStaffId !== input.staffId) {
      throw new AppError('APPROVAL_INVALID', 'That approval is not valid here: ask a manager to approve again.');
    }
    if (grant.usedAt !== null) throw new AppError('APPROVAL_USED', 'That approval was already used: ask a manager to approve again.');
    if (input.now.getTime() >= grant.expiresAt.getTime())
      throw new AppError('APPROVAL_EXPIRED', 'That approval ran out (two minutes): ask a manager to approve again.');
    if (grant.command !== input.command || grant.payloadHash !== approvalPayloadHash(input.command, input.input)) {
      throw new AppError('APPROVAL_MISMATCH', 'That approval was for a different action or amount: ask a manager to approve this one.');
    }
    tx.update(approvalGrants).set({ usedAt: input.now }).where(eq(approvalGrants.idHash, grant.idHash)).run();
    appendAudit(tx, {
      at: input.now,
      staffId: input.staffId,
      terminalId: input.terminalId,
      action: 'approval.use',
      entityType: 'staff',
      entityId: input.staffId,
      after: { command: input.command, permission: grant.permission, approvedBy: grant.approvedBy },
    });
    return grant.approvedBy;
  });
}
