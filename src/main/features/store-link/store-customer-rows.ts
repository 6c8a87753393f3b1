import { and, asc, eq, gt, inArray, sql } from 'drizzle-orm';
import { z } from 'zod';
import { loyaltyEntryKinds, STORE_CUSTOMER_FIELDS, type StoreCustomerField } from '../../../shared/contract/store-server';
import { customers, customerTypes, loyaltyLedger, outbox, storeCredits } from '../../platform/db/schema';
import type { RegisterTx } from '../../platform/db/transaction';
import { logger } from '../../platform/logging/logger';
import { encryptField, type PiiKeys } from '../../platform/security/pii-crypto';
import { CUSTOMER_PII_COLUMNS } from '../customers/customer-pii';
import { reindexCustomerName } from '../customers/customer-records';
import { moveCustomerHistory } from '../customers/merge';
import { sealMedicalRegistration } from '../customers/pii';
import { sealEmail, sealPhone } from '../customer-profile/contact-details';
import { sealPreferences } from '../customer-profile/preferences';
import { STORE_LANE } from '../sync/lanes';
import { parseOutboxMessage } from '../sync/outbox-messages';
import { openStoreField, storeCustomerKeyOf } from './store-customer-key';
import { customerSaveKey } from './store-customers';
import { firstAdmin, instantOf, jsonOf, knownStaff, oneOf, type StoreRowApplier } from './store-row-values';

/**
 * The store's customers, their points and their credit, as the read stream
 * brings them (store-customers.ts sends them): each record written here
 * sealed again with this register's keys, with its blind indexes made
 * again, and marked with the store's version (so migration 0040's triggers
 * do not send it back); each ledger row added once, under the record it now
 * belongs to.
 */
export const CUSTOMER_TABLES: Readonly<Record<string, StoreRowApplier>> = {
  store_customers: (tx, { row }, { self, storeId, keys }) => {
    const id = row.id == null ? '' : String(row.id);
    const version = Number(row.version);
    const fields = jsonOf(row.fields);
    const applied = jsonOf(row.applied);
    if (storeId === undefined || keys === null || id === '' || !Number.isSafeInteger(version) || !isObject(fields) || !isObject(applied)) return;
    const key = storeCustomerKeyOf(tx, keys);
    if (key === null) return;
    // The fields this register changed that the store has not taken yet stay as they are here: their save follows.
    const own = self === undefined ? undefined : applied[self];
    const waiting = fieldsOnTheirWay(tx, id, typeof own === 'string' ? own : null);
    const sealed = Object.fromEntries(Object.entries(fields).filter(([field]) => !waiting.has(field)));
    const values = openFields(id, sealed, (field, value) => openStoreField(key, id, field, value));
    const columns = localColumns(keys, values);
    const before = tx.select().from(customers).where(eq(customers.id, id)).get();
    if (before === undefined) {
      const { customerType, firstName, lastName, dateOfBirth, createdAt } = columns;
      // A record this register cannot make whole (a field that did not open) waits for its next save.
      if (customerType === undefined || firstName === undefined || lastName === undefined || dateOfBirth === undefined || createdAt === undefined) return;
      tx.insert(customers)
        .values({ ...columns, id, storeId, customerType, firstName, lastName, dateOfBirth, createdAt, storeVersion: version })
        .run();
      reindexCustomerName(tx, keys, id);
      return;
    }
    tx.update(customers)
      .set({ ...columns, storeVersion: version })
      .where(eq(customers.id, id))
      .run();
    if (columns.firstName !== undefined || columns.lastName !== undefined || columns.mergedInto !== undefined) reindexCustomerName(tx, keys, id);
    if (before.mergedInto === null && typeof values.merged_into === 'string') mergedElsewhere(tx, id, values.merged_into);
  },

  /** Points earned, redeemed or taken back at another register: the same balance here. A row this register wrote is here already. */
  store_loyalty: (tx, { row }, { self, storeId }) => {
    const kind = oneOf(loyaltyEntryKinds, row.kind);
    const points = Number(row.points);
    const lines = z.array(z.object({ saleLineId: z.string(), points: z.number().int() })).safeParse(jsonOf(row.lines));
    if (storeId === undefined || String(row.terminal_id) === self || kind === null || !Number.isSafeInteger(points) || !lines.success) return;
    const customerId = recordNow(tx, String(row.customer_id));
    if (customerId === null) return;
    tx.insert(loyaltyLedger)
      .values({
        storeId,
        customerId,
        sourceId: String(row.source_id),
        kind,
        saleId: String(row.sale_id),
        points,
        lines: lines.data,
        at: instantOf(row.at),
        fromStore: true,
      })
      .onConflictDoNothing()
      .run();
  },

  /** Store credit given or spent at another register: the same balance here. Who gave it is on the store's roster (else the first admin, named in the reason). */
  store_credits: (tx, { row }, { self, storeId }) => {
    const amountCents = Number(row.amount_cents);
    if (storeId === undefined || String(row.terminal_id) === self || !Number.isSafeInteger(amountCents)) return;
    const customerId = recordNow(tx, String(row.customer_id));
    if (customerId === null) return;
    const issuer = String(row.issued_by);
    const issuedBy = knownStaff(tx, issuer);
    const reason = String(row.reason ?? '');
    tx.insert(storeCredits)
      .values({
        id: String(row.id),
        storeId,
        customerId,
        amountCents,
        incidentId: null,
        reason: issuedBy === issuer ? reason : `${reason} (at another register, by staff ${issuer})`,
        issuedBy: issuedBy ?? firstAdmin(tx),
        issuedAt: instantOf(row.issued_at),
        saleId: row.sale_id == null ? null : String(row.sale_id),
        fromStore: true,
      })
      .onConflictDoNothing()
      .run();
  },
};

