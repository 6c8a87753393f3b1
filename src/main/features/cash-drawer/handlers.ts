import { and, eq, ne } from 'drizzle-orm';
import { signedIn } from '../../core/signed-in';
import type { Handlers } from '../../core/handler';
import { drawerSessions, staff } from '../../platform/db/schema';
import { canApprove } from '../../platform/security/roles';
import { verifyStaffPin } from '../staff/sign-in';
import { storeIdOfTerminal } from '../store/terminal';
import { finalizeClose, submitBlindCount } from './close';
import { recordDeposit } from './deposit';
import { activeDrawerSession, openDrawer, recordMovement } from './session';
import { kickDrawerAfterCommit } from '../devices/service';

type DrawerCommand = 'drawer-status' | 'drawer-open' | 'drawer-drop' | 'drawer-paid' | 'drawer-no-sale' | 'drawer-count' | 'drawer-close' | 'deposit-record';

export const drawerHandlers: Handlers<DrawerCommand> = {
  'drawer-status': (_input, ctx) => {
    const session =
      activeDrawerSession(ctx.db, ctx.terminalId) ??
      ctx.db
        .select()
        .from(drawerSessions)
        .where(and(eq(drawerSessions.terminalId, ctx.terminalId), ne(drawerSessions.status, 'closed')))
        .get();
    if (session === undefined) return { session: null };
    const budtender = ctx.db.select({ name: staff.displayName }).from(staff).where(eq(staff.id, session.staffId)).get()?.name ?? '';
    return {
      session: {
        sessionId: session.id,
        budtender,
        status: session.status,
        openingFloatCents: session.openingFloatCents,
        openedAt: session.openedAt.toISOString(),
      },
    };
  },

  'drawer-open': (input, ctx) => {
    const session = openDrawer(ctx.db, { terminalId: ctx.terminalId, staffId: signedIn(ctx), count: input.count, now: ctx.now() });
    return { sessionId: session.id, openingFloatCents: session.openingFloatCents };
  },

  // Cash goes into or out of the drawer: recorded first, then the drawer opens (a drawer that does not is a warning).
  'drawer-drop': async (input, ctx) => {
    const recorded = recordMovement(ctx.db, {
      terminalId: ctx.terminalId,
      staffId: signedIn(ctx),
      kind: 'drop',
      amountCents: input.amountCents,
      reason: input.reason,
      approvedBy: null,
      now: ctx.now(),
    });
    return { ...recorded, ...(await kickDrawerAfterCommit(ctx.devices, 'drop')) };
  },

  'drawer-paid': async (input, ctx) => {
    const kind = input.direction === 'in' ? 'paid_in' : 'paid_out';
    const recorded = recordMovement(ctx.db, {
      terminalId: ctx.terminalId,
      staffId: signedIn(ctx),
      kind,
      amountCents: input.amountCents,
      reason: input.reason,
      approvedBy: ctx.approvedBy,
      now: ctx.now(),
    });
    return { ...recorded, ...(await kickDrawerAfterCommit(ctx.devices, kind)) };
  },

  /** Recorded and audited first; then the drawer opens (a drawer that does not is a warning). */
  'drawer-no-sale': async (input, ctx) => {
    const recorded = recordMovement(ctx.db, {
      terminalId: ctx.terminalId,
      staffId: signedIn(ctx),
      kind: 'no_sale',
      amountCents: 0,
      reason: input.reason,
      approvedBy: ctx.approvedBy,
      now: ctx.now(),
    });
    return { ...recorded, ...(await kickDrawerAfterCommit(ctx.devices, 'no_sale')) };
  },

  'drawer-count': (input, ctx) => {
    const result = submitBlindCount(ctx.db, {
      terminalId: ctx.terminalId,
      staffId: signedIn(ctx),
      count: input.count,
      nonCashCounted: input.nonCashCounted,
      now: ctx.now(),
    });
    return {
      countedCashCents: result.countedCashCents,
      expectedCashCents: result.expected.expectedCashCents,
      overShortCents: result.overShortCents,
      nonCash: [...result.nonCash],
      needsExplanation: result.needsExplanation,
    };
  },

  /** The verifier's PIN is checked like a sign-in (with lockout); two different people, always. */
  'deposit-record': async (input, ctx) => {
    const preparedBy = signedIn(ctx);
    const verifier = await verifyStaffPin(ctx.db, {
      staffId: input.verifier.staffId,
      pin: input.verifier.pin,
      terminalId: ctx.terminalId,
      purpose: 'approval',
      now: ctx.now(),
    });
    return recordDeposit(ctx.db, {
      storeId: storeIdOfTerminal(ctx.db, ctx.terminalId),
      terminalId: ctx.terminalId,
      denominations: input.denominations,
      bagNumber: input.bagNumber,
      preparedBy,
      verifiedBy: verifier.staffId,
      businessDay: input.businessDay,
      now: ctx.now(),
    });
  },

  'drawer-close': (input, ctx) => {
    const staffId = signedIn(ctx);
    // A manager closing their own drawer signs it off themselves; anyone else needs a manager's PIN.
    const selfApproves = ctx.staff !== null && canApprove(ctx.staff.role, 'drawer.close');
    return finalizeClose(ctx.db, {
      terminalId: ctx.terminalId,
      staffId,
      explanation: input.explanation ?? null,
      approvedBy: ctx.approvedBy ?? (selfApproves ? staffId : null),
      now: ctx.now(),
    });
  },
};
