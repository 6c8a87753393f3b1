import { createHash } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { AppError } from '../../shared/errors';
import { catalogPrices } from '../db/schema';
import type { StoreDb } from '../db/open';

/**
 * The read path (issue #20): what registers read from the store server
 * travels by PostgreSQL's own logical replication — the `greentill_reads`
 * publication, one `pgoutput` slot per register made at pairing and dropped
 * at retirement (with `max_slot_wal_keep_size` set, a dead register cannot
 * fill the disk). Registers connect to PostgreSQL at the address the store
 * gives them (`GREENTILL_STORE_READS_URL`: a role with REPLICATION, reachable
 * on the LAN); without one, registers keep their own catalog.
 */
export const READS_PUBLICATION = 'greentill_reads';

export interface ReadsAccess {
  readonly url: string;
  readonly slot: string;
  readonly publication: string;
}

/** A replication slot's name for a register: lower-case letters, digits and underscores, under PostgreSQL's 63. */
export function slotFor(terminalId: string): string {
  return `greentill_${createHash('sha256').update(terminalId).digest('hex').slice(0, 32)}`;
}

/** Makes the register's slot (outside any transaction: PostgreSQL requires it) and says where to read. */
export async function openReads(db: StoreDb, readsUrl: string | null, terminalId: string): Promise<ReadsAccess | null> {
  if (readsUrl === null) return null;
  const slot = slotFor(terminalId);
  await db.execute(
    sql`SELECT pg_create_logical_replication_slot(${slot}, 'pgoutput') WHERE NOT EXISTS (SELECT 1 FROM pg_replication_slots WHERE slot_name = ${slot})`,
  );
  return { url: readsUrl, slot, publication: READS_PUBLICATION };
}

/** A retired register's slot goes, so PostgreSQL stops keeping WAL for it. */
export async function closeReads(db: StoreDb, terminalId: string): Promise<void> {
  const slot = slotFor(terminalId);
  await db.execute(sql`SELECT pg_drop_replication_slot(slot_name) FROM pg_replication_slots WHERE slot_name = ${slot} AND NOT active`);
}

/** A price set for the whole store: every register reads it through its slot. */
export async function setStorePrice(
  db: StoreDb,
  change: { sku: string; priceCents: number; by: string },
  now: Date,
): Promise<{ sku: string; priceCents: number }> {
  if (!Number.isSafeInteger(change.priceCents) || change.priceCents < 0 || change.priceCents > 10_000_000)
    throw new AppError('INVALID_INPUT', 'A price is a whole number of cents from 0 to 10,000,000.');
  if (change.sku.trim() === '') throw new AppError('INVALID_INPUT', 'Name the product by its SKU.');
  const row = { sku: change.sku.trim(), priceCents: change.priceCents, updatedAt: now, updatedBy: change.by };
  await db.insert(catalogPrices).values(row).onConflictDoUpdate({ target: catalogPrices.sku, set: row });
  return { sku: row.sku, priceCents: row.priceCents };
}
