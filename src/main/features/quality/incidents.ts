import { randomUUID } from 'node:crypto';
import { and, asc, desc, eq, gte, lt, sql } from 'drizzle-orm';
import { AppError } from '../../../shared/errors';
import { pendingSteps, stepsFor, type QualityCategory } from '../../../shared/domain/quality/sop';
import { appendAudit } from '../../platform/audit/log';
import { customers, qualityIncidents, qualityIncidentSteps, saleLines, saleReturns, sales, staff, storeCredits } from '../../platform/db/schema';
import type { RegisterDb } from '../../platform/db/open';
import type { RegisterTx } from '../../platform/db/transaction';
import { batchOfPackage } from './holds';
import { incidentPhotos } from './incident-photos';

type Reader = RegisterDb | RegisterTx;

export interface Actor {
  readonly storeId: string;
  readonly staffId: string;
  readonly terminalId: string;
  readonly now: Date;
}

export interface OpenIncident {
  readonly category: QualityCategory;
  readonly customerWords: string;
  /** From a sale line (the package, sale and customer follow), or … */
  readonly saleLineId?: string | undefined;
  /** … from a package tag scanned (the customer named if known). */
  readonly packageTag?: string | undefined;
  readonly customerId?: string | undefined;
}

export function openIncident(tx: RegisterTx, actor: Actor, input: OpenIncident): string {
  let packageTag = input.packageTag ?? null;
  let saleId: string | null = null;
  let customerId = input.customerId ?? null;
  if (input.saleLineId !== undefined) {
    const line = tx
      .select({ tag: saleLines.packageTag, saleId: saleLines.saleId, customerId: sales.customerId, storeId: sales.storeId })
      .from(saleLines)
      .innerJoin(sales, eq(sales.id, saleLines.saleId))
      .where(eq(saleLines.id, input.saleLineId))
      .get();
    if (line?.storeId !== actor.storeId) throw new AppError('SALE_LINE_NOT_FOUND', 'That item is not on a sale of this store.');
    if (packageTag !== null && packageTag !== line.tag) throw new AppError('QA_PACKAGE_MISMATCH', 'The package scanned is not the one sold on that line.');
    packageTag = line.tag;
    saleId = line.saleId;
    customerId ??= line.customerId;
  }
  if (packageTag === null) throw new AppError('QA_PACKAGE_MISSING', 'Open the incident from a sale line or scan the package tag.');
  if (customerId !== null && tx.select({ storeId: customers.storeId }).from(customers).where(eq(customers.id, customerId)).get()?.storeId !== actor.storeId) {
    throw new AppError('CUSTOMER_NOT_FOUND', 'No such customer in this store.');
  }
  const found = batchOfPackage(tx, packageTag);
  if (found === null) throw new AppError('PACKAGE_NOT_IN_STORE', `Tag …${packageTag.slice(-6)} is not in this store's inventory.`, { tag: packageTag });
  const id = randomUUID();
  const count =
    tx
      .select({ n: sql<number>`count(*)` })
      .from(qualityIncidents)
      .where(eq(qualityIncidents.storeId, actor.storeId))
      .get()?.n ?? 0;
  const incidentNumber = `QA-${String(count + 1).padStart(6, '0')}`;
  tx.insert(qualityIncidents)
    .values({
      id,
      storeId: actor.storeId,
      incidentNumber,
      category: input.category,
      customerWords: input.customerWords,
      customerId,
      saleId,
      saleLineId: input.saleLineId ?? null,
      packageTag,
      productId: found.productId,
      batch: found.batch,
      status: 'open',
      openedBy: actor.staffId,
      openedAt: actor.now,
    })
    .run();
  // The customer's words stay out of the audit log (they may describe their health): the entry names what and where.
  appendAudit(tx, {
    at: actor.now,
    staffId: actor.staffId,
    terminalId: actor.terminalId,
    action: 'quality.open',
    entityType: 'quality_incident',
    entityId: id,
    after: { incidentNumber, category: input.category, packageTag, batch: found.batch, saleId, customerId },
  });
  return id;
}

