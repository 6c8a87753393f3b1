import { randomUUID } from 'node:crypto';
import { and, asc, desc, eq, gt, ne } from 'drizzle-orm';
import type { CountBlindView } from '../../../shared/contract/counts';
import { AppError } from '../../../shared/errors';
import { appendAudit } from '../../platform/audit/log';
import { inventoryCountLines, inventoryCounts, packages, products } from '../../platform/db/schema';
import type { RegisterDb } from '../../platform/db/open';
import { writeTransaction, type RegisterTx } from '../../platform/db/transaction';

type Reader = RegisterDb | RegisterTx;
type CountRow = typeof inventoryCounts.$inferSelect;

export interface Counter {
  readonly storeId: string;
  readonly staffId: string;
  readonly terminalId: string;
  readonly now: Date;
}

export function startCount(db: RegisterDb, by: Counter, area: string, scope: 'area' | 'full'): CountBlindView {
  const id = randomUUID();
  writeTransaction(db, (tx) => {
    tx.insert(inventoryCounts).values({ id, storeId: by.storeId, area, scope, status: 'counting', startedBy: by.staffId, startedAt: by.now }).run();
    appendAudit(tx, {
      at: by.now,
      staffId: by.staffId,
      terminalId: by.terminalId,
      action: 'count.start',
      entityType: 'inventory_count',
      entityId: id,
      after: { area, scope },
    });
  });
  return blindView(db, id);
}

export function requireCount(db: Reader, storeId: string, countId: string): CountRow {
  const row = db
    .select()
    .from(inventoryCounts)
    .where(and(eq(inventoryCounts.id, countId), eq(inventoryCounts.storeId, storeId)))
    .get();
  if (row === undefined) throw new AppError('COUNT_NOT_FOUND', 'There is no such count in this store.');
  return row;
}

interface Reading {
  readonly units?: number | undefined;
  readonly weightMg?: number | undefined;
}

/**
 * What one scan or reading says about a package: a counted package adds a
 * unit per scan (or `units`); a weighed one is its scale reading, which
 * replaces an earlier one (a package is weighed whole). A reading of the
 * wrong kind is refused: a weight for a counted package would be a mistake.
 */
function countedAfter(unit: 'each' | 'mg' | null, previous: number, reading: Reading, replace: boolean): number {
  if (unit === 'mg') {
    if (reading.weightMg === undefined)
      throw new AppError('COUNT_NEEDS_WEIGHT', 'This package is sold by weight: put it on the scale and enter the reading in grams.');
    return reading.weightMg;
  }
  if (reading.weightMg !== undefined)
    throw new AppError('COUNT_NOT_WEIGHED', 'This package is counted in units, not weighed: scan it or enter the number of units.');
  return replace ? (reading.units ?? 0) : previous + (reading.units ?? 1);
}

export function scanIntoCount(db: RegisterDb, by: Counter, countId: string, tag: string, reading: Reading): CountBlindView {
  writeTransaction(db, (tx) => {
    const count = requireCount(tx, by.storeId, countId);
    if (count.status !== 'counting') throw new AppError('COUNT_NOT_OPEN', 'This count has been submitted: only the recounts it asks for can be entered.');
    const pkg = tx
      .select({ id: packages.id, unit: packages.unit })
      .from(packages)
      .where(and(eq(packages.tag, tag), eq(packages.storeId, by.storeId)))
      .get();
    const line = tx
      .select()
      .from(inventoryCountLines)
      .where(and(eq(inventoryCountLines.countId, countId), eq(inventoryCountLines.tag, tag)))
      .get();
    // An unknown tag is kept with its scans: listed on the report, never dropped.
    const counted = pkg === undefined ? (line?.counted ?? 0) + (reading.units ?? 1) : countedAfter(pkg.unit, line?.counted ?? 0, reading, false);
    if (line === undefined)
      tx.insert(inventoryCountLines)
        .values({ id: randomUUID(), countId, tag, packageId: pkg?.id ?? null, counted, countedBy: by.staffId })
        .run();
    else tx.update(inventoryCountLines).set({ counted, countedBy: by.staffId }).where(eq(inventoryCountLines.id, line.id)).run();
  });
  return blindView(db, countId);
}

/**
 * Counting is over: the register's quantities are taken as they stand now
 * (every scanned package; with scope "full", every package with stock too,
 * counted zero if not scanned) and each tag whose count differs is asked
 * for again. Still blind: the view says which tags, not by how much.
 */
