import { randomUUID } from 'node:crypto';
import { asc, eq } from 'drizzle-orm';
import { STORE_CUSTOMER_FIELDS, type StoreCommand, type StoreCustomerField } from '../../../shared/contract/store-server';
import { customers, loyaltyLedger, outbox, storeCredits } from '../../platform/db/schema';
import type { RegisterDb } from '../../platform/db/open';
import type { RegisterTx } from '../../platform/db/transaction';
import type { PiiKeys } from '../../platform/security/pii-crypto';
import { openCustomerPii } from '../customers/customer-pii';
import { openMedicalRegistration } from '../customers/pii';
import { openContactDetails } from '../customer-profile/contact-details';
import { openPreferences } from '../customer-profile/preferences';
import { parseOutboxMessage } from '../sync/outbox-messages';
import { STORE_LANE } from '../sync/lanes';
import { sealStoreField, storeCustomerKeyOf } from './store-customer-key';

/**
 * A store's customers are the store's (issue #20). What a register writes to
 * a customer's record, their loyalty points or their store credit is queued
 * for the store server by migration 0040's triggers, from whichever path
 * wrote it; the item names the row (and, for a record, the fields that
 * changed). The store lane makes the command when it sends: the record's
 * fields as the row now has them, opened with this register's keys and
 * sealed with the store's customer key. Every register reads them back
 * (store-customer-rows.ts).
 */

/** The store lane's kinds of item that stand for a customer's row, made into a command when sent. */
export const STORE_RECORD_KINDS = ['store.customer', 'store.loyalty', 'store.credit'] as const;
export type StoreRecordKind = (typeof STORE_RECORD_KINDS)[number];

/** A save's key at the store server: the server names each register's last save taken by it (store-customer-rows.ts compares). */
export const customerSaveKey = (customerId: string, change: string): string => `customer:${customerId}:${change}`;

export const isStoreRecordKind = (kind: string): kind is StoreRecordKind => (STORE_RECORD_KINDS as readonly string[]).includes(kind);

/** The command an item stands for, or the words it is parked with (a row gone, a payload that does not read). */
export function storeRecordCommand(
  db: RegisterDb,
  keys: PiiKeys,
  item: { readonly kind: StoreRecordKind; readonly payload: unknown },
): { ok: true; message: StoreCommand } | { ok: false; error: string } {
  switch (item.kind) {
    case 'store.customer': {
      const parsed = parseOutboxMessage('store.customer', item.payload);
      if (!parsed.ok) return parsed;
      const { customerId, change, fields } = parsed.message;
      const row = db.select().from(customers).where(eq(customers.id, customerId)).get();
      const key = storeCustomerKeyOf(db, keys);
      if (row === undefined) return { ok: false, error: `Customer ${customerId} is not on this register any more: nothing to send.` };
      if (key === null) return { ok: false, error: 'This register is not paired with a store server.' };
      const values = customerFieldValues(keys, row);
      const sealed = Object.fromEntries(fields.map((field) => [field, sealStoreField(key, customerId, field, values[field])]));
      return { ok: true, message: { type: 'customer.saved', key: customerSaveKey(customerId, change), customerId, fields: sealed } };
    }
    case 'store.loyalty': {
      const parsed = parseOutboxMessage('store.loyalty', item.payload);
      if (!parsed.ok) return parsed;
      const entry = db.select().from(loyaltyLedger).where(eq(loyaltyLedger.id, parsed.message.entryId)).get();
      if (entry === undefined) return { ok: false, error: `Loyalty entry ${parsed.message.entryId} is not on this register any more: nothing to send.` };
      const { customerId, sourceId, kind, saleId, points, lines } = entry;
      return {
        ok: true,
        message: {
          type: 'loyalty.recorded',
          key: `loyalty:${sourceId}:${kind}`,
          entry: { customerId, sourceId, kind, saleId, points, lines, at: entry.at.toISOString() },
        },
      };
    }
    case 'store.credit': {
      const parsed = parseOutboxMessage('store.credit', item.payload);
      if (!parsed.ok) return parsed;
      const credit = db.select().from(storeCredits).where(eq(storeCredits.id, parsed.message.creditId)).get();
      if (credit === undefined) return { ok: false, error: `Store credit ${parsed.message.creditId} is not on this register any more: nothing to send.` };
      const { id, customerId, amountCents, reason, issuedBy, saleId } = credit;
      return {
        ok: true,
        message: {
          type: 'credit.recorded',
          key: `credit:${id}`,
          credit: { id, customerId, amountCents, reason, issuedBy, issuedAt: credit.issuedAt.toISOString(), saleId },
        },
      };
    }
  }
}

/** Each field of the store's record as this register's row has it, in clear (JSON values). */
function customerFieldValues(keys: PiiKeys, row: typeof customers.$inferSelect): Record<StoreCustomerField, unknown> {
  const pii = openCustomerPii(keys, row);
  const contact = openContactDetails(keys, row);
  return {
    customer_type: row.customerType,
    first_name: pii.firstName,
    last_name: pii.lastName,
    date_of_birth: pii.dateOfBirth,
    resident: row.resident,
    medical_registration: row.medicalRegistration === null ? null : openMedicalRegistration(keys, row.medicalRegistration),
    medical_expiry: row.medicalExpiry,
    caregiver_for_id: row.caregiverForId,
    person_key: row.personKey,
    loyalty_tier: row.loyaltyTier,
    groups: row.groups,
    created_at: row.createdAt.toISOString(),
    merged_into: row.mergedInto,
    phone: contact.phone,
    email: contact.email,
    preferences: row.preferences === null ? null : openPreferences(keys, row.preferences),
  };
}

/**
 * Joining a store: this register's customers, their points and their
 * credit go to the store server — every record whole, then the ledgers —
 * so the store knows everyone this register knew. Keyed like any later
 * change: a ledger row the store has already is applied once.
 */
export function queueCustomersForStore(tx: RegisterTx, now: Date): { customers: number; loyalty: number; credits: number } {
  const queue = (kind: StoreRecordKind, aggregateId: string, payload: unknown) =>
    tx.insert(outbox).values({ destination: STORE_LANE, kind, aggregateId, payload, nextAttemptAt: now, createdAt: now, updatedAt: now }).run();
  const records = tx.select({ id: customers.id }).from(customers).orderBy(asc(customers.createdAt), asc(customers.id)).all();
  for (const { id } of records) queue('store.customer', id, { customerId: id, change: randomUUID(), fields: [...STORE_CUSTOMER_FIELDS] });
  const points = tx
    .select({ id: loyaltyLedger.id, customerId: loyaltyLedger.customerId })
    .from(loyaltyLedger)
    .where(eq(loyaltyLedger.fromStore, false))
    .orderBy(asc(loyaltyLedger.id))
    .all();
  for (const { id, customerId } of points) queue('store.loyalty', customerId, { entryId: id });
  const credits = tx
    .select({ id: storeCredits.id, customerId: storeCredits.customerId })
    .from(storeCredits)
    .where(eq(storeCredits.fromStore, false))
    .orderBy(asc(storeCredits.issuedAt), asc(storeCredits.id))
    .all();
  for (const { id, customerId } of credits) queue('store.credit', customerId, { creditId: id });
  return { customers: records.length, loyalty: points.length, credits: credits.length };
}