/** What each field of the store's record holds, in clear. */
const FIELD_VALUES: { readonly [F in StoreCustomerField]: z.ZodType } = {
  customer_type: z.enum(customerTypes),
  first_name: z.string().min(1).max(200),
  last_name: z.string().min(1).max(200),
  date_of_birth: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  resident: z.boolean(),
  medical_registration: z.string().min(1).max(100).nullable(),
  medical_expiry: z.string().max(40).nullable(),
  caregiver_for_id: z.string().min(1).nullable(),
  person_key: z.string().min(1).nullable(),
  loyalty_tier: z.string().max(60).nullable(),
  groups: z.array(z.string().max(60)).max(50),
  created_at: z.iso.datetime({ offset: true }),
  merged_into: z.string().min(1).nullable(),
  phone: z.string().min(1).max(40).nullable(),
  email: z.string().min(1).max(320).nullable(),
  preferences: z.array(z.string().min(1)).max(20).nullable(),
};

type FieldValues = Partial<Record<StoreCustomerField, unknown>>;

/** The fields that open and read; one that does not is left out (and logged, without its value), the rest still apply. */
function openFields(id: string, sealed: Record<string, unknown>, open: (field: StoreCustomerField, sealed: string) => unknown): FieldValues {
  const values: FieldValues = {};
  for (const field of STORE_CUSTOMER_FIELDS) {
    const value = sealed[field];
    if (typeof value !== 'string') continue;
    try {
      const parsed = FIELD_VALUES[field].safeParse(open(field, value));
      if (parsed.success) values[field] = parsed.data;
      else logger.warn({ customerId: id, field }, 'store customer field does not read: left as it is');
    } catch {
      logger.warn({ customerId: id, field }, 'store customer field does not open with the store key: left as it is');
    }
  }
  return values;
}

