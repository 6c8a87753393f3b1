import { sqliteTable, text, integer, index, primaryKey } from 'drizzle-orm/sqlite-core';
import { stores } from './store';

/**
 * That an ID was checked, how, by whom, and with what outcome — kept for
 * every check. The ID data itself (number, birth date, expiry) is kept only
 * as far as the store's retention setting allows, encrypted, and purged on
 * schedule; `purgedAt` records when.
 */
export const idVerifications = sqliteTable(
  'id_verifications',
  {
    id: text('id').primaryKey(),
    storeId: text('store_id')
      .notNull()
      .references(() => stores.id, { onDelete: 'restrict' }),
    customerId: text('customer_id'),
    saleType: text('sale_type', { enum: ['adult_use', 'medical'] }).notNull(),
    method: text('method', { enum: ['scanned', 'manual'] }).notNull(),
    verifiedBy: text('verified_by').notNull(),
    verifiedAt: integer('verified_at', { mode: 'timestamp_ms' }).notNull(),
    outcome: text('outcome', { enum: ['accepted', 'refused'] }).notNull(),
    refusalCode: text('refusal_code'),
    /** The issuing jurisdiction (from the IIN): not identifying on its own. */
    issuer: text('issuer'),
    /**
     * The person, for purchase limits: HMAC of issuer and ID number (never the
     * number). Kept as long as the longest limit period looks back, whatever
     * the retention setting; then purged with the rest.
     */
    personKey: text('person_key'),
    /** On a register paired with a store server: the same person under this register's own key (its sales from before pairing). */
    localPersonKey: text('local_person_key'),
    /** Residency as the limits use it: from the ID's issuer, or a manager's override. */
    resident: integer('resident', { mode: 'boolean' }),
    residencyOverriddenBy: text('residency_overridden_by'),
    residencyOverrideReason: text('residency_override_reason'),
    /** Where the expiry came from: the barcode, or typed from the card face when the barcode has none. */
    expirySource: text('expiry_source', { enum: ['barcode', 'card_face', 'typed'] }),
    /** Retained ID data (encrypted where identifying); null when never kept or purged. */
    idNumberSealed: text('id_number_sealed'),
    idNumberLookup: text('id_number_lookup'),
    dateOfBirth: text('date_of_birth'),
    documentExpiry: text('document_expiry'),
    /** Why the data must be kept whatever the retention setting (e.g. form_8300). */
    hold: text('hold'),
    purgedAt: integer('purged_at', { mode: 'timestamp_ms' }),
  },
  (t) => [
    index('id_verifications_time_idx').on(t.verifiedAt),
    index('id_verifications_customer_idx').on(t.customerId),
    index('id_verifications_person_idx').on(t.personKey),
    // Covers the out-of-state share every sale reads (compliance/out-of-state.ts): the day's checks from the index alone (issue #18).
    index('id_verifications_store_day_idx').on(t.storeId, t.outcome, t.verifiedAt, t.issuer),
  ],
);

/**
 * The day's accepted ID checks, counted per store and quarter hour of UTC
 * (`quarter_hour` = verified_at ÷ 900,000 ms), with how many were issued by
 * another state than the store's. Kept by triggers on `id_verifications`
 * (migration 0036, hand-written), so every path that records, moves or
 * removes a check keeps it exact. Every sale asks for the out-of-state share
 * of its store day (compliance/out-of-state.ts): a store-local day starts on
 * a quarter hour in every zone in use today, so its share is the sum of at
 * most 100 of these rows, however busy the day (issue #18).
 */
export const idCheckTallies = sqliteTable(
  'id_check_tallies',
  {
    storeId: text('store_id').notNull(),
    quarterHour: integer('quarter_hour').notNull(),
    checks: integer('checks').notNull(),
    outOfState: integer('out_of_state').notNull(),
  },
  (t) => [primaryKey({ columns: [t.storeId, t.quarterHour] })],
);

/**
 * Anti-money-laundering signals for the compliance officer's review queue.
 * They never block a lawful sale and never appear on the customer's receipt.
 */
export const complianceFlags = sqliteTable(
  'compliance_flags',
  {
    id: text('id').primaryKey(),
    storeId: text('store_id')
      .notNull()
      .references(() => stores.id, { onDelete: 'restrict' }),
    kind: text('kind').notNull(),
    customerId: text('customer_id'),
    saleId: text('sale_id'),
    businessDay: text('business_day').notNull(),
    details: text('details', { mode: 'json' }).notNull(),
    citation: text('citation').notNull(),
    createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
    reviewedAt: integer('reviewed_at', { mode: 'timestamp_ms' }),
    reviewedBy: text('reviewed_by'),
    resolution: text('resolution'),
  },
  (t) => [index('compliance_flags_open_idx').on(t.reviewedAt, t.createdAt), index('compliance_flags_customer_day_idx').on(t.customerId, t.businessDay, t.kind)],
);
