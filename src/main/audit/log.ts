import { createHash } from 'node:crypto';
import { asc, desc, gt } from 'drizzle-orm';
import { auditLog } from '../db/schema';
import type { RegisterDb } from '../db/open';
import type { RegisterTx } from '../db/transaction';
import { canonicalJson } from './canonical-json';

/** The hash that stands before the first entry. */
export const GENESIS_HASH = '0'.repeat(64);

export interface AuditEntry {
  readonly at: Date;
  readonly staffId: string | null;
  readonly terminalId: string | null;
  /** What happened, as `entity.verb`, e.g. `customer.create`, `sale.void`. */
  readonly action: string;
  readonly entityType: string;
  readonly entityId: string;
  readonly before?: unknown;
  readonly after?: unknown;
}

/**
 * Appends one entry inside the caller's transaction, chained to the previous
 * one. Must run in an IMMEDIATE transaction so two writers cannot read the
 * same previous hash.
 */
export function appendAudit(tx: RegisterTx, entry: AuditEntry): { seq: number; hash: string } {
  const last = tx.select({ seq: auditLog.seq, hash: auditLog.hash }).from(auditLog).orderBy(desc(auditLog.seq)).limit(1).get();
  const seq = (last?.seq ?? 0) + 1;
  const prevHash = last?.hash ?? GENESIS_HASH;
  const hash = hashEntry(seq, prevHash, entry);
  tx.insert(auditLog)
    .values({
      seq,
      at: entry.at,
      staffId: entry.staffId,
      terminalId: entry.terminalId,
      action: entry.action,
      entityType: entry.entityType,
      entityId: entry.entityId,
      before: entry.before ?? null,
      after: entry.after ?? null,
      prevHash,
      hash,
    })
    .run();
  return { seq, hash };
}

export function hashEntry(seq: number, prevHash: string, entry: AuditEntry): string {
  const body = canonicalJson({
    seq,
    at: entry.at.getTime(),
    staffId: entry.staffId,
    terminalId: entry.terminalId,
    action: entry.action,
    entityType: entry.entityType,
    entityId: entry.entityId,
    before: entry.before ?? null,
    after: entry.after ?? null,
  });
  return createHash('sha256').update(prevHash).update('\n').update(body).digest('hex');
}

export type AuditVerification =
  | { readonly ok: true; readonly entries: number; readonly lastHash: string }
  | { readonly ok: false; readonly entries: number; readonly seq: number; readonly problem: 'gap' | 'chain' | 'content' };

/**
 * Walks the whole chain. An edited row fails `content` at that row; a deleted
 * row shows as a `gap` (or a `chain` break if the sequence was renumbered).
 */
export function verifyAuditChain(db: RegisterDb): AuditVerification {
  let expectedSeq = 1;
  let prevHash = GENESIS_HASH;
  let entries = 0;
  for (const row of auditRowsInOrder(db)) {
    entries += 1;
    if (row.seq !== expectedSeq) return { ok: false, entries, seq: expectedSeq, problem: 'gap' };
    if (row.prevHash !== prevHash) return { ok: false, entries, seq: row.seq, problem: 'chain' };
    const recomputed = hashEntry(row.seq, row.prevHash, {
      at: row.at,
      staffId: row.staffId,
      terminalId: row.terminalId,
      action: row.action,
      entityType: row.entityType,
      entityId: row.entityId,
      before: row.before,
      after: row.after,
    });
    if (recomputed !== row.hash) return { ok: false, entries, seq: row.seq, problem: 'content' };
    prevHash = row.hash;
    expectedSeq += 1;
  }
  return { ok: true, entries, lastHash: prevHash };
}

/** Reads the log in pages so a years-long chain never sits in memory at once. */
function* auditRowsInOrder(db: RegisterDb, pageSize = 1000) {
  let after = 0;
  for (;;) {
    const page = db.select().from(auditLog).where(gt(auditLog.seq, after)).orderBy(asc(auditLog.seq)).limit(pageSize).all();
    yield* page;
    const last = page.at(-1);
    if (last === undefined || page.length < pageSize) return;
    after = last.seq;
  }
}
