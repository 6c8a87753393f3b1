import { sqliteTable, text, integer, index } from 'drizzle-orm/sqlite-core';
import { stores } from './store';

export const customerTypes = ['adult', 'medical', 'caregiver'] as const;

/**
 * Minimal PII: what limits, medical status and receipts need. Names, birth
 * date, registration number (and contact details) are encrypted at rest by
 * the security layer; `*_lookup` and `customer_name_tokens` hold keyed
 * hashes for search.
 */
export const customers = sqliteTable(
  'customers',
  {
    id: text('id').primaryKey(),
    storeId: text('store_id')
      .notNull()
      .references(() => stores.id, { onDelete: 'restrict' }),
    customerType: text('customer_type', { enum: customerTypes }).notNull(),
    firstName: text('first_name').notNull(),
    lastName: text('last_name').notNull(),
    dateOfBirth: text('date_of_birth').notNull(),
    resident: integer('resident', { mode: 'boolean' }).notNull().default(true),
    medicalRegistration: text('medical_registration'),
    medicalRegistrationLookup: text('medical_registration_lookup'),
    medicalExpiry: text('medical_expiry'),
    caregiverForId: text('caregiver_for_id'),
    /** The person behind this record, once they checked in with an ID: the limit ledger's key (HMAC, never the number). */
    personKey: text('person_key'),
    /** The state system's last answer on this patient (Metrc patient status: active, allotment), for offline sales. */
    stateStatus: text('state_status', { mode: 'json' }),
    stateStatusAt: integer('state_status_at', { mode: 'timestamp_ms' }),
    loyaltyTier: text('loyalty_tier'),
    groups: text('groups', { mode: 'json' }).$type<string[]>().notNull().default([]),
    createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
    /** A duplicate a manager merged: the record that carries its history now (features/customers/merge.ts). */
    mergedInto: text('merged_into'),
    /** Contact details (issue #22), optional, sealed; `phone_lookup` is the SMS consent ledger's own keyed hash of the number, so the two join without the number. */
    phone: text('phone'),
    phoneLookup: text('phone_lookup'),
    email: text('email'),
    emailLookup: text('email_lookup'),
    /** The customer's preferred categories and effects (keys of preference_options), sealed: an effect such as "sleep" can speak of their health. */
    preferences: text('preferences'),
    /**
     * The version of the store's record this row was last written from by
     * the store's read path (null: never). Migration 0040's triggers send a
     * change made here to the store server, and only those: a write that
     * moves this column is the store's own, coming in.
     */
    storeVersion: integer('store_version'),
  },
  (t) => [
    index('customers_name_idx').on(t.lastName, t.firstName),
    index('customers_medical_lookup_idx').on(t.medicalRegistrationLookup),
    index('customers_caregiver_for_idx').on(t.caregiverForId),
    index('customers_person_idx').on(t.personKey),
    index('customers_phone_lookup_idx').on(t.phoneLookup),
    index('customers_email_lookup_idx').on(t.emailLookup),
  ],
);

/** The blind index of customer names: one keyed hash per name prefix (see customers/customer-pii.ts). */
export const customerNameTokens = sqliteTable(
  'customer_name_tokens',
  {
    customerId: text('customer_id')
      .notNull()
      .references(() => customers.id, { onDelete: 'restrict' }),
    token: text('token').notNull(),
  },
  (t) => [index('customer_name_tokens_token_idx').on(t.token, t.customerId)],
);
