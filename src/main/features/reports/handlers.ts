import { currentAnchor, formatAnchor } from '../../platform/audit/verify';
import { auditExportPage } from '../../platform/audit/export';
import { appendAudit } from '../../platform/audit/log';
import { writeTransaction } from '../../platform/db/transaction';
import { and, desc, eq } from 'drizzle-orm';
import { AppError } from '../../../shared/errors';
import type { HandlerContext, Handlers } from '../../core/handler';
import { businessDay } from '../../../shared/domain/store-calendar';
import { drawerSessions, stores } from '../../platform/db/schema';
import { hasPermission } from '../../platform/security/roles';
import { storeIdOfTerminal } from '../store/terminal';
import { daySummary } from './day-summary';
import { zReport } from './z-report';
import { DateTime } from 'luxon';
import type { DayReportView, ZReportView } from '../../../shared/contract/reports';
import { dayReportPrintable } from '../printing/day-report-print';
import { encodeReport } from '../printing/report-document';
import { printOnReceiptPrinter } from '../printing/receipt-printer';
import { zReportPrintable } from '../printing/z-report-print';

export const reportHandlers: Handlers<'report-z' | 'report-z-print' | 'report-day' | 'report-day-print' | 'audit-export-page'> = {
  'audit-export-page': (input, ctx) => {
    const page = auditExportPage(ctx.db, {
      afterSeq: input.afterSeq,
      limit: input.limit,
      ...(input.from === undefined ? {} : { from: new Date(input.from) }),
      ...(input.to === undefined ? {} : { to: new Date(input.to) }),
    });
    // Who exported what is itself on the record (after the page is read, so the page does not contain its own entry).
    if (input.afterSeq === 0)
      writeTransaction(ctx.db, (tx) =>
        appendAudit(tx, {
          at: ctx.now(),
          staffId: ctx.staffId,
          terminalId: ctx.terminalId,
          action: 'audit.export',
          entityType: 'audit_log',
          entityId: 'export',
          after: { from: input.from ?? null, to: input.to ?? null },
        }),
      );
    return page;
  },

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
        : ctx.db
            .select()
            .from(drawerSessions)
            .where(and(eq(drawerSessions.id, input.sessionId)))
            .get();
    if (session === undefined) throw new AppError('DRAWER_SESSION_NOT_FOUND', 'No drawer session to report on yet.');
    if (!canViewAll && (session.status === 'open' || session.staffId !== ctx.staffId)) {
      throw new AppError('FORBIDDEN', 'The Z-report shows once your blind count is in; a manager can see it any time.');
    }
    return { ...zReport(ctx.db, session.id), auditAnchor: anchorNow(ctx.db) };
  },

  /** Printed from the same report the screen shows, so paper and screen never disagree. */
  'report-z-print': async (input, ctx) => {
    const report = reportHandlers['report-z'](input, ctx) as ZReportView;
    const zone = storeTimeZone(ctx.db, ctx.terminalId);
    const printedAt = DateTime.fromJSDate(ctx.now(), { zone }).toFormat('yyyy-LL-dd HH:mm');
    return printOnReceiptPrinter(ctx.db, ctx.terminalId, encodeReport(zReportPrintable(report, printedAt)), ctx.devices);
  },

  'report-day-print': async (input, ctx) => {
    const report = reportHandlers['report-day'](input, ctx) as DayReportView;
    const zone = storeTimeZone(ctx.db, ctx.terminalId);
    const store = ctx.db
      .select({ name: stores.name })
      .from(stores)
      .where(eq(stores.id, storeIdOfTerminal(ctx.db, ctx.terminalId)))
      .get();
    const printedAt = DateTime.fromJSDate(ctx.now(), { zone }).toFormat('yyyy-LL-dd HH:mm');
    return printOnReceiptPrinter(ctx.db, ctx.terminalId, encodeReport(dayReportPrintable(report, store?.name ?? '', printedAt)), ctx.devices);
  },

  'report-day': (input, ctx) => {
    const day = input.day ?? businessDay(ctx.now(), storeTimeZone(ctx.db, ctx.terminalId));
    return { ...daySummary(ctx.db, storeIdOfTerminal(ctx.db, ctx.terminalId), day), auditAnchor: anchorNow(ctx.db) };
  },
};

/** The chain's head to print on the report (issue #16: an anchor outside the file). */
function anchorNow(db: HandlerContext['db']): string | null {
  const anchor = currentAnchor(db);
  return anchor === null ? null : formatAnchor(anchor);
}

function storeTimeZone(db: HandlerContext['db'], terminalId: string): string {
  return (
    db
      .select({ timeZone: stores.timeZone })
      .from(stores)
      .where(eq(stores.id, storeIdOfTerminal(db, terminalId)))
      .get()?.timeZone ?? 'UTC'
  );
}
