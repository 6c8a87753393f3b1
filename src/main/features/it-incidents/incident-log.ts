import { randomUUID } from 'node:crypto';
import { platform, release } from 'node:os';
import { and, asc, desc, eq, inArray, max } from 'drizzle-orm';
import type { IncidentContext, IncidentView, ShownError } from '../../../shared/contract/it-incidents';
import { AppError } from '../../../shared/errors';
import { appendAudit } from '../../platform/audit/log';
import { appVersion } from '../../platform/config/app-version';
import { itIncidentComments, itIncidents, staff, terminals } from '../../platform/db/schema';
import type { RegisterDb } from '../../platform/db/open';
import { writeTransaction, type RegisterTx } from '../../platform/db/transaction';
import { pairedWithStore, queueStoreCommand } from '../store-link/store-commands';
import type { PiiKeys } from '../../platform/security/pii-crypto';
import type { DeviceHealth } from '../devices/health';
import { scrubCustomerData } from './scrub';

type Row = typeof itIncidents.$inferSelect;
type Reader = RegisterDb | RegisterTx;

/** What the register knows about itself when someone reports a problem (gathered before the write: devices answer asynchronously). */
export interface GatheredContext {
  readonly devices: readonly DeviceHealth[];
  readonly sync: IncidentContext['sync'];
}

export interface IncidentCaller {
  readonly db: RegisterDb;
  readonly keys: PiiKeys;
  readonly storeId: string;
  readonly terminalId: string;
  readonly staffId: string;
  readonly now: Date;
}

/**
 * Logs a problem with the context attached by the register. Everything
 * free-text (the person's words and the errors' messages) is scrubbed of
 * customer data first; devices and sync carry none.
 */
export function reportIncident(
  caller: IncidentCaller,
  input: { readonly summary: string; readonly description: string; readonly screen: string; readonly recentErrors: readonly ShownError[] },
  gathered: GatheredContext,
): IncidentView {
  const { db, keys, storeId } = caller;
  const scrub = (text: string) => scrubCustomerData(db, keys, storeId, text);
  const terminal = db.select({ name: terminals.name }).from(terminals).where(eq(terminals.id, caller.terminalId)).get();
  const context: IncidentContext = {
    screen: input.screen,
    recentErrors: input.recentErrors.map((e) => ({ code: e.code, message: scrub(e.message), at: e.at })),
    devices: gathered.devices.map((d) => ({ role: d.role, state: d.state, message: scrub(d.message) })),
    sync: gathered.sync,
    appVersion: appVersion(),
    terminalId: caller.terminalId,
    terminalName: terminal?.name ?? caller.terminalId,
    runtime: `${platform()} ${release()}; node ${process.versions.node}${process.versions['electron'] === undefined ? '' : `; electron ${process.versions['electron']}`}`,
  };
  const id = randomUUID();
  const summary = scrub(input.summary);
  const description = scrub(input.description);
  return writeTransaction(db, (tx) => {
    const last = tx
      .select({ n: max(itIncidents.number) })
      .from(itIncidents)
      .where(eq(itIncidents.storeId, storeId))
      .get();
    const number = (last?.n ?? 0) + 1;
    tx.insert(itIncidents)
      .values({
        id,
        storeId,
        number,
        terminalId: caller.terminalId,
        summary,
        description,
        status: 'open',
        reportedBy: caller.staffId,
        reportedAt: caller.now,
        context,
      })
      .run();
    appendAudit(tx, {
      at: caller.now,
      staffId: caller.staffId,
      terminalId: caller.terminalId,
      action: 'it_incident.report',
      entityType: 'it_incident',
      entityId: id,
      after: { number, summary, screen: context.screen },
    });
    return viewAndShare(tx, id, caller.now);
  });
}

export function commentOnIncident(caller: IncidentCaller, incidentId: string, text: string): IncidentView {
  const existing = requireIncident(caller.db, caller.storeId, incidentId);
  const clean = scrubCustomerData(caller.db, caller.keys, caller.storeId, text);
  return writeTransaction(caller.db, (tx) => {
    tx.insert(itIncidentComments).values({ id: randomUUID(), incidentId, staffId: caller.staffId, at: caller.now, text: clean }).run();
    appendAudit(tx, {
      at: caller.now,
      staffId: caller.staffId,
      terminalId: caller.terminalId,
      action: 'it_incident.comment',
      entityType: 'it_incident',
      entityId: incidentId,
      after: { number: existing.number, text: clean },
    });
    return viewAndShare(tx, incidentId, caller.now);
  });
}

