import { asc, gt } from 'drizzle-orm';
import { AppError } from '../../../shared/errors';
import { auditHead, auditLog } from '../db/schema';
import type { RegisterDb } from '../db/register-db';
import { macOnConnection } from './audit-key';
import { CHAIN_KEYED_ACTION, GENESIS_HASH, hashEntry, headMessage, macMessage } from './chain';
import { countPayments, paymentRowDigest, saleRowDigests, salesWithPayments, type SaleSeal } from './sale-seal';

/**
 * An anchor is the chain's head written down outside the file: the latest
 * entry's sequence number and the first 16 hex digits of its MAC, printed on
 * the Z-report and the store-day report and by `verify-audit`. Checking
 * against it catches what the key alone cannot: a file put back to an
 * earlier copy, or a tail cut off and re-headed by someone holding the key.
 */
export interface AuditAnchor {
  readonly seq: number;
  readonly mac: string;
}

const ANCHOR_MAC_HEX = 16;

export function formatAnchor(anchor: AuditAnchor): string {
  return `${anchor.seq}:${anchor.mac.slice(0, ANCHOR_MAC_HEX)}`;
}

export function parseAnchor(text: string): AuditAnchor {
  const match = /^(\d{1,15}):([0-9a-f]{16,64})$/i.exec(text.trim());
  if (match === null)
    throw new AppError('INVALID_ARGUMENTS', 'An anchor looks like 1234:0123456789abcdef (the entry number and the MAC printed on the Z-report).');
  return { seq: Number(match[1]), mac: (match[2] ?? '').toLowerCase() };
}

/** The current head as an anchor to write down (null for an empty chain). */
export function currentAnchor(db: RegisterDb): AuditAnchor | null {
  const head = db.select({ seq: auditHead.seq }).from(auditHead).get();
  if (head === undefined) return null;
  const row = db
    .select({ hash: auditLog.hash })
    .from(auditLog)
    .where(gt(auditLog.seq, head.seq - 1))
    .orderBy(asc(auditLog.seq))
    .limit(1)
    .get();
  return row === undefined ? null : { seq: head.seq, mac: row.hash.slice(0, ANCHOR_MAC_HEX) };
}

export type AuditProblem =
  /** A sequence number is missing. */
  | 'gap'
  /** An entry does not point at the one before it. */
  | 'chain'
  /** An entry's MAC (or, before keying, its hash) does not match its contents. */
  | 'content'
  /** The chain was never keyed, or its keying entry was removed. */
  | 'unkeyed'
  /** The keyed head does not name the last entry: entries were cut off the end. */
  | 'head'
  /** The chain does not reach, or does not match, the anchor written down earlier. */
  | 'anchor'
  /** A sale or payment row differs from what the audit entry that last touched its sale recorded, or has no such entry. */
  | 'sale_row';

export type AuditVerification =
  | { readonly ok: true; readonly entries: number; readonly lastHash: string; readonly anchor: string | null }
  | { readonly ok: false; readonly entries: number; readonly seq: number | null; readonly problem: AuditProblem; readonly saleId?: string };

/**
 * Walks the whole chain and then the sales and payments. Entries before
 * `audit.chain_keyed` are the older unkeyed chain (SHA-256), checked as
 * before and pinned by the keying entry's MAC; from it on, every entry is
 * an HMAC under the audit key, which this connection must hold
 * (`AUDIT_KEY_MISSING` otherwise). Problems name the first entry at fault.
 */
export function verifyAuditChain(db: RegisterDb, options: { anchor?: AuditAnchor } = {}): AuditVerification {
  let expectedSeq = 1;
  let prevHash = GENESIS_HASH;
  let entries = 0;
  let keyed = false;
  let anchorSeen = false;
  const seals = new Map<string, SaleSeal[string]>();
  for (const row of auditRowsInOrder(db)) {
    entries += 1;
    if (row.seq !== expectedSeq) return { ok: false, entries, seq: expectedSeq, problem: 'gap' };
    if (row.prevHash !== prevHash) return { ok: false, entries, seq: row.seq, problem: 'chain' };
    keyed ||= row.action === CHAIN_KEYED_ACTION;
    const entry = {
      at: row.at,
      staffId: row.staffId,
      terminalId: row.terminalId,
      action: row.action,
      entityType: row.entityType,
      entityId: row.entityId,
      before: row.before,
      after: row.after,
    };
    const seal = (row.seal as SaleSeal | null) ?? null;
    const expected = keyed ? macOnConnection(db, macMessage(row.seq, row.prevHash, entry, seal)) : hashEntry(row.seq, row.prevHash, entry);
    if (expected !== row.hash || (!keyed && seal !== null)) return { ok: false, entries, seq: row.seq, problem: 'content' };
    if (options.anchor !== undefined && row.seq === options.anchor.seq) {
      if (!row.hash.startsWith(options.anchor.mac)) return { ok: false, entries, seq: row.seq, problem: 'anchor' };
      anchorSeen = true;
    }
    for (const [saleId, sealed] of Object.entries(seal ?? {})) seals.set(saleId, sealed);
    prevHash = row.hash;
    expectedSeq += 1;
  }
  const lastSeq = expectedSeq - 1;
  if (!keyed) return { ok: false, entries, seq: null, problem: 'unkeyed' };
  const head = db.select().from(auditHead).get();
  if (head === undefined || head.seq !== lastSeq || head.mac !== macOnConnection(db, headMessage(lastSeq, prevHash)))
    return { ok: false, entries, seq: lastSeq, problem: 'head' };
  if (options.anchor !== undefined && !anchorSeen) return { ok: false, entries, seq: options.anchor.seq, problem: 'anchor' };
  const rowProblem = checkSaleRows(db, seals);
  if (rowProblem !== null) return { ok: false, entries, seq: null, problem: 'sale_row', saleId: rowProblem };
  return { ok: true, entries, lastHash: prevHash, anchor: entries === 0 ? null : formatAnchor({ seq: lastSeq, mac: prevHash }) };
}

/** The first sale whose row or payments differ from its latest seal, or that has none; null when all match. */
function checkSaleRows(db: RegisterDb, seals: Map<string, SaleSeal[string]>): string | null {
  const seen = new Set<string>();
  let paymentsSeen = 0;
  for (const page of salesWithPayments(db)) {
    for (const { sale, payments } of page) {
      seen.add(sale.id);
      paymentsSeen += payments.length;
      const sealed = seals.get(sale.id);
      if (sealed === undefined || !saleRowDigests(sale).includes(sealed.sale)) return sale.id;
      if (payments.length !== Object.keys(sealed.payments).length || payments.some((p) => sealed.payments[p.id] !== paymentRowDigest(p))) return sale.id;
    }
  }
  for (const saleId of seals.keys()) if (!seen.has(saleId)) return saleId;
  // A payment pointing at no sale (foreign keys switched off to insert it) is outside every seal.
  if (countPayments(db) !== paymentsSeen) return '(a payment without its sale)';
  return null;
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
