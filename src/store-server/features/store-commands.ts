import { randomUUID } from 'node:crypto';
import { and, eq, isNull, sql } from 'drizzle-orm';
import type { StoreCommand } from '../../shared/contract/store-server';
import { evaluateLimits } from '../../shared/domain/compliance/limit-evaluation';
import { rulePackFor } from '../../shared/domain/compliance/rule-packs';
import { DateTime } from 'luxon';
import {
  commands,
  itIncidents,
  limitIncidents,
  limitLedger,
  limitReservations,
  sales,
  stockMoves,
  storeHolds,
  storePackages,
  storeProducts,
  storeStaff,
  registerSettings,
  storeCustomers,
  storeLoyalty,
  storeCredits,
  storePromotionUses,
} from '../db/schema';
import type { StoreDb } from '../db/open';
import { keysOfPerson, lockPerson, personHistory } from './limit-reservations';
import { readStoreSettings } from './store-settings';
import type { Terminal } from './terminals';
import type { StoreSealingKey } from '../sealing';
import { acceptMetrcReport } from './metrc-reports';
import { confirmBalances } from './balance-holds';

type Tx = Parameters<Parameters<StoreDb['transaction']>[0]>[0];

export interface CommandResult {
  readonly applied: boolean;
  readonly incidents: number;
}

/**
 * Applies a terminal's command exactly once: the command's key is inserted
 * first, in the same transaction as its effects, so a retry (the terminal
 * crashed after sending, the answer was lost) finds the key and changes
 * nothing. Effects only ever add: ledger rows under the terminal's keys,
 * stock deltas under their own keys; a sale keeps the terminal's id; a
 * Metrc report and its job for the licence's single reporter. Records the
 * store's registers share (the roster, settings, customers' fields) take
 * saves in the order received.
 */
