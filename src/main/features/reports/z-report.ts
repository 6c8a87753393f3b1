import { asc, eq } from 'drizzle-orm';
import { AppError } from '../../../shared/errors';
import { drawerCloses, drawerMovements, drawerSessions, payments, sales, staff, stores, terminals } from '../../platform/db/schema';
import type { RegisterDb } from '../../platform/db/open';
import { expectedCash } from '../cash-drawer/expected';
import type { ZReportView } from '../../../shared/contract/reports';
import { salesFigures } from './sales-figures';

export type ZReport = ZReportView;

/** The Z-report of one drawer session: everything that moved through that drawer. */
export function zReport(db: RegisterDb, sessionId: string): ZReport {
  const row = db
    .select({ session: drawerSessions, terminal: terminals.name, budtender: staff.displayName, timeZone: stores.timeZone })
    .from(drawerSessions)
    .innerJoin(terminals, eq(terminals.id, drawerSessions.terminalId))
    .innerJoin(stores, eq(stores.id, terminals.storeId))
    .innerJoin(staff, eq(staff.id, drawerSessions.staffId))
    .where(eq(drawerSessions.id, sessionId))
    .get();
  if (row === undefined) throw new AppError('DRAWER_SESSION_NOT_FOUND', 'No such drawer session.');
  const figures = salesFigures(db, eq(sales.drawerSessionId, sessionId), eq(payments.drawerSessionId, sessionId), row.timeZone);
  const close = db.select().from(drawerCloses).where(eq(drawerCloses.sessionId, sessionId)).get();
  return {
    session: { id: sessionId, terminal: row.terminal, budtender: row.budtender, openedAt: row.session.openedAt.toISOString(), status: row.session.status },
    ...figures,
    cash: (({ nonCash, ...rest }) => ({ ...rest, nonCash: [...nonCash] }))(expectedCash(db, row.session)),
    movements: db
      .select()
      .from(drawerMovements)
      .where(eq(drawerMovements.sessionId, sessionId))
      .orderBy(asc(drawerMovements.at))
      .all()
      .map((m) => ({ kind: m.kind, amountCents: m.amountCents, reason: m.reason, at: m.at.toISOString() })),
    close:
      close === undefined
        ? null
        : {
            countedCashCents: close.countedCashCents,
            overShortCents: close.overShortCents,
            explanation: close.explanation,
            approvedBy: close.approvedBy,
            finalizedAt: close.finalizedAt?.toISOString() ?? null,
          },
  };
}
