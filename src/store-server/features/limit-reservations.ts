import { and, eq, gte, inArray, sql } from 'drizzle-orm';
import { AppError } from '../../shared/errors';
import type { ValidReserveRequest, ReserveResponse } from '../../shared/contract/store-server';
import { evaluateLimits } from '../../shared/domain/compliance/limit-evaluation';
import type { LimitItem, PriorPurchase } from '../../shared/domain/compliance/limit-item';
import { isolatedReserve, overWithReserve } from '../../shared/domain/compliance/isolation-policy';
import { limitViolations } from '../../shared/domain/compliance/purchase-check';
import { longestLookbackDays, rulePackFor } from '../../shared/domain/compliance/rule-packs';
import { businessDay, storeLocal } from '../../shared/domain/store-calendar';
import { limitLedger, limitReservations, personAliases, terminals } from '../db/schema';
import type { StoreDb } from '../db/open';
import { readStoreSettings } from './store-settings';
import { isolatedTerminalCount, LEASE_MS, type Terminal } from './terminals';

type Tx = Parameters<Parameters<StoreDb['transaction']>[0]>[0];

/** How long an unconfirmed hold counts while its terminal is connected (an abandoned cart's hold then lapses). */
export const RESERVATION_TTL_MS = 15 * 60_000;

/**
 * Holds a cart's usage of a person's limits across every register of the
 * store, before payment. Serialised per person by a transaction-scoped
 * advisory lock, so two registers selling to the same person at the same
 * moment are decided one after the other; the rules are the same pure
 * module every register runs (exact fractions, rolling periods, age bands),
 * over every register's ledger rows and every hold still counting. Keyed by
 * the sale id: a retry answers as the first call did and holds nothing more.
 */
export async function reserveLimits(db: StoreDb, terminal: Terminal, request: ValidReserveRequest, now: Date): Promise<ReserveResponse> {
  const settings = await readStoreSettings(db);
  const pack = rulePackFor(settings.identity.state);
  const { timeZone } = settings.identity;
  const policy = settings.isolation[request.customerType];
  const isolated = await isolatedTerminalCount(db, now, terminal.id);
  return db.transaction(async (tx) => {
    await lockPerson(tx, request.personKey);
    const [existing] = await tx.select().from(limitReservations).where(eq(limitReservations.saleId, request.saleId));
    if (existing !== undefined) {
      if (existing.personKey !== request.personKey) throw new AppError('RESERVATION_CONFLICT', 'This sale already holds limits for another person.');
      if (existing.status !== 'released') return { outcome: 'held', expiresAt: existing.expiresAt.toISOString() };
    }
    await learnAliases(tx, terminal, request.personKey, request.aliases, now);
    const prior = await personHistory(tx, await keysOfPerson(tx, request.personKey), now, timeZone, request.saleId);
    const usage = evaluateLimits(pack, {
      customerType: request.customerType,
      resident: request.resident,
      at: now,
      timeZone,
      prior,
      cart: request.cart,
      dateOfBirth: request.dateOfBirth,
    });
    const refused = usage.filter((u) => u.over || overWithReserve(u, isolatedReserve(policy, u.rule.bucket, isolated)));
    if (refused.length > 0) {
      const violations = limitViolations(refused.map((u) => ({ ...u, over: true })));
      return {
        outcome: 'refused',
        violations: violations.map((v) => ({
          bucket: v.category ?? '',
          limit: v.limit ?? 0,
          attempted: v.attempted ?? 0,
          remaining: v.remaining ?? 0,
          unit: v.unit ?? '',
          message: `${v.message}${isolated > 0 && policy.mode === 'allowance' ? ` (${isolated} register(s) are offline: part of the limit is held for them)` : ''}`,
        })),
      };
    }
    const expiresAt = new Date(now.getTime() + RESERVATION_TTL_MS);
    const values = {
      saleId: request.saleId,
      personKey: request.personKey,
      terminalId: terminal.id,
      businessDay: businessDay(now, timeZone),
      items: request.cart,
      status: 'held' as const,
      createdAt: now,
      expiresAt,
    };
    await tx.insert(limitReservations).values(values).onConflictDoUpdate({ target: limitReservations.saleId, set: values });
    return { outcome: 'held', expiresAt: expiresAt.toISOString() };
  });
}

/** Releases a hold (a voided or abandoned cart). Releasing twice, or a hold never made, is not an error. */
export async function releaseLimits(db: StoreDb, terminal: Terminal, saleId: string): Promise<{ released: boolean }> {
  const rows = await db
    .update(limitReservations)
    .set({ status: 'released' })
    .where(and(eq(limitReservations.saleId, saleId), eq(limitReservations.terminalId, terminal.id), eq(limitReservations.status, 'held')))
    .returning();
  return { released: rows.length > 0 };
}

/** A register names the person under its pre-pairing key too: remembered, so every register's holds count those sales. */
async function learnAliases(tx: Tx, terminal: Terminal, personKey: string, aliases: readonly string[], now: Date): Promise<void> {
  const fresh = aliases.filter((a) => a !== personKey);
  if (fresh.length === 0) return;
  await tx
    .insert(personAliases)
    .values(fresh.map((aliasKey) => ({ aliasKey, personKey, terminalId: terminal.id, learnedAt: now })))
    .onConflictDoNothing();
}

/** The person's key and every pre-pairing key a register has named them by. */
export async function keysOfPerson(tx: Tx, personKey: string): Promise<string[]> {
  const aliases = await tx.select({ key: personAliases.aliasKey }).from(personAliases).where(eq(personAliases.personKey, personKey));
  return [personKey, ...aliases.map((a) => a.key)];
}

export async function lockPerson(tx: Tx, personKey: string): Promise<void> {
  await tx.execute(sql`SELECT pg_advisory_xact_lock(hashtextextended(${personKey}, 20))`);
}

/**
 * Everything that counts against a person now: every register's ledger
 * rows in the longest period any rule looks back, and every hold that still
 * counts — unexpired, or made by a terminal now isolated (it may have sold
 * and not yet been able to say so).
 */
export async function personHistory(tx: Tx, personKeys: readonly string[], now: Date, timeZone: string, exceptSale: string | null): Promise<PriorPurchase[]> {
  const firstDay = storeLocal(now, timeZone).minus({ days: longestLookbackDays() }).toISODate();
  const ledger = await tx
    .select()
    .from(limitLedger)
    .where(and(inArray(limitLedger.personKey, [...personKeys]), gte(limitLedger.businessDay, firstDay ?? '')));
  const holds = await tx
    .select({ r: limitReservations, lastSeenAt: terminals.lastSeenAt })
    .from(limitReservations)
    .leftJoin(terminals, eq(terminals.id, limitReservations.terminalId))
    .where(and(inArray(limitReservations.personKey, [...personKeys]), eq(limitReservations.status, 'held')));
  const leaseStart = now.getTime() - LEASE_MS;
  const counting = holds.filter(
    ({ r, lastSeenAt }) => r.saleId !== exceptSale && (r.expiresAt.getTime() > now.getTime() || (lastSeenAt !== null && lastSeenAt.getTime() < leaseStart)),
  );
  return [
    ...ledger.map((row) => ({
      category: row.category,
      netWeightMg: row.netWeightMg,
      thcMg: row.thcMg,
      quantity: row.quantity,
      time: row.at,
      day: row.businessDay,
    })),
    ...counting.flatMap(({ r }) => (r.items as LimitItem[]).map((item) => ({ ...item, time: r.createdAt, day: r.businessDay }))),
  ];
}
