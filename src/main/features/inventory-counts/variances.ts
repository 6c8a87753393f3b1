import { and, asc, eq } from 'drizzle-orm';
import type { VarianceLine, VarianceReport } from '../../../shared/contract/counts';
import { businessDay } from '../../../shared/domain/store-calendar';
import { AppError } from '../../../shared/errors';
import { appendAudit } from '../../platform/audit/log';
import { inventoryCountLines, inventoryCounts, outbox, packages, products, staff, stores } from '../../platform/db/schema';
import type { RegisterDb } from '../../platform/db/open';
import { writeTransaction } from '../../platform/db/transaction';
import { TRACEABILITY_LANE } from '../sync/lanes';
import type { OutboxMessage } from '../sync/outbox-messages';
import { readSetting } from '../store/settings';
import { adjustmentApprovalThresholdSetting } from '../store/thresholds';
import { requireCount, type Counter } from './count-log';
import { isStoreLinked } from '../store-link/link-settings';
import { queueStockMovesForStore } from '../store-link/store-commands';

/** Metrc's view of one tag, in our units (see sync/metrc/package-quantity.ts). */
export type MetrcQuantities = ReadonlyMap<string, number | null>;

function valueCents(variance: number, unit: 'each' | 'mg', priceCents: number): number {
  // Weighed goods are priced per gram: the value of a milligram variance is rounded to the cent, half away from zero.
  if (unit === 'each') return variance * priceCents;
  const numerator = variance * priceCents;
  return Math.sign(numerator) * Math.round(Math.abs(numerator) / 1000);
}

export function varianceReport(db: RegisterDb, storeId: string, countId: string, metrc: { quantities: MetrcQuantities | null; note: string }): VarianceReport {
  const count = requireCount(db, storeId, countId);
  if (count.status === 'counting')
    throw new AppError('COUNT_NOT_SUBMITTED', 'The variance report opens once the count is submitted: the counter must not see expected quantities.');
  const lines = db
    .select({ line: inventoryCountLines, unit: packages.unit, productName: products.name, priceCents: products.priceCents, approver: staff.displayName })
    .from(inventoryCountLines)
    .leftJoin(packages, eq(packages.id, inventoryCountLines.packageId))
    .leftJoin(products, eq(products.id, packages.productId))
    .leftJoin(staff, eq(staff.id, inventoryCountLines.approvedBy))
    .where(eq(inventoryCountLines.countId, countId))
    .orderBy(asc(inventoryCountLines.tag))
    .all();
  return {
    id: count.id,
    area: count.area,
    status: count.status,
    submittedAt: count.submittedAt?.toISOString() ?? null,
    metrc: { read: metrc.quantities !== null, note: metrc.note },
    approvalThresholdCents: readSetting(db, adjustmentApprovalThresholdSetting),
    lines: lines.map(({ line, unit, productName, priceCents, approver }): VarianceLine => {
      const variance = line.expected === null ? null : line.counted - line.expected;
      return {
        tag: line.tag,
        productName,
        unit,
        register: line.expected,
        counted: line.counted,
        metrc: metrc.quantities?.get(line.tag) ?? null,
        variance,
        varianceValueCents: variance === null || unit === null || priceCents === null ? null : valueCents(variance, unit, priceCents),
        unknown: line.packageId === null,
        recounted: line.recounted,
        decision: line.decision,
        metrcReason: line.metrcReason,
        note: line.note,
        approvedBy: approver,
      };
    }),
  };
}

export interface Approval {
  readonly metrcReason: string;
  readonly note: string;
  /** A manager's grant for this command, or the caller being one. */
  readonly approvedBy: string | null;
  /** Metrc's reasons, when they could be read: the chosen one must be among them (and have its note). */
  readonly reasons: ReadonlyArray<{ readonly name: string; readonly requiresNote: boolean }> | null;
}

