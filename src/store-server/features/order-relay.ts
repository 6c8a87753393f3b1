import { eq, sql } from 'drizzle-orm';
import { relayPullResponseSchema, type RelayEvent } from '../../shared/contract/relay';
import { isServiceAddress } from '../../shared/contract/sync';
import { AppError } from '../../shared/errors';
import { relayConnection, relayFeed, storeOrderEvents } from '../db/schema';
import type { StoreDb } from '../db/open';
import { seal, unseal, type StoreSealingKey } from '../sealing';

/** The sealed credential's field name (its associated data: a value copied from another field will not open). */
const CREDENTIAL_FIELD = 'relay_connection.credential';
const ROW = 'relay';
/** Events asked for per request. */
const PAGE = 200;

/**
 * The store's order relay, set by an admin (`store-relay-set`): from now on
 * the store server is the store's one puller of online orders (issue #21).
 * The feed row is created with it (cursor 0: the relay serves what it still
 * has), and being published it tells every register to stop pulling itself.
 */
export async function setRelayConnection(
  db: StoreDb,
  key: StoreSealingKey,
  input: { url: string; credential: string },
  now: Date,
): Promise<{ url: string; cursor: number }> {
  const url = input.url.trim().replace(/\/+$/, '');
  if (!URL.canParse(url) || !isServiceAddress(url) || new URL(url).username !== '')
    throw new AppError('INVALID_ARGUMENTS', 'The relay address must be a URL starting with https:// (http:// only for localhost), with no user name.');
  if (input.credential.trim().length < 20) throw new AppError('INVALID_ARGUMENTS', 'The relay credential is the long code `relay-store-add` printed.');
  const row = { id: ROW, url, credentialSealed: seal(key, CREDENTIAL_FIELD, input.credential.trim()), updatedAt: now };
  return db.transaction(async (tx) => {
    await tx.insert(relayConnection).values(row).onConflictDoUpdate({ target: relayConnection.id, set: row });
    await tx.insert(relayFeed).values({ id: ROW, cursor: 0, updatedAt: now }).onConflictDoNothing();
    const [feed] = await tx.select().from(relayFeed).where(eq(relayFeed.id, ROW));
    return { url, cursor: feed?.cursor ?? 0 };
  });
}

/** Whether this store server pulls the store's orders (told to registers with every lease: they then do not pull themselves). */
export async function relayConfigured(db: StoreDb): Promise<boolean> {
  const [link] = await db.select({ id: relayConnection.id }).from(relayConnection).where(eq(relayConnection.id, ROW));
  return link !== undefined;
}

/** Where the store's pull stands, for IT (`store-relay-status`): never the credential. */
export async function relayStatus(db: StoreDb): Promise<{ url: string | null; cursor: number | null; events: number }> {
  const [link] = await db.select({ url: relayConnection.url }).from(relayConnection).where(eq(relayConnection.id, ROW));
  const [feed] = await db.select().from(relayFeed).where(eq(relayFeed.id, ROW));
  const [count] = await db.select({ n: sql<number>`count(*)::int` }).from(storeOrderEvents);
  return { url: link?.url ?? null, cursor: feed?.cursor ?? null, events: count?.n ?? 0 };
}

/** The relay could not answer now (unreachable, 5xx, 408, 429): the next pass tries again from the same cursor. */
export class RelayNotNow extends Error {}

/**
 * One pull pass: every page after the store's cursor, each page's events
 * stored once (by the relay's event id) with the new cursor in ONE
 * PostgreSQL transaction — a store-core killed mid-pass pulls that page
 * again and stores nothing twice. An answer that is not a page of events
 * stops the pass before anything of it is stored.
 */
export async function pullRelayOnce(
  db: StoreDb,
  key: StoreSealingKey,
  now: () => Date,
  timeoutMs = 10_000,
): Promise<{ pulled: number; stored: number } | null> {
  const [link] = await db.select().from(relayConnection).where(eq(relayConnection.id, ROW));
  if (link === undefined) return null;
  const credential = unseal(key, CREDENTIAL_FIELD, link.credentialSealed);
  let pulled = 0;
  let stored = 0;
  for (;;) {
    const [feed] = await db.select({ cursor: relayFeed.cursor }).from(relayFeed).where(eq(relayFeed.id, ROW));
    const page = await fetchPage(link.url, credential, feed?.cursor ?? 0, timeoutMs);
    if (page.events.length === 0) break;
    stored += await storePage(db, page.events, page.next, now());
    pulled += page.events.length;
  }
  return { pulled, stored };
}

