import { and, desc, eq } from 'drizzle-orm';
import { AppError } from '../../shared/errors';
import type { Handlers } from '../core/handler';
import { drawerSessions } from '../db/schema';
import { hasPermission } from '../security/roles';
import { storeIdOfTerminal } from '../store/terminal';
import { daySummary } from './day-summary';
import { zReport } from './z-report';

export const reportHandlers: Handlers<'report-z' | 'report-day'> = {
  /**
   * A budtender sees their drawer's Z-report only after the blind count is
   * in (before it, the expected figure would unblind the count); anyone with
   * reports.view may read any session.
   */
  'report-z': (input, ctx) => {
    const canViewAll = ctx.staff !== null && hasPermission(ctx.staff.role, 'reports.view');
    const session =
      input.sessionId === undefined
        ? ctx.db.select().from(drawerSessions).where(eq(drawerSessions.terminalId, ctx.terminalId)).orderBy(desc(drawerSessions.openedAt)).limit(1).get()
        : ctx.db.select().from(drawerSessions).where(and(eq(drawerSessions.id, input.sessionId))).get();
    if (session === undefined) throw new AppError('DRAWER_SESSION_NOT_FOUND', 'No drawer session to report on yet.');
    if (!canViewAll && (session.status === 'open' || session.staffId !== ctx.staffId)) {
      throw new AppError('FORBIDDEN', 'The Z-report shows once your blind count is in; a manager can see it any time.');
    }
    return zReport(ctx.db, session.id);
  },

  'report-day': (input, ctx) => daySummary(ctx.db, storeIdOfTerminal(ctx.db, ctx.terminalId), input.day),
};