/** The register's columns for the fields given, sealed with its own keys and with its own blind indexes. */
function localColumns(keys: PiiKeys, values: FieldValues): Partial<typeof customers.$inferInsert> {
  const text = (v: unknown) => v as string;
  const maybe = (v: unknown) => v as string | null;
  const columns: Partial<typeof customers.$inferInsert> = {};
  for (const [field, value] of Object.entries(values) as Array<[StoreCustomerField, unknown]>) {
    switch (field) {
      case 'customer_type':
        columns.customerType = value as (typeof customerTypes)[number];
        break;
      case 'first_name':
        columns.firstName = encryptField(keys.encryption, CUSTOMER_PII_COLUMNS.firstName, text(value));
        break;
      case 'last_name':
        columns.lastName = encryptField(keys.encryption, CUSTOMER_PII_COLUMNS.lastName, text(value));
        break;
      case 'date_of_birth':
        columns.dateOfBirth = encryptField(keys.encryption, CUSTOMER_PII_COLUMNS.dateOfBirth, text(value));
        break;
      case 'resident':
        columns.resident = value as boolean;
        break;
      case 'medical_registration':
        Object.assign(columns, value === null ? { medicalRegistration: null, medicalRegistrationLookup: null } : sealMedicalRegistration(keys, text(value)));
        break;
      case 'medical_expiry':
        columns.medicalExpiry = maybe(value);
        break;
      case 'caregiver_for_id':
        columns.caregiverForId = maybe(value);
        break;
      case 'person_key':
        columns.personKey = maybe(value);
        break;
      case 'loyalty_tier':
        columns.loyaltyTier = maybe(value);
        break;
      case 'groups':
        columns.groups = value as string[];
        break;
      case 'created_at':
        columns.createdAt = new Date(text(value));
        break;
      case 'merged_into':
        columns.mergedInto = maybe(value);
        break;
      case 'phone':
        Object.assign(columns, value === null ? { phone: null, phoneLookup: null } : sealPhone(keys, text(value)));
        break;
      case 'email':
        Object.assign(columns, value === null ? { email: null, emailLookup: null } : sealEmail(keys, text(value)));
        break;
      case 'preferences':
        columns.preferences = value === null ? null : sealPreferences(keys, value as string[]);
        break;
    }
  }
  return columns;
}

/**
 * The fields of this register's changes to a customer that the store's
 * record does not hold yet: those of its unsent saves (pending or out)
 * after `taken`, the key of its last save the store took. The lane sends in
 * order, so every save before that one is in the record, and every unsent
 * save after it is not.
 */
function fieldsOnTheirWay(tx: RegisterTx, customerId: string, taken: string | null): Set<string> {
  const unsent = tx
    .select({ payload: outbox.payload })
    .from(outbox)
    .where(
      and(
        eq(outbox.destination, STORE_LANE),
        eq(outbox.kind, 'store.customer'),
        eq(outbox.aggregateId, customerId),
        inArray(outbox.status, ['pending', 'in_flight']),
      ),
    )
    .orderBy(asc(outbox.id))
    .all()
    .map((item) => parseOutboxMessage('store.customer', item.payload))
    .flatMap((parsed) => (parsed.ok ? [parsed.message] : []));
  const takenAt = unsent.findIndex((change) => customerSaveKey(customerId, change.change) === taken);
  return new Set(unsent.slice(takenAt + 1).flatMap((change) => change.fields));
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * A manager merged this record into another at another register: its
 * history here (sales, limits, points, notes…) moves to the kept record as
 * a merge here would move it, audited as the store's. The kept record must
 * be here and still live; if it is not yet, the history stays where it is
 * and the ledger rows that follow find the kept record by `merged_into`.
 */
function mergedElsewhere(tx: RegisterTx, duplicateId: string, keepId: string): void {
  const keep = tx.select().from(customers).where(eq(customers.id, keepId)).get();
  const duplicate = tx.select().from(customers).where(eq(customers.id, duplicateId)).get();
  if (keep === undefined || keep.mergedInto !== null || duplicate === undefined) return;
  const queuedBefore =
    tx
      .select({ id: sql<number>`coalesce(max(${outbox.id}), 0)` })
      .from(outbox)
      .get()?.id ?? 0;
  // Made by a manager at another register: the log here names no one of its own.
  moveCustomerHistory(tx, keep, duplicate, { at: new Date(), staffId: null, terminalId: null, reason: 'merged at another register of the store' });
  // The move writes both records as a merge here does, and migration 0040's triggers queue those writes for the
  // store; but the store has them already (the merging register sent them): what the move queued is not owed.
  tx.delete(outbox)
    .where(and(gt(outbox.id, queuedBefore), eq(outbox.destination, STORE_LANE), eq(outbox.kind, 'store.customer')))
    .run();
}

/** The record a customer id names here now: itself, or the record it was merged into; null when this register has neither. */
function recordNow(tx: RegisterTx, customerId: string): string | null {
  let id = customerId;
  for (let hop = 0; hop < 10; hop++) {
    const row = tx.select({ mergedInto: customers.mergedInto }).from(customers).where(eq(customers.id, id)).get();
    if (row === undefined) return null;
    if (row.mergedInto === null) return id;
    id = row.mergedInto;
  }
  return null;
}
