import { and, desc, eq, sql } from 'drizzle-orm';
import { AppError } from '../../../shared/errors';
import { auditHead, auditLog } from '../db/schema';
import type { RegisterDb } from '../db/register-db';
import { writeTransaction, type RegisterTx } from '../db/transaction';
import { preparedOnce } from '../db/prepared';
import { macOnConnection } from './audit-key';
import { CHAIN_KEYED_ACTION, GENESIS_HASH, hashEntry, headMessage, macMessage, type AuditEntry } from './chain';
import { salesWithPayments, sealOf, sealSale, type SaleSeal } from './sale-seal';

export { verifyAuditChain, type AuditVerification } from './verify';

export { CHAIN_KEYED_ACTION, GENESIS_HASH, hashEntry, headMessage, macMessage, type AuditEntry } from './chain';

/**
 * Appends one entry inside the caller's transaction, chained to the previous
 * one by an HMAC under the audit key (on the connection: see audit-key.ts),
 * and moves the keyed head. An entry about a sale seals the sale's row and
 * its payments as they stand now. Must run in an IMMEDIATE transaction so
 * two writers cannot read the same previous MAC.
 */
export function appendAudit(tx: RegisterTx, entry: AuditEntry): { seq: number; hash: string } {
  return appendSealed(tx, entry, entry.entityType === 'sale' ? sealSale(tx, entry.entityId) : null);
}

function appendSealed(tx: RegisterTx, entry: AuditEntry, sealIfKeyed: SaleSeal | null): { seq: number; hash: string } {
  const last = lastEntry(tx).get();
  const seq = (last?.seq ?? 0) + 1;
  const prevHash = last?.hash ?? GENESIS_HASH;
  // Before the chain is keyed (no head: a store being set up from the command line, without the
  // register's key), entries use the older SHA-256 scheme; the keying entry pins them at the first start.
  const keyed = entry.action === CHAIN_KEYED_ACTION || headRow(tx).get() !== undefined;
  const seal = keyed ? sealIfKeyed : null;
  const hash = keyed ? macOnConnection(tx, macMessage(seq, prevHash, entry, seal)) : hashEntry(seq, prevHash, entry);
  insertEntry(tx).run({
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
    seal,
  });
  if (!keyed) return { seq, hash };
  moveHead(tx).run({ seq, mac: macOnConnection(tx, headMessage(seq, hash)) });
  return { seq, hash };
}

// Every write appends through these: prepared once per connection (issue #18).
const p = sql.placeholder;

const lastEntry = preparedOnce((db) => db.select({ seq: auditLog.seq, hash: auditLog.hash }).from(auditLog).orderBy(desc(auditLog.seq)).limit(1).prepare());

const headRow = preparedOnce((db) => db.select({ id: auditHead.id }).from(auditHead).prepare());

const insertEntry = preparedOnce((db) =>
  db
    .insert(auditLog)
    .values({
      seq: p('seq'),
      at: p('at'),
      staffId: p('staffId'),
      terminalId: p('terminalId'),
      action: p('action'),
      entityType: p('entityType'),
      entityId: p('entityId'),
      before: p('before'),
      after: p('after'),
      prevHash: p('prevHash'),
      hash: p('hash'),
      seal: p('seal'),
    })
    .prepare(),
);

// The head's one row, written or moved: its values named once, for the insert and the update alike.
const moveHead = preparedOnce((db) =>
  db
    .insert(auditHead)
    .values({ id: 1, seq: p('seq'), mac: p('mac') })
    .onConflictDoUpdate({ target: auditHead.id, set: { seq: sql`excluded.seq`, mac: sql`excluded.mac` } })
    .prepare(),
);

/**
 * Keys the chain of a database at its first start with a build that keys it
 * (a new database, or one written by an older build): appends
 * `audit.chain_keyed`, whose MAC covers the older chain's last hash and
 * length, so the older, unkeyed entries cannot be rewritten either; then
 * seals every sale already in the file, 500 to an entry. Does nothing on a
 * database already keyed (it has a head). Returns the entries appended.
 */
export function ensureKeyedChain(db: RegisterDb, now: Date): number {
  return writeTransaction(db, (tx) => {
    const last = tx.select({ seq: auditLog.seq, hash: auditLog.hash }).from(auditLog).orderBy(desc(auditLog.seq)).limit(1).get();
    const keyedAt = tx
      .select({ seq: auditLog.seq })
      .from(auditLog)
      .where(and(eq(auditLog.entityType, 'audit'), eq(auditLog.entityId, 'chain'), eq(auditLog.action, CHAIN_KEYED_ACTION)))
      .limit(1)
      .get();
    if (keyedAt !== undefined) {
      assertHeadIntact(tx, last);
      return 0;
    }
    let appended = 1;
    appendSealed(
      tx,
      {
        at: now,
        staffId: null,
        terminalId: null,
        action: CHAIN_KEYED_ACTION,
        entityType: 'audit',
        entityId: 'chain',
        after: { scheme: 'hmac-sha256 v1', olderEntries: last?.seq ?? 0, olderHead: last?.hash ?? GENESIS_HASH },
      },
      null,
    );
    for (const page of salesWithPayments(tx)) {
      const seal: SaleSeal = Object.fromEntries(page.map((s) => [s.sale.id, sealOf(s.sale, s.payments)]));
      appendSealed(
        tx,
        { at: now, staffId: null, terminalId: null, action: 'sale.seal_existing', entityType: 'audit', entityId: 'sales', after: { sales: page.length } },
        seal,
      );
      appended += 1;
    }
    return appended;
  });
}

/**
 * A keyed chain whose head is gone or names another entry lost its tail (or
 * was keyed with another key): appending would write a new head over the
 * evidence, so the register does not start on it.
 */
function assertHeadIntact(tx: RegisterTx, last: { seq: number; hash: string } | undefined): void {
  const head = tx.select().from(auditHead).get();
  if (head !== undefined && last !== undefined && head.seq === last.seq && head.mac === macOnConnection(tx, headMessage(last.seq, last.hash))) return;
  throw new AppError(
    'AUDIT_CHAIN_BROKEN',
    'The register will not start: the end of its audit log does not match its keyed head — entries were removed, or the file was keyed on another computer. Do not use this register; call IT support and keep the file as it is.',
    { lastSeq: last?.seq ?? 0, headSeq: head?.seq ?? null },
  );
}
