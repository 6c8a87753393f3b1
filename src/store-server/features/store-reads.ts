import { createHash, randomBytes } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { AppError } from '../../shared/errors';
import { promotionDefinition } from '../../shared/domain/promotions/promotion';
import { catalogPrices, storePromotions } from '../db/schema';
import type { StoreDb } from '../db/open';

/**
 * The read path (issue #20): what registers read from the store server
 * travels by PostgreSQL's own logical replication — the `greentill_reads`
 * publication, one `pgoutput` slot per register made at pairing and dropped
 * at retirement (with `max_slot_wal_keep_size` set, a dead register cannot
 * fill the disk). Registers connect to PostgreSQL at the address the store
 * gives them (`GREENTILL_STORE_READS_URL`, reachable on the LAN), each as
 * its OWN role, made at pairing with a random password, allowed to
 * replicate and to read only the published tables, and dropped at
 * retirement — so retiring a register also ends what it can read. The
 * store server's own role therefore needs CREATEROLE and REPLICATION.
 * Without a reads address, registers keep their own catalog.
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

/** The register's own PostgreSQL role: lower-case letters, digits and underscores (safe as an identifier). */
export function readerFor(terminalId: string): string {
  return `greentill_reads_${createHash('sha256').update(`reader:${terminalId}`).digest('hex').slice(0, 16)}`;
}

/**
 * Makes the register's role and slot (outside any transaction: PostgreSQL
 * requires it for the slot) and says where to read, as that role. Pairing
 * again gives the role a new password.
 */
export async function openReads(db: StoreDb, readsUrl: string | null, terminalId: string): Promise<ReadsAccess | null> {
  if (readsUrl === null) return null;
  const slot = slotFor(terminalId);
  const reader = readerFor(terminalId);
  // base64url: letters, digits, '-' and '_' only, so it can stand quoted in the statement.
  const password = randomBytes(24).toString('base64url');
  try {
    await db.transaction(async (tx) => {
      const exists = await tx.execute(sql`SELECT 1 FROM pg_roles WHERE rolname = ${reader}`);
      const verb = exists.rows.length === 0 ? 'CREATE' : 'ALTER';
      await tx.execute(sql.raw(`${verb} ROLE ${reader} WITH LOGIN REPLICATION PASSWORD '${password}'`));
      await grantPublishedTables(tx, [reader]);
    });
  } catch (error) {
    throw new AppError(
      'STORE_READS_ROLE_FAILED',
      `The store server could not make this register's PostgreSQL role for the read path (${error instanceof Error ? error.message : String(error)}): its database role needs CREATEROLE and REPLICATION.`,
    );
  }
  await db.execute(
    sql`SELECT pg_create_logical_replication_slot(${slot}, 'pgoutput') WHERE NOT EXISTS (SELECT 1 FROM pg_replication_slots WHERE slot_name = ${slot})`,
  );
  const url = new URL(readsUrl);
  url.username = reader;
  url.password = password;
  return { url: url.toString(), slot, publication: READS_PUBLICATION };
}

/**
 * After migrations: a table a newer version added to the publication is
 * readable by the registers paired before it (their roles were granted the
 * tables published then).
 */
export async function grantReadersPublishedTables(db: StoreDb): Promise<void> {
  const readers = await db.execute(sql`SELECT rolname FROM pg_roles WHERE rolname LIKE 'greentill\_reads\_%'`);
  await grantPublishedTables(
    db,
    (readers.rows as Array<{ rolname: string }>).map((r) => r.rolname),
  );
}

/**
 * A retired register reads nothing more: its stream is ended, its slot
 * goes (PostgreSQL stops keeping WAL for it) and its role with it.
 */
export async function closeReads(db: StoreDb, terminalId: string): Promise<void> {
  const slot = slotFor(terminalId);
  const reader = readerFor(terminalId);
  await db.execute(sql`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE usename = ${reader}`);
  // The ended stream frees its slot a moment later.
  for (let attempt = 0; attempt < 50; attempt++) {
    const active = await db.execute(sql`SELECT 1 FROM pg_replication_slots WHERE slot_name = ${slot} AND active`);
    if (active.rows.length === 0) break;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  await db.execute(sql`SELECT pg_drop_replication_slot(slot_name) FROM pg_replication_slots WHERE slot_name = ${slot} AND NOT active`);
  const exists = await db.execute(sql`SELECT 1 FROM pg_roles WHERE rolname = ${reader}`);
  if (exists.rows.length > 0) {
    await db.execute(sql.raw(`DROP OWNED BY ${reader}`));
    await db.execute(sql.raw(`DROP ROLE ${reader}`));
  }
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

/**
 * Sets (adds, changes or ends) one of the store's promotions; registers read
 * it through the read path and price with it. The definition must read as a
 * register's promotion, so no register is sent one it would skip.
 */
export async function setStorePromotion(
  db: StoreDb,
  change: { id: string; name: string; definition: unknown; active: boolean; by: string },
  now: Date,
): Promise<{ id: string; name: string; active: boolean }> {
  const id = change.id.trim();
  if (!/^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/.test(id))
    throw new AppError('INVALID_INPUT', 'A promotion id is 1–64 letters, digits, dots, dashes or underscores.');
  const name = change.name.trim();
  if (name === '' || name.length > 120) throw new AppError('INVALID_INPUT', 'Give the promotion a name of at most 120 characters: the receipt prints it.');
  const parsed = promotionDefinition.safeParse(change.definition);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new AppError('INVALID_INPUT', `The promotion's definition does not read: ${issue?.path.join('.') || 'definition'}: ${issue?.message ?? 'invalid'}.`);
  }
  const row = { id, name, definition: parsed.data, active: change.active ? 1 : 0, updatedAt: now, updatedBy: change.by };
  await db.insert(storePromotions).values(row).onConflictDoUpdate({ target: storePromotions.id, set: row });
  return { id, name, active: change.active };
}

/** Read roles may SELECT every table the read path publishes, and nothing else. */
async function grantPublishedTables(db: Pick<StoreDb, 'execute'>, readers: readonly string[]): Promise<void> {
  if (readers.length === 0) return;
  const tables = await db.execute(sql`SELECT schemaname, tablename FROM pg_publication_tables WHERE pubname = ${READS_PUBLICATION}`);
  for (const reader of readers)
    for (const t of tables.rows as Array<{ schemaname: string; tablename: string }>)
      await db.execute(sql`GRANT SELECT ON ${sql.identifier(t.schemaname)}.${sql.identifier(t.tablename)} TO ${sql.identifier(reader)}`);
}
