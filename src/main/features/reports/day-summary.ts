import { and, asc, eq, gte, inArray, lt } from 'drizzle-orm';
import {
  drawerCloses,
  drawerSessions,
  incidents,
  openingChecks,
  outbox,
  payments,
  saleDiscounts,
  sales,
  staff,
  stores,
  tenderModeChanges,
  terminals,
} from '../../platform/db/schema';
import type { RegisterDb } from '../../platform/db/open';
import { allOf } from '../../platform/db/conditions';
import { TRACEABILITY_LANE } from '../sync/lanes';
import { dayWindow } from '../../../shared/domain/store-calendar';
import { salesFigures } from './sales-figures';
import type { DayReportView } from '../../../shared/contract/reports';

export type DaySummary = DayReportView;

/** The store's day (its own local calendar day), across every terminal. */
export function daySummary(db: RegisterDb, storeId: string, day: string): DaySummary {
  const store = db.select({ timeZone: stores.timeZone }).from(stores).where(eq(stores.id, storeId)).get();
  const timeZone = store?.timeZone ?? 'UTC';
  const { start, end } = dayWindow(day, timeZone);
  const saleFilter = allOf(eq(sales.storeId, storeId), gte(sales.completedAt, start), lt(sales.completedAt, end));
  const storeSaleIds = db.select({ id: sales.id }).from(sales).where(eq(sales.storeId, storeId));
  const paymentFilter = allOf(inArray(payments.saleId, storeSaleIds), gte(payments.createdAt, start), lt(payments.createdAt, end));
  const figures = salesFigures(db, saleFilter, paymentFilter, timeZone);

  const overShortByBudtender = db
    .select({ budtender: staff.displayName, overShortCents: drawerCloses.overShortCents, explanation: drawerCloses.explanation })
    .from(drawerCloses)
    .innerJoin(drawerSessions, eq(drawerSessions.id, drawerCloses.sessionId))
    .innerJoin(staff, eq(staff.id, drawerSessions.staffId))
    .where(and(eq(staff.storeId, storeId), gte(drawerCloses.countedAt, start), lt(drawerCloses.countedAt, end)))
    .all();
  const daySaleIds = db.select({ id: sales.id }).from(sales).where(saleFilter);
  const manualDiscounts = db
    .select({ saleId: saleDiscounts.saleId, amountCents: saleDiscounts.amountCents, reason: saleDiscounts.reason, approvedBy: saleDiscounts.approvedBy })
    .from(saleDiscounts)
    .where(and(eq(saleDiscounts.source, 'manual'), inArray(saleDiscounts.saleId, daySaleIds)))
    .all();
  const dayIncidents = db
    .select()
    .from(incidents)
    .where(and(eq(incidents.storeId, storeId), gte(incidents.createdAt, start), lt(incidents.createdAt, end)))
    .orderBy(asc(incidents.createdAt))
    .all()
    .map((i) => ({ kind: i.kind, description: i.description, at: i.createdAt.toISOString() }));
  const offlineSales = db
    .select({ saleNumber: sales.saleNumber, syncStatus: outbox.status })
    .from(sales)
    .leftJoin(outbox, and(eq(outbox.aggregateId, sales.id), eq(outbox.destination, TRACEABILITY_LANE), eq(outbox.kind, 'receipt.create')))
    .where(and(saleFilter, eq(sales.madeOffline, true)))
    .orderBy(asc(sales.completedAt))
    .all()
    .map((s) => ({ saleNumber: s.saleNumber, syncStatus: s.syncStatus ?? 'not queued' }));
  const cashOnlyPeriods = db
    .select({ terminal: terminals.name, cashOnly: tenderModeChanges.cashOnly, reason: tenderModeChanges.reason, at: tenderModeChanges.at })
    .from(tenderModeChanges)
    .innerJoin(terminals, eq(terminals.id, tenderModeChanges.terminalId))
    .where(and(eq(terminals.storeId, storeId), gte(tenderModeChanges.at, start), lt(tenderModeChanges.at, end)))
    .orderBy(asc(tenderModeChanges.at))
    .all()
    .map((c) => ({ ...c, at: c.at.toISOString() }));
  const openingCheckRuns = db
    .select({ terminal: terminals.name, at: openingChecks.ranAt, overall: openingChecks.overall, items: openingChecks.items })
    .from(openingChecks)
    .innerJoin(terminals, eq(terminals.id, openingChecks.terminalId))
    .where(and(eq(openingChecks.storeId, storeId), eq(openingChecks.businessDay, day)))
    .orderBy(asc(openingChecks.ranAt))
    .all()
    .map((run) => ({
      terminal: run.terminal,
      at: run.at.toISOString(),
      overall: run.overall,
      notGreen: (run.items as ReadonlyArray<{ label: string; status: 'green' | 'amber' | 'red'; detail: string }>).flatMap((i) =>
        i.status === 'green' ? [] : [{ label: i.label, status: i.status, detail: i.detail }],
      ),
    }));
  return {
    day,
    timeZone,
    ...figures,
    overShortByBudtender,
    manualDiscounts,
    incidents: dayIncidents,
    offlineSales,
    cashOnlyPeriods,
    openingChecks: openingCheckRuns,
  };
}