function requireIncident(tx: Reader, storeId: string, incidentId: string) {
  const incident = tx.select().from(qualityIncidents).where(eq(qualityIncidents.id, incidentId)).get();
  if (incident?.storeId !== storeId) throw new AppError('QA_INCIDENT_NOT_FOUND', 'No such quality incident in this store.');
  return incident;
}

export function recordStep(tx: RegisterTx, actor: Actor, input: { incidentId: string; step: string; note?: string | undefined }): void {
  const incident = requireIncident(tx, actor.storeId, input.incidentId);
  if (incident.status !== 'open') throw new AppError('QA_INCIDENT_CLOSED', `${incident.incidentNumber} is resolved already.`);
  if (!stepsFor(incident.category).some((s) => s.step === input.step)) {
    throw new AppError('QA_STEP_UNKNOWN', `“${input.step}” is not a step of the ${incident.category.replaceAll('_', ' ')} procedure.`);
  }
  const result = tx
    .insert(qualityIncidentSteps)
    .values({ id: randomUUID(), incidentId: incident.id, step: input.step, note: input.note ?? null, doneBy: actor.staffId, doneAt: actor.now })
    .onConflictDoNothing()
    .run();
  if (result.changes === 0) throw new AppError('QA_STEP_DONE', 'That step is already recorded.');
  appendAudit(tx, {
    at: actor.now,
    staffId: actor.staffId,
    terminalId: actor.terminalId,
    action: 'quality.step',
    entityType: 'quality_incident',
    entityId: incident.id,
    after: { step: input.step },
  });
}

export type Resolution =
  /** The return as staff know it: its number on the return slip (`C1-000042-R1`). */
  | { readonly resolution: 'return'; readonly returnNumber: string; readonly note: string }
  | { readonly resolution: 'credit'; readonly creditCents: number; readonly note: string }
  | { readonly resolution: 'replacement'; readonly replacementSaleId?: string | undefined; readonly note: string };

export function resolveIncident(tx: RegisterTx, actor: Actor, incidentId: string, input: Resolution): { creditId: string | null } {
  const incident = requireIncident(tx, actor.storeId, incidentId);
  if (incident.status !== 'open') throw new AppError('QA_INCIDENT_CLOSED', `${incident.incidentNumber} is resolved already.`);
  const done = tx.select({ step: qualityIncidentSteps.step }).from(qualityIncidentSteps).where(eq(qualityIncidentSteps.incidentId, incident.id)).all();
  const pending = pendingSteps(
    incident.category,
    done.map((d) => d.step),
  );
  if (pending.length > 0) {
    throw new AppError('QA_STEPS_PENDING', `Finish the procedure first: ${pending.map((p) => p.label).join('; ')}.`, { pending: pending.map((p) => p.step) });
  }
  let ref: string | null = null;
  let creditId: string | null = null;
  switch (input.resolution) {
    case 'return': {
      const ret = tx
        .select({ id: saleReturns.id, saleId: saleReturns.saleId })
        .from(saleReturns)
        .where(eq(saleReturns.returnNumber, input.returnNumber.trim().toUpperCase()))
        .get();
      if (ret === undefined || ret.saleId !== incident.saleId)
        throw new AppError('QA_RETURN_NOT_OF_SALE', 'That return is not of the sale this incident came from: make the return first (Returns screen).');
      ref = ret.id;
      break;
    }
    case 'credit': {
      if (incident.customerId === null)
        throw new AppError('QA_CREDIT_NEEDS_CUSTOMER', 'Store credit needs a customer: open the incident from their sale or name them.');
      creditId = randomUUID();
      tx.insert(storeCredits)
        .values({
          id: creditId,
          storeId: actor.storeId,
          customerId: incident.customerId,
          amountCents: input.creditCents,
          incidentId: incident.id,
          reason: `${incident.incidentNumber}: ${input.note}`,
          issuedBy: actor.staffId,
          issuedAt: actor.now,
        })
        .run();
      appendAudit(tx, {
        at: actor.now,
        staffId: actor.staffId,
        terminalId: actor.terminalId,
        action: 'store_credit.issue',
        entityType: 'store_credit',
        entityId: creditId,
        after: { customerId: incident.customerId, amountCents: input.creditCents, incidentId: incident.id },
      });
      ref = creditId;
      break;
    }
    case 'replacement':
      ref = input.replacementSaleId ?? null;
      break;
  }
  tx.update(qualityIncidents)
    .set({ status: 'resolved', resolution: input.resolution, resolutionRef: ref, resolutionNote: input.note, resolvedBy: actor.staffId, resolvedAt: actor.now })
    .where(eq(qualityIncidents.id, incident.id))
    .run();
  appendAudit(tx, {
    at: actor.now,
    staffId: actor.staffId,
    terminalId: actor.terminalId,
    action: 'quality.resolve',
    entityType: 'quality_incident',
    entityId: incident.id,
    before: { status: 'open' },
    after: { status: 'resolved', resolution: input.resolution, ref },
  });
  return { creditId };
}

