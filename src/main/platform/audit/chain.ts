import { createHash } from 'node:crypto';
import { canonicalJson } from './canonical-json';
import type { SaleSeal } from './sale-seal';

/**
 * The audit chain's shape, shared by the writer (log.ts) and the verifier
 * (verify.ts): what an entry is, and exactly which bytes each hash and MAC
 * covers.
 */

/** The hash that stands before the first entry. */
export const GENESIS_HASH = '0'.repeat(64);

/** The entry from which the chain is keyed; everything before it is the older, unkeyed SHA-256 chain. */
export const CHAIN_KEYED_ACTION = 'audit.chain_keyed';

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

function entryBody(seq: number, entry: AuditEntry): Record<string, unknown> {
  return {
    seq,
    at: entry.at.getTime(),
    staffId: entry.staffId,
    terminalId: entry.terminalId,
    action: entry.action,
    entityType: entry.entityType,
    entityId: entry.entityId,
    before: entry.before ?? null,
    after: entry.after ?? null,
  };
}

/** What a keyed entry's MAC covers: the previous MAC, then the entry (with its seal) as canonical JSON. */
export function macMessage(seq: number, prevHash: string, entry: AuditEntry, seal: SaleSeal | null): string {
  return `${prevHash}\n${canonicalJson({ ...entryBody(seq, entry), seal })}`;
}

/** What the head's MAC covers; a label of its own so an entry's MAC can never pass for a head. */
export function headMessage(seq: number, hash: string): string {
  return `greentill audit head v1\n${seq}\n${hash}`;
}

/** The older chain's unkeyed SHA-256, still checked for the entries written before the chain was keyed. */
export function hashEntry(seq: number, prevHash: string, entry: AuditEntry): string {
  return createHash('sha256')
    .update(prevHash)
    .update('\n')
    .update(canonicalJson(entryBody(seq, entry)))
    .digest('hex');
}