/**
 * One variance becomes a stock adjustment: the package moves by the
 * variance (a delta, never an overwrite: sales since the count stay
 * counted), and one `package.adjust` with the state's own reason goes into
 * the outbox in the same transaction. The line keeps the outbox id, so the
 * adjustment can be queued once only.
 */
export function approveVariance(db: RegisterDb, by: Counter, countId: string, tag: string, approval: Approval): void {
  writeTransaction(db, (tx) => {
    const count = requireCount(tx, by.storeId, countId);
    if (count.status !== 'review') throw new AppError('COUNT_NOT_IN_REVIEW', 'Variances are approved after the count is submitted, before it is closed.');
    const row = tx
      .select({ line: inventoryCountLines, pkg: packages, priceCents: products.priceCents, timeZone: stores.timeZone })
      .from(inventoryCountLines)
      .leftJoin(packages, eq(packages.id, inventoryCountLines.packageId))
      .leftJoin(products, eq(products.id, packages.productId))
      .leftJoin(stores, eq(stores.id, packages.storeId))
      .where(and(eq(inventoryCountLines.countId, countId), eq(inventoryCountLines.tag, tag)))
      .get();
    if (row === undefined) throw new AppError('COUNT_LINE_NOT_FOUND', `${tag} was not counted in this count.`);
    const { line, pkg } = row;
    if (line.decision !== 'pending' || line.outboxId !== null) throw new AppError('COUNT_LINE_DECIDED', `The variance on ${tag} has already been decided.`);
    if (pkg === null || line.expected === null)
      throw new AppError('COUNT_UNKNOWN_TAG', `${tag} is not a package the register knows: receive it, or dismiss the line with a note.`);
    const variance = line.counted - line.expected;
    const reason = approval.reasons?.find((r) => r.name.toLowerCase() === approval.metrcReason.trim().toLowerCase());
    if (approval.reasons !== null && reason === undefined)
      throw new AppError(
        'COUNT_REASON_UNKNOWN',
        `Metrc does not offer "${approval.metrcReason}" here: pick one of ${approval.reasons.map((r) => r.name).join(', ')}.`,
      );
    if (reason?.requiresNote === true && approval.note.trim() === '') throw new AppError('COUNT_NOTE_REQUIRED', `Metrc needs a note with "${reason.name}".`);
    const threshold = readSetting(tx, adjustmentApprovalThresholdSetting);
    const value = Math.abs(valueCents(variance, pkg.unit, row.priceCents ?? 0));
    if (value > threshold && approval.approvedBy === null)
      throw new AppError('APPROVAL_REQUIRED', `This variance is worth more than the store's threshold: a manager must approve the adjustment.`, {
        valueCents: value,
        thresholdCents: threshold,
      });
    const onHand = pkg.quantityOnHand + variance;
    if (onHand < 0) throw new AppError('COUNT_BELOW_ZERO', `${tag} has sold since the count: the adjustment would leave it below zero. Count it again.`);
    tx.update(packages).set({ quantityOnHand: onHand }).where(eq(packages.id, pkg.id)).run();
    if (isStoreLinked(tx))
      queueStockMovesForStore(tx, `count:${countId}:${tag}`, [{ key: `count:${countId}:${tag}`, packageTag: tag, delta: variance, reason: 'count' }], by.now);
    const payload: OutboxMessage<'package.adjust'> = {
      packageTag: tag,
      quantity: variance,
      unit: pkg.unit,
      reason: 'count_variance',
      metrcReason: reason?.name ?? approval.metrcReason.trim(),
      note: approval.note.trim() === '' ? `Inventory count ${count.area}` : approval.note.trim(),
      date: businessDay(by.now, row.timeZone ?? 'UTC'),
    };
    const queued = tx
      .insert(outbox)
      .values({
        destination: TRACEABILITY_LANE,
        kind: 'package.adjust',
        aggregateId: countId,
        payload,
        nextAttemptAt: by.now,
        createdAt: by.now,
        updatedAt: by.now,
      })
      .returning({ id: outbox.id })
      .get();
    tx.update(inventoryCountLines)
      .set({
        decision: 'approved',
        metrcReason: payload.metrcReason ?? null,
        note: approval.note.trim() === '' ? null : approval.note.trim(),
        decidedBy: by.staffId,
        approvedBy: approval.approvedBy,
        decidedAt: by.now,
        outboxId: queued.id,
      })
      .where(eq(inventoryCountLines.id, line.id))
      .run();
    appendAudit(tx, {
      at: by.now,
      staffId: by.staffId,
      terminalId: by.terminalId,
      action: 'inventory.adjust',
      entityType: 'package',
      entityId: pkg.id,
      before: { quantityOnHand: pkg.quantityOnHand },
      after: {
        quantityOnHand: onHand,
        tag,
        variance,
        unit: pkg.unit,
        metrcReason: payload.metrcReason,
        count: countId,
        approvedBy: approval.approvedBy,
        valueCents: value,
      },
    });
  });
}

