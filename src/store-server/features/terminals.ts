import { and, eq, isNotNull, isNull, lt, ne, sql } from 'drizzle-orm';
import { AppError } from '../../shared/errors';
import { terminals } from '../db/schema';
import type { StoreDb } from '../db/open';
import type { StoreTerminal } from '../../shared/contract/store-server';
import { credentialHash } from './pairing';
import { closeReads } from './store-reads';

export type Terminal = typeof terminals.$inferSelect;

/**
 * How long a terminal counts as connected after it was last heard from.
 * Terminals renew every third of it; past it, the server counts them as
 * isolated (their held reservations keep counting, and the store's
 * isolation reserve applies), and they count themselves isolated too.
 */
export const LEASE_MS = 5_000;

/** The terminal a bearer credential belongs to; a retired or unknown one is refused. */
export async function authenticate(db: StoreDb, credential: string | null, now: Date): Promise<Terminal> {
  if (credential === null) throw new AppError('STORE_UNAUTHENTICATED', 'This register is not paired with the store server.');
  // One statement: found, not retired, and heard from now (a retired terminal's row is left as it was).
  const [row] = await db
    .update(terminals)
    .set({ lastSeenAt: sql`CASE WHEN ${terminals.retiredAt} IS NULL THEN ${now.toISOString()}::timestamptz ELSE ${terminals.lastSeenAt} END` })
    .where(eq(terminals.credentialHash, credentialHash(credential)))
    .returning();
  if (row === undefined) throw new AppError('STORE_UNAUTHENTICATED', 'This register is not paired with the store server: pair it again on the Sync screen.');
  if (row.retiredAt !== null) throw new AppError('TERMINAL_RETIRED', 'This register was retired from the store: a manager must pair it again.');
  return row;
}

/** Terminals that were connected and have not been heard from within the lease (other than `except`). */
export async function isolatedTerminalCount(db: StoreDb, now: Date, except: string): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(terminals)
    .where(
      and(isNull(terminals.retiredAt), isNotNull(terminals.lastSeenAt), lt(terminals.lastSeenAt, new Date(now.getTime() - LEASE_MS)), ne(terminals.id, except)),
    );
  return row?.n ?? 0;
}

/** A clean sign-off: a register switched off at closing is not an isolated one. */
export async function endLease(db: StoreDb, terminalId: string): Promise<void> {
  await db.update(terminals).set({ lastSeenAt: null }).where(eq(terminals.id, terminalId));
}

export async function listTerminals(db: StoreDb): Promise<Terminal[]> {
  return db.select().from(terminals).orderBy(terminals.pairedAt);
}

/** A terminal as the CLI prints it and a register's admin sees it (storeTerminalSchema): never its credential's hash. */
export function terminalView(t: Terminal): StoreTerminal {
  return {
    id: t.id,
    name: t.name,
    pairedAt: t.pairedAt.toISOString(),
    retiredAt: t.retiredAt?.toISOString() ?? null,
    lastSeenAt: t.lastSeenAt?.toISOString() ?? null,
    designated: t.designated === 1,
  };
}

/** Retires a terminal: its credential stops working at once. */
export async function retireTerminal(db: StoreDb, terminalId: string, now: Date): Promise<Terminal> {
  const [done] = await db
    .update(terminals)
    .set({ retiredAt: now })
    .where(and(eq(terminals.id, terminalId), isNull(terminals.retiredAt)))
    .returning();
  if (done === undefined) throw new AppError('TERMINAL_NOT_FOUND', `No active terminal ${terminalId} in this store.`);
  return done;
}

/**
 * What retiring a register from the store means, wherever it is asked (the
 * CLI's store-retire, another register's admin): its credential stops
 * working, then its read path ends (stream, slot and PostgreSQL role), so
 * it can neither call the server nor read the store's tables.
 */
export async function retireFromStore(db: StoreDb, terminalId: string, now: Date): Promise<Terminal> {
  const retired = await retireTerminal(db, terminalId, now);
  await closeReads(db, terminalId);
  return retired;
}