export function incidentView(db: Reader, storeId: string, incidentId: string) {
  const incident = requireIncident(db, storeId, incidentId);
  const done = db
    .select({
      step: qualityIncidentSteps.step,
      note: qualityIncidentSteps.note,
      doneBy: qualityIncidentSteps.doneBy,
      doneByName: staff.displayName,
      doneAt: qualityIncidentSteps.doneAt,
    })
    .from(qualityIncidentSteps)
    .innerJoin(staff, eq(staff.id, qualityIncidentSteps.doneBy))
    .where(eq(qualityIncidentSteps.incidentId, incident.id))
    .all();
  return {
    incidentId: incident.id,
    incidentNumber: incident.incidentNumber,
    category: incident.category,
    customerWords: incident.customerWords,
    customerId: incident.customerId,
    saleId: incident.saleId,
    saleLineId: incident.saleLineId,
    packageTag: incident.packageTag,
    productId: incident.productId,
    batch: incident.batch,
    status: incident.status,
    resolution: incident.resolution,
    resolutionRef: incident.resolutionRef,
    openedAt: incident.openedAt.toISOString(),
    resolvedAt: incident.resolvedAt?.toISOString() ?? null,
    steps: stepsFor(incident.category).map((s) => {
      const d = done.find((x) => x.step === s.step);
      return { step: s.step, label: s.label, doneBy: d?.doneByName ?? null, doneAt: d?.doneAt.toISOString() ?? null, note: d?.note ?? null };
    }),
    photos: incidentPhotos(db, incident.id),
  };
}

export function listIncidents(db: Reader, storeId: string, status: 'open' | 'resolved' | undefined) {
  return db
    .select({ id: qualityIncidents.id })
    .from(qualityIncidents)
    .where(and(eq(qualityIncidents.storeId, storeId), status === undefined ? undefined : eq(qualityIncidents.status, status)))
    .orderBy(desc(qualityIncidents.openedAt))
    .limit(200)
    .all()
    .map((r) => incidentView(db, storeId, r.id));
}

/** Incidents per product and batch, by category, opened in a period (for operations). */
export function incidentTrend(db: Reader, storeId: string, start: Date, end: Date) {
  return db
    .select({
      productId: qualityIncidents.productId,
      batch: qualityIncidents.batch,
      category: qualityIncidents.category,
      incidents: sql<number>`count(*)`,
    })
    .from(qualityIncidents)
    .where(and(eq(qualityIncidents.storeId, storeId), gte(qualityIncidents.openedAt, start), lt(qualityIncidents.openedAt, end)))
    .groupBy(qualityIncidents.productId, qualityIncidents.batch, qualityIncidents.category)
    .orderBy(desc(sql`count(*)`), asc(qualityIncidents.productId))
    .all();
}