export function dismissVariance(db: RegisterDb, by: Counter, countId: string, tag: string, note: string): void {
  writeTransaction(db, (tx) => {
    const count = requireCount(tx, by.storeId, countId);
    if (count.status !== 'review') throw new AppError('COUNT_NOT_IN_REVIEW', 'Variances are decided after the count is submitted, before it is closed.');
    const line = tx
      .select()
      .from(inventoryCountLines)
      .where(and(eq(inventoryCountLines.countId, countId), eq(inventoryCountLines.tag, tag)))
      .get();
    if (line === undefined) throw new AppError('COUNT_LINE_NOT_FOUND', `${tag} was not counted in this count.`);
    if (line.decision !== 'pending') throw new AppError('COUNT_LINE_DECIDED', `The variance on ${tag} has already been decided.`);
    tx.update(inventoryCountLines)
      .set({ decision: 'dismissed', note, decidedBy: by.staffId, decidedAt: by.now })
      .where(eq(inventoryCountLines.id, line.id))
      .run();
    appendAudit(tx, {
      at: by.now,
      staffId: by.staffId,
      terminalId: by.terminalId,
      action: 'count.dismiss',
      entityType: 'inventory_count',
      entityId: countId,
      after: { tag, counted: line.counted, register: line.expected, note },
    });
  });
}

export function closeCount(db: RegisterDb, by: Counter, countId: string): void {
  writeTransaction(db, (tx) => {
    const count = requireCount(tx, by.storeId, countId);
    if (count.status !== 'review') throw new AppError('COUNT_NOT_IN_REVIEW', 'Only a submitted count can be closed.');
    const pending = tx
      .select({ tag: inventoryCountLines.tag })
      .from(inventoryCountLines)
      .where(and(eq(inventoryCountLines.countId, countId), eq(inventoryCountLines.decision, 'pending')))
      .all();
    if (pending.length > 0)
      throw new AppError(
        'COUNT_VARIANCES_PENDING',
        `${pending.length} variance(s) still need a decision (approve or dismiss): ${pending.map((p) => p.tag).join(', ')}.`,
      );
    tx.update(inventoryCounts).set({ status: 'closed', closedBy: by.staffId, closedAt: by.now }).where(eq(inventoryCounts.id, countId)).run();
    appendAudit(tx, {
      at: by.now,
      staffId: by.staffId,
      terminalId: by.terminalId,
      action: 'count.close',
      entityType: 'inventory_count',
      entityId: countId,
      after: { area: count.area },
    });
  });
}

export function varianceLineOf(
  db: RegisterDb,
  storeId: string,
  countId: string,
  tag: string,
  metrc: { quantities: MetrcQuantities | null; note: string },
): VarianceLine {
  const line = varianceReport(db, storeId, countId, metrc).lines.find((l) => l.tag === tag);
  if (line === undefined) throw new AppError('COUNT_LINE_NOT_FOUND', `${tag} was not counted in this count.`);
  return line;
}