export function submitCount(db: RegisterDb, by: Counter, countId: string): CountBlindView {
  writeTransaction(db, (tx) => {
    const count = requireCount(tx, by.storeId, countId);
    if (count.status !== 'counting') throw new AppError('COUNT_NOT_OPEN', 'This count was already submitted.');
    if (count.scope === 'full') {
      const stocked = tx
        .select({ id: packages.id, tag: packages.tag })
        .from(packages)
        .where(and(eq(packages.storeId, by.storeId), gt(packages.quantityOnHand, 0), ne(packages.status, 'finished')))
        .all();
      for (const p of stocked)
        tx.insert(inventoryCountLines)
          .values({ id: randomUUID(), countId, tag: p.tag, packageId: p.id, counted: 0, countedBy: by.staffId })
          .onConflictDoNothing()
          .run();
    }
    const lines = tx
      .select({ id: inventoryCountLines.id, counted: inventoryCountLines.counted, onHand: packages.quantityOnHand })
      .from(inventoryCountLines)
      .leftJoin(packages, eq(packages.id, inventoryCountLines.packageId))
      .where(eq(inventoryCountLines.countId, countId))
      .all();
    let variances = 0;
    for (const line of lines) {
      const expected = line.onHand ?? null;
      const differs = expected === null || expected !== line.counted;
      if (differs) variances += 1;
      tx.update(inventoryCountLines)
        .set({ expected, recountWanted: differs && expected !== null, decision: differs ? 'pending' : 'none' })
        .where(eq(inventoryCountLines.id, line.id))
        .run();
    }
    tx.update(inventoryCounts).set({ status: 'review', submittedAt: by.now }).where(eq(inventoryCounts.id, countId)).run();
    appendAudit(tx, {
      at: by.now,
      staffId: by.staffId,
      terminalId: by.terminalId,
      action: 'count.submit',
      entityType: 'inventory_count',
      entityId: countId,
      after: { area: count.area, lines: lines.length, variances },
    });
  });
  return blindView(db, countId);
}

/** The recount of a tag the register asked for: replaces the first count (once: a variance it confirms goes to the report), audited with both figures. */
export function recountTag(db: RegisterDb, by: Counter, countId: string, tag: string, reading: Reading): CountBlindView {
  writeTransaction(db, (tx) => {
    const count = requireCount(tx, by.storeId, countId);
    if (count.status !== 'review') throw new AppError('COUNT_NOT_IN_REVIEW', 'Recounts are entered after the count is submitted, before it is closed.');
    const line = tx
      .select({ line: inventoryCountLines, unit: packages.unit })
      .from(inventoryCountLines)
      .leftJoin(packages, eq(packages.id, inventoryCountLines.packageId))
      .where(and(eq(inventoryCountLines.countId, countId), eq(inventoryCountLines.tag, tag)))
      .get();
    if (line === undefined || !line.line.recountWanted) throw new AppError('COUNT_NO_RECOUNT', `The register did not ask for ${tag} to be counted again.`);
    if (line.line.decision !== 'pending') throw new AppError('COUNT_LINE_DECIDED', `The variance on ${tag} has already been decided.`);
    const counted = countedAfter(line.unit, line.line.counted, reading, true);
    const variance = line.line.expected === null ? null : counted - line.line.expected;
    tx.update(inventoryCountLines)
      .set({ counted, recounted: true, countedBy: by.staffId, recountWanted: false, decision: variance === 0 ? 'none' : 'pending' })
      .where(eq(inventoryCountLines.id, line.line.id))
      .run();
    appendAudit(tx, {
      at: by.now,
      staffId: by.staffId,
      terminalId: by.terminalId,
      action: 'count.recount',
      entityType: 'inventory_count',
      entityId: countId,
      after: { tag, first: line.line.counted, recount: counted },
    });
  });
  return blindView(db, countId);
}

export function blindView(db: Reader, countId: string): CountBlindView {
  const count = db.select().from(inventoryCounts).where(eq(inventoryCounts.id, countId)).get();
  if (count === undefined) throw new AppError('COUNT_NOT_FOUND', 'There is no such count in this store.');
  const lines = db
    .select({ line: inventoryCountLines, unit: packages.unit, productName: products.name })
    .from(inventoryCountLines)
    .leftJoin(packages, eq(packages.id, inventoryCountLines.packageId))
    .leftJoin(products, eq(products.id, packages.productId))
    .where(eq(inventoryCountLines.countId, countId))
    .orderBy(asc(inventoryCountLines.tag))
    .all();
  return {
    id: count.id,
    area: count.area,
    scope: count.scope,
    status: count.status,
    startedAt: count.startedAt.toISOString(),
    lines: lines.map(({ line, unit, productName }) => ({
      tag: line.tag,
      productName,
      unit,
      counted: line.counted,
      unknown: line.packageId === null,
      // Only after submission, and only whether: never by how much.
      recountWanted: line.recountWanted,
      recounted: line.recounted,
    })),
  };
}

/** The store's count still being worked (counting or in review), newest first. */
export function currentCount(db: Reader, storeId: string): CountRow | undefined {
  return db
    .select()
    .from(inventoryCounts)
    .where(and(eq(inventoryCounts.storeId, storeId), ne(inventoryCounts.status, 'closed')))
    .orderBy(desc(inventoryCounts.startedAt))
    .limit(1)
    .get();
}
