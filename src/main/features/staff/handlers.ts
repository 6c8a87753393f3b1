import { and, asc, eq, isNotNull } from 'drizzle-orm';
import type { SessionView } from '../../../shared/contract/session';
import { AppError } from '../../../shared/errors';
import { permissions } from '../../../shared/permissions';
import { staff } from '../../platform/db/schema';
import type { Handlers } from '../../core/handler';
import { hasPermission } from '../../platform/security/roles';
import { storeIdOfTerminal } from '../store/terminal';
import { issueApprovalGrant } from './approval-grants';
import { verifyStaffPin } from './sign-in';
import { unlockStaff } from './unlock';
import type { TerminalSession } from './terminal-session';

function view(session: TerminalSession, now: Date): SessionView {
  const { staff: current, locked } = session.describe(now);
  const member = current === null ? null : { staffId: current.staffId, displayName: current.displayName, role: current.role };
  return { staff: member, locked, permissions: current === null || locked ? [] : permissions.filter((p) => hasPermission(current.role, p)) };
}

export const sessionHandlers: Handlers<
  'staff-list' | 'session-get' | 'session-sign-in' | 'approval-grant' | 'session-lock' | 'session-sign-out' | 'staff-unlock'
> = {
  'staff-unlock': (input, ctx) => {
    if (ctx.staffId === null) throw new AppError('SIGN_IN_REQUIRED', 'Sign in first.');
    return { staffId: unlockStaff(ctx.db, { staffId: input.staffId, by: ctx.staffId, terminalId: ctx.terminalId, via: 'register', now: ctx.now() }).staffId };
  },

  'staff-list': (_input, ctx) => ({
    items: ctx.db
      .select({ staffId: staff.id, displayName: staff.displayName, role: staff.role })
      .from(staff)
      .where(and(eq(staff.storeId, storeIdOfTerminal(ctx.db, ctx.terminalId)), eq(staff.active, true), isNotNull(staff.pinHash)))
      .orderBy(asc(staff.displayName))
      .all(),
  }),

  'session-get': (_input, ctx) => view(ctx.session, ctx.now()),

  'session-sign-in': async (input, ctx) => {
    const now = ctx.now();
    const verified = await verifyStaffPin(ctx.db, { staffId: input.staffId, pin: input.pin, terminalId: ctx.terminalId, purpose: 'sign_in', now });
    ctx.session.signIn({ ...verified, signedInAt: now });
    return view(ctx.session, now);
  },

  'approval-grant': async (input, ctx) => {
    const staffId = ctx.staffId;
    if (staffId === null) throw new AppError('SIGNED_OUT', 'Sign in with your PIN first.');
    const issued = await issueApprovalGrant(ctx.db, {
      command: input.command,
      payload: input.payload,
      approver: input.approver,
      forStaffId: staffId,
      terminalId: ctx.terminalId,
      now: ctx.now(),
    });
    const { staffId: approverId, displayName, role } = issued.approvedBy;
    return { grantId: issued.grantId, expiresAt: issued.expiresAt, approvedBy: { staffId: approverId, displayName, role } };
  },

  'session-lock': (_input, ctx) => {
    ctx.session.lock();
    return view(ctx.session, ctx.now());
  },

  'session-sign-out': (_input, ctx) => {
    ctx.session.signOut();
    return view(ctx.session, ctx.now());
  },
};