export async function applyStoreCommand(db: StoreDb, sealing: StoreSealingKey, terminal: Terminal, command: StoreCommand, now: Date): Promise<CommandResult> {
  const settings = await readStoreSettings(db);
  return db.transaction(async (tx) => {
    const inserted = await tx
      .insert(commands)
      .values({ key: command.key, terminalId: terminal.id, type: command.type, receivedAt: now, result: {} })
      .onConflictDoNothing()
      .returning();
    if (inserted.length === 0) {
      const [first] = await tx.select().from(commands).where(eq(commands.key, command.key));
      return { applied: false, incidents: (first?.result as { incidents?: number } | undefined)?.incidents ?? 0 };
    }
    if ((command.type === 'sale.recorded' || command.type === 'sale.voided') && command.personKey !== null) await lockPerson(tx, command.personKey);
    let incidents = 0;
    switch (command.type) {
      case 'sale.recorded': {
        await tx
          .insert(sales)
          .values({
            id: command.saleId,
            terminalId: terminal.id,
            at: new Date(command.at),
            businessDay: command.businessDay,
            totalCents: command.totalCents,
            configVersion: command.configVersion,
            isolated: command.isolated ? 1 : 0,
          })
          .onConflictDoNothing();
        await writeLedger(tx, terminal, command.saleId, command.personKey, command.ledger);
        await writeStock(tx, terminal, command.stock, now);
        if (command.promotions !== undefined && command.promotions.length > 0)
          await tx
            .insert(storePromotionUses)
            .values(command.promotions.map((promotionId) => ({ promotionId, saleId: command.saleId, terminalId: terminal.id, at: new Date(command.at) })))
            .onConflictDoNothing();
        if (command.balanceKey != null) await confirmBalances(tx, command.balanceKey);
        if (command.personKey !== null) {
          if (command.reservationKey !== null)
            await tx.update(limitReservations).set({ status: 'confirmed' }).where(eq(limitReservations.saleId, command.reservationKey));
          if (command.isolated) incidents = await reviewPersonDay(tx, settings, command, command.personKey, now);
        }
        break;
      }
      case 'sale.voided':
        await tx
          .update(sales)
          .set({ voidedAt: new Date(command.at) })
          .where(eq(sales.id, command.saleId));
        await writeLedger(tx, terminal, command.saleId, command.personKey, command.ledger);
        await writeStock(tx, terminal, command.stock, now);
        await tx.update(limitReservations).set({ status: 'released' }).where(eq(limitReservations.saleId, command.saleId));
        break;
      case 'stock.moved':
        await writeStock(tx, terminal, command.stock, now);
        break;
      case 'it.incident':
        await keepIncident(tx, terminal, command, now);
        break;
      case 'staff.saved':
        await keepStaff(tx, terminal, command, now);
        break;
      case 'setting.saved': {
        // Saves in the order received, as the roster: every register reads the last one back.
        const row = { value: command.setting.value, updatedAt: now, updatedBy: terminal.id };
        await tx
          .insert(registerSettings)
          .values({ key: command.setting.key, ...row, version: 1 })
          .onConflictDoUpdate({ target: registerSettings.key, set: { ...row, version: sql`${registerSettings.version} + 1` } });
        break;
      }
      case 'hold.placed':
        await tx
          .insert(storeHolds)
          .values({ ...command.hold, placedAt: new Date(command.hold.placedAt), terminalId: terminal.id })
          .onConflictDoNothing();
        break;
      case 'hold.released':
        // A release is final: a late or repeated one changes nothing.
        await tx
          .update(storeHolds)
          .set({ releasedBy: command.releasedBy, releasedAt: new Date(command.releasedAt), releaseNote: command.note })
          .where(and(eq(storeHolds.id, command.holdId), isNull(storeHolds.releasedAt)));
        break;
      case 'package.received':
        await keepReceived(tx, terminal, command, now);
        break;
      case 'customer.saved': {
        // Field by field, in the order received: a save replaces only the fields it names.
        // Each register's last save taken is named in the record, so it knows which of its own changes are in it.
        const row = { fields: command.fields, applied: { [terminal.id]: command.key }, updatedAt: now, updatedBy: terminal.id };
        await tx
          .insert(storeCustomers)
          .values({ id: command.customerId, ...row, version: 1 })
          .onConflictDoUpdate({
            target: storeCustomers.id,
            set: {
              ...row,
              fields: sql`${storeCustomers.fields} || excluded.fields`,
              applied: sql`${storeCustomers.applied} || excluded.applied`,
              version: sql`${storeCustomers.version} + 1`,
            },
          });
        break;
      }
      case 'loyalty.recorded':
        await tx
          .insert(storeLoyalty)
          .values({ ...command.entry, at: new Date(command.entry.at), terminalId: terminal.id })
          .onConflictDoNothing();
        break;
      case 'credit.recorded':
        await tx
          .insert(storeCredits)
          .values({ ...command.credit, issuedAt: new Date(command.credit.issuedAt), terminalId: terminal.id })
          .onConflictDoNothing();
        break;
      case 'metrc.report':
        await acceptMetrcReport(tx, sealing, terminal, command, settings.identity.licence, now);
        break;
    }
    await tx.update(commands).set({ result: { incidents } }).where(eq(commands.key, command.key));
    return { applied: true, incidents };
  });
}

/** A register's incident as it now stands; an older revision arriving late changes nothing. */
async function keepIncident(tx: Tx, terminal: Terminal, command: Extract<StoreCommand, { type: 'it.incident' }>, now: Date) {
  const { incident, revision } = command;
  if (incident.context.terminalId === '' || incident.id === '') return;
  const row = {
    id: incident.id,
    terminalId: terminal.id,
    status: incident.status,
    reportedAt: new Date(incident.reportedAt),
    revision,
    snapshot: incident,
    receivedAt: now,
  };
  await tx
    .insert(itIncidents)
    .values(row)
    .onConflictDoUpdate({
      target: itIncidents.id,
      set: row,
      setWhere: sql`${itIncidents.revision} < ${revision} AND ${itIncidents.terminalId} = ${terminal.id}`,
    });
}

/** A staff member as a register saved them: the roster takes saves in the order received (each key once), and bumps the version. */
async function keepStaff(tx: Tx, terminal: Terminal, command: Extract<StoreCommand, { type: 'staff.saved' }>, now: Date) {
  const { staff } = command;
  const row = {
    displayName: staff.displayName,
    role: staff.role,
    pinHash: staff.pinHash,
    active: staff.active ? 1 : 0,
    updatedAt: now,
    updatedBy: terminal.id,
  };
  await tx
    .insert(storeStaff)
    .values({ id: staff.id, ...row, createdAt: new Date(staff.createdAt), version: 1 })
    .onConflictDoUpdate({ target: storeStaff.id, set: { ...row, version: sql`${storeStaff.version} + 1` } });
}