async function storePage(db: StoreDb, events: readonly RelayEvent[], next: number, at: Date): Promise<number> {
  return db.transaction(async (tx) => {
    const rows = await tx
      .insert(storeOrderEvents)
      .values(
        events.map((event) => ({
          eventId: event.eventId,
          cursor: event.cursor,
          connectionId: event.connectionId,
          orderId: event.orderId,
          event,
          storedAt: at,
        })),
      )
      .onConflictDoNothing()
      .returning({ eventId: storeOrderEvents.eventId });
    // Never backwards: a second store-core on the same database may have stored a later page meanwhile.
    await tx
      .insert(relayFeed)
      .values({ id: ROW, cursor: next, updatedAt: at })
      .onConflictDoUpdate({ target: relayFeed.id, set: { cursor: sql`greatest(${relayFeed.cursor}, ${next})`, updatedAt: at } });
    return rows.length;
  });
}

async function fetchPage(url: string, credential: string, after: number, timeoutMs: number) {
  let res: Response;
  try {
    res = await fetch(`${url}/v1/orders?after=${after}&limit=${PAGE}`, {
      headers: { authorization: `Bearer ${credential}` },
      signal: AbortSignal.timeout(timeoutMs),
    });
  } catch (error) {
    throw new RelayNotNow(`The order relay cannot be reached: ${error instanceof Error ? error.message : String(error)}`);
  }
  const text = await res.text();
  if (res.status >= 500 || res.status === 408 || res.status === 429) throw new RelayNotNow(`The order relay answered ${res.status}.`);
  let json: unknown = null;
  try {
    json = JSON.parse(text);
  } catch {
    // not JSON: judged below
  }
  if (res.status !== 200) {
    const error = (json as { error?: { code?: string; message?: string } } | null)?.error;
    throw new AppError(error?.code ?? 'RELAY_REFUSED', error?.message ?? `The order relay answered ${res.status}.`);
  }
  const page = relayPullResponseSchema.safeParse(json);
  if (!page.success || page.data.events.some((e) => e.cursor <= after) || page.data.next < after)
    throw new AppError('STORE_RELAY_ANSWER_INVALID', `The order relay's answer after cursor ${after} is not a page of order events: nothing of it was stored.`);
  return page.data;
}

export interface RelayPullerTuning {
  /** Between passes (the registers see an order within about this). */
  readonly intervalMs: number;
}

/** Pulls on a timer, one pass at a time, until stopped; a failed pass is reported and the next carries on from the cursor. */
export class RelayPuller {
  readonly #db: StoreDb;
  readonly #key: StoreSealingKey;
  readonly #intervalMs: number;
  #timer: NodeJS.Timeout | null = null;
  #pass: Promise<unknown> | null = null;
  #stopped = false;
  lastError: string | null = null;

  constructor(db: StoreDb, key: StoreSealingKey, tuning: Partial<RelayPullerTuning> = {}) {
    this.#db = db;
    this.#key = key;
    this.#intervalMs = tuning.intervalMs ?? 1_000;
  }

  start(): void {
    this.#schedule(0);
  }

  #schedule(delayMs: number): void {
    if (this.#stopped) return;
    this.#timer = setTimeout(() => {
      this.#pass = pullRelayOnce(this.#db, this.#key, () => new Date())
        .then(
          () => (this.lastError = null),
          (error: unknown) => {
            const why = error instanceof Error ? error.message : String(error);
            if (why !== this.lastError) process.stderr.write(`${JSON.stringify({ relayPull: why })}\n`);
            this.lastError = why;
          },
        )
        .finally(() => {
          this.#pass = null;
          this.#schedule(this.#intervalMs);
        });
    }, delayMs);
    this.#timer.unref();
  }

  async stop(): Promise<void> {
    this.#stopped = true;
    if (this.#timer !== null) clearTimeout(this.#timer);
    await this.#pass;
  }
}
