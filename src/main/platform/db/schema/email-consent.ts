import { sqliteTable, text, integer, index } from 'drizzle-orm/sqlite-core';
import { consentSources } from '../../../../shared/domain/notifications/consent';

/**
 * The consent ledger for marketing email (issue #22), shaped like the SMS
 * one: append-only, one row per grant or revocation, with its source, time,
 * proof and who took it. The address is sealed; `email_lookup` (a keyed
 * hash, the same one customers.email_lookup holds) finds its rows.
 */
export const emailConsentEntries = sqliteTable(
  'email_consent_entries',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    emailLookup: text('email_lookup').notNull(),
    emailSealed: text('email_sealed').notNull(),
    action: text('action', { enum: ['grant', 'revoke'] }).notNull(),
    source: text('source', { enum: consentSources }).notNull(),
    at: integer('at', { mode: 'timestamp_ms' }).notNull(),
    proof: text('proof').notNull(),
    recordedBy: text('recorded_by'),
  },
  (t) => [index('email_consent_entries_email').on(t.emailLookup, t.id)],
);