/**
 * A package received at a register: its product joins the store's catalog
 * (a newer definition replaces the older, by SKU), the package is recorded
 * once by its tag, and its stock arrives as a move keyed by the tag — in
 * that order in one transaction, which is the order registers apply them.
 */
async function keepReceived(tx: Tx, terminal: Terminal, command: Extract<StoreCommand, { type: 'package.received' }>, now: Date) {
  const { product, package: pkg } = command;
  await tx
    .insert(storeProducts)
    .values({ sku: product.sku, definition: product, version: 1, updatedAt: now, updatedBy: terminal.id })
    .onConflictDoUpdate({
      target: storeProducts.sku,
      set: { definition: product, version: sql`${storeProducts.version} + 1`, updatedAt: now, updatedBy: terminal.id },
    });
  await tx.insert(storePackages).values({ tag: pkg.tag, sku: pkg.sku, definition: pkg, receivedAt: now, receivedBy: terminal.id }).onConflictDoNothing();
  await writeStock(tx, terminal, [{ key: `receive:${pkg.tag}`, packageLabel: pkg.tag, delta: command.quantity, reason: 'received' }], now);
}

async function writeLedger(tx: Tx, terminal: Terminal, saleId: string, personKey: string | null, rows: Extract<StoreCommand, { ledger: unknown }>['ledger']) {
  // A sale with no person (nothing limited on it) has no ledger rows to keep.
  if (personKey === null || rows.length === 0) return;
  await tx
    .insert(limitLedger)
    .values(rows.map((r) => ({ ...r, saleId, personKey, terminalId: terminal.id, at: new Date(r.at) })))
    .onConflictDoNothing();
}

async function writeStock(tx: Tx, terminal: Terminal, moves: Extract<StoreCommand, { stock: unknown }>['stock'], now: Date) {
  if (moves.length === 0) return;
  await tx
    .insert(stockMoves)
    .values(moves.map((m) => ({ ...m, terminalId: terminal.id, at: now })))
    .onConflictDoNothing();
}

/**
 * A sale made while its terminal was isolated may have taken a person over
 * a limit the store could not check: evaluate that person's store day with
 * everything now known, and record an incident per broken bucket (once per
 * person, day and bucket; a later sale adds its id).
 */
async function reviewPersonDay(
  tx: Tx,
  settings: Awaited<ReturnType<typeof readStoreSettings>>,
  sale: Extract<StoreCommand, { type: 'sale.recorded' }>,
  personKey: string,
  now: Date,
): Promise<number> {
  const day = sale.businessDay;
  const { timeZone, state } = settings.identity;
  // The end of that store day: the limits as they stood when it closed.
  const at = DateTime.fromISO(day, { zone: timeZone }).endOf('day').toJSDate();
  const history = await personHistory(tx, await keysOfPerson(tx, personKey), at, timeZone, null);
  const usage = evaluateLimits(rulePackFor(state), {
    customerType: sale.customerType ?? 'adult',
    resident: sale.resident ?? false,
    at,
    timeZone,
    prior: history.filter((p) => (p.day ?? '') <= day),
    cart: [],
  }).filter((u) => u.over);
  if (usage.length === 0) return 0;
  const saleIds = (
    await tx
      .select({ id: limitLedger.saleId })
      .from(limitLedger)
      .where(sql`${limitLedger.personKey} = ${personKey} AND ${limitLedger.businessDay} = ${day}`)
      .groupBy(limitLedger.saleId)
  ).map((r) => r.id);
  for (const u of usage) {
    await tx
      .insert(limitIncidents)
      .values({
        id: randomUUID(),
        personKey,
        businessDay: day,
        bucket: u.rule.bucket,
        limitAmount: u.rule.limit,
        attempted: u.attempted,
        saleIds,
        detectedAt: now,
      })
      .onConflictDoUpdate({ target: [limitIncidents.personKey, limitIncidents.businessDay, limitIncidents.bucket], set: { attempted: u.attempted, saleIds } });
  }
  return usage.length;
}
