import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { and, asc, gte, lt } from 'drizzle-orm';
import { auditLog } from '../db/schema';
import type { RegisterDb } from '../db/open';
import { verifyAuditChain, type AuditVerification } from './log';

export interface AuditExport {
  readonly file: string;
  readonly entries: number;
  readonly verification: AuditVerification;
}

/**
 * Writes the audit log as JSON Lines for a regulator: first a header with
 * the whole chain's verification verdict, then one line per entry with its
 * hashes, so the recipient can re-check the chain themselves.
 */
export async function exportAuditLog(db: RegisterDb, file: string, range: { from?: Date; to?: Date } = {}): Promise<AuditExport> {
  const verification = verifyAuditChain(db);
  const out = createWriteStream(file, { encoding: 'utf8', mode: 0o600 });
  const write = async (line: string): Promise<void> => {
    if (!out.write(`${line}\n`)) await once(out, 'drain');
  };
  await write(
    JSON.stringify({
      kind: 'greentill-audit-export',
      version: 1,
      exportedAt: new Date().toISOString(),
      hash: 'before the entry "audit.chain_keyed": sha256(prevHash + "\\n" + canonical JSON of the entry); from it on: HMAC-SHA256 under the register\'s audit key of prevHash + "\\n" + canonical JSON of the entry with its seal',
      verification,
    }),
  );
  const conditions = [
    range.from === undefined ? undefined : gte(auditLog.at, range.from),
    range.to === undefined ? undefined : lt(auditLog.at, range.to),
  ].filter((c) => c !== undefined);
  const where = and(...conditions);
  let entries = 0;
  let after = 0;
  for (;;) {
    const page = db
      .select()
      .from(auditLog)
      .where(and(where, gte(auditLog.seq, after + 1)))
      .orderBy(asc(auditLog.seq))
      .limit(1000)
      .all();
    for (const row of page) await write(JSON.stringify({ ...row, at: row.at.toISOString() }));
    entries += page.length;
    const last = page.at(-1);
    if (last === undefined || page.length < 1000) break;
    after = last.seq;
  }
  out.end();
  await once(out, 'finish');
  return { file, entries, verification };
}

/**
 * One page of the audit log for the register's own export screen or a
 * support tool going through the contract (permission `audit.export`):
 * entries after `afterSeq`, oldest first, with the chain's verdict on the
 * first page. The export itself is audited by the caller.
 */
export function auditExportPage(
  db: RegisterDb,
  input: { from?: Date; to?: Date; afterSeq: number; limit: number },
): { verification: AuditVerification | null; entries: Array<Record<string, unknown>>; nextAfterSeq: number | null } {
  const conditions = [
    input.from === undefined ? undefined : gte(auditLog.at, input.from),
    input.to === undefined ? undefined : lt(auditLog.at, input.to),
    gte(auditLog.seq, input.afterSeq + 1),
  ].filter((c) => c !== undefined);
  const page = db
    .select()
    .from(auditLog)
    .where(and(...conditions))
    .orderBy(asc(auditLog.seq))
    .limit(input.limit)
    .all();
  const last = page.at(-1);
  return {
    verification: input.afterSeq === 0 ? verifyAuditChain(db) : null,
    entries: page.map((row) => ({ ...row, at: row.at.toISOString() })),
    nextAfterSeq: last === undefined || page.length < input.limit ? null : last.seq,
  };
}