export function closeIncident(caller: IncidentCaller, incidentId: string, resolution: string): IncidentView {
  const existing = requireIncident(caller.db, caller.storeId, incidentId);
  if (existing.status === 'closed') throw new AppError('INCIDENT_ALREADY_CLOSED', `Incident #${existing.number} is already closed.`);
  const clean = scrubCustomerData(caller.db, caller.keys, caller.storeId, resolution);
  return writeTransaction(caller.db, (tx) => {
    tx.update(itIncidents)
      .set({ status: 'closed', closedBy: caller.staffId, closedAt: caller.now, resolution: clean })
      .where(eq(itIncidents.id, incidentId))
      .run();
    appendAudit(tx, {
      at: caller.now,
      staffId: caller.staffId,
      terminalId: caller.terminalId,
      action: 'it_incident.close',
      entityType: 'it_incident',
      entityId: incidentId,
      before: { status: 'open' },
      after: { status: 'closed', resolution: clean },
    });
    return viewAndShare(tx, incidentId, caller.now);
  });
}

/** The store's incidents, newest first, with their comments (for the screen and the export). */
export function listIncidents(db: RegisterDb, storeId: string, status: 'open' | 'closed' | 'all', limit: number): IncidentView[] {
  const rows = db
    .select()
    .from(itIncidents)
    .where(status === 'all' ? eq(itIncidents.storeId, storeId) : and(eq(itIncidents.storeId, storeId), eq(itIncidents.status, status)))
    .orderBy(desc(itIncidents.reportedAt), desc(itIncidents.number))
    .limit(limit)
    .all();
  return views(db, rows);
}

/** Which of these incidents were logged at this register. */
export function incidentsLoggedHere(db: RegisterDb, ids: readonly string[]): Set<string> {
  if (ids.length === 0) return new Set();
  return new Set(
    db
      .select({ id: itIncidents.id })
      .from(itIncidents)
      .where(inArray(itIncidents.id, [...ids]))
      .all()
      .map((r) => r.id),
  );
}

function requireIncident(db: RegisterDb, storeId: string, incidentId: string): Row {
  const row = db
    .select()
    .from(itIncidents)
    .where(and(eq(itIncidents.id, incidentId), eq(itIncidents.storeId, storeId)))
    .get();
  if (row === undefined) throw new AppError('INCIDENT_NOT_FOUND', 'There is no such IT incident in this store.');
  return row;
}

/**
 * The incident as it now stands, read once in the writing transaction: the
 * answer to the person, and — on a register paired with a store server —
 * what goes to the server in the same transaction (store lane), so the
 * whole store and IT see it. Its revision grows with every comment and the
 * close, and is its key: each state is applied once, a late one never wins.
 */
function viewAndShare(tx: RegisterTx, id: string, now: Date): IncidentView {
  const incident = incidentById(tx, id);
  if (!pairedWithStore(tx)) return incident;
  const revision = incident.comments.length + (incident.status === 'closed' ? 1 : 0);
  queueStoreCommand(tx, `it-incident:${id}`, { type: 'it.incident', key: `it-incident:${id}:${revision}`, revision, incident }, now);
  return incident;
}

function incidentById(db: Reader, id: string): IncidentView {
  const row = db.select().from(itIncidents).where(eq(itIncidents.id, id)).get();
  if (row === undefined) throw new AppError('INCIDENT_NOT_FOUND', 'There is no such IT incident in this store.');
  const [view] = views(db, [row]);
  if (view === undefined) throw new AppError('INCIDENT_NOT_FOUND', 'There is no such IT incident in this store.');
  return view;
}

function views(db: Reader, rows: readonly Row[]): IncidentView[] {
  if (rows.length === 0) return [];
  const names = new Map(
    db
      .select({ id: staff.id, name: staff.displayName })
      .from(staff)
      .all()
      .map((s) => [s.id, s.name]),
  );
  const comments = db
    .select()
    .from(itIncidentComments)
    .where(
      inArray(
        itIncidentComments.incidentId,
        rows.map((r) => r.id),
      ),
    )
    .orderBy(asc(itIncidentComments.at))
    .all();
  return rows.map((row) => ({
    id: row.id,
    number: row.number,
    summary: row.summary,
    description: row.description,
    status: row.status,
    reportedBy: names.get(row.reportedBy) ?? row.reportedBy,
    reportedAt: row.reportedAt.toISOString(),
    context: row.context as IncidentContext,
    comments: comments.filter((c) => c.incidentId === row.id).map((c) => ({ by: names.get(c.staffId) ?? c.staffId, at: c.at.toISOString(), text: c.text })),
    closedBy: row.closedBy === null ? null : (names.get(row.closedBy) ?? row.closedBy),
    closedAt: row.closedAt?.toISOString() ?? null,
    resolution: row.resolution,
  }));
}
