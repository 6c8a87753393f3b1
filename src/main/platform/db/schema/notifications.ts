import { sqliteTable, text, integer, index } from 'drizzle-orm/sqlite-core';
import { consentKinds, consentSources } from '../../../../shared/domain/notifications/consent';

/**
 * The consent ledger for customer texts (issue #21): append-only, one row
 * per grant, revocation, STOP or START, with its source, time and proof.
 * The number is sealed; `phone_lookup` (a keyed hash) finds its rows.
 */
export const smsConsentEntries = sqliteTable(
  'sms_consent_entries',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    phoneLookup: text('phone_lookup').notNull(),
    phoneSealed: text('phone_sealed').notNull(),
    action: text('action', { enum: ['grant', 'revoke', 'stop', 'start'] }).notNull(),
    /** Null for STOP and START, which cover every kind. */
    kind: text('kind', { enum: consentKinds }),
    written: integer('written', { mode: 'boolean' }).notNull(),
    source: text('source', { enum: consentSources }).notNull(),
    at: integer('at', { mode: 'timestamp_ms' }).notNull(),
    proof: text('proof').notNull(),
    /** The staff member who took a consent at the counter (issue #22); null for keywords and imports. */
    recordedBy: text('recorded_by'),
  },
  (t) => [index('sms_consent_entries_phone').on(t.phoneLookup, t.id)],
);

export const smsMessageStatuses = ['queued', 'sent', 'refused'] as const;

/** A customer text: queued once it passed the platform rule and the medical-claim check; sent or refused by the SMS lane. */
export const smsMessages = sqliteTable(
  'sms_messages',
  {
    id: text('id').primaryKey(),
    phoneLookup: text('phone_lookup').notNull(),
    phoneSealed: text('phone_sealed').notNull(),
    kind: text('kind', { enum: consentKinds }).notNull(),
    /** The marketplace of the order it is about; null for the store's own. */
    orderPlatform: text('order_platform'),
    recipientTimeZone: text('recipient_time_zone').notNull(),
    recipientState: text('recipient_state'),
    body: text('body').notNull(),
    status: text('status', { enum: smsMessageStatuses }).notNull(),
    /** Why it was refused, or why it waits (outside the recipient's hours, at the cap). */
    reason: text('reason'),
    providerMessageId: text('provider_message_id'),
    /** The keyword this text answers (HELP): asked for by the number itself, so it needs no consent on file (STOP still wins). */
    answersKeyword: text('answers_keyword', { enum: ['help'] }),
    createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
    sentAt: integer('sent_at', { mode: 'timestamp_ms' }),
  },
  (t) => [index('sms_messages_phone_sent').on(t.phoneLookup, t.sentAt)],
);

export const smsProviderKinds = ['https', 'alpine_iq'] as const;

/** The store's SMS provider (one row): its address and key, the key sealed with the register's data key. */
export const smsProviderSettings = sqliteTable('sms_provider_settings', {
  id: text('id').primaryKey(),
  kind: text('kind', { enum: smsProviderKinds }).notNull(),
  url: text('url').notNull(),
  secretSealed: text('secret_sealed').notNull(),
  enabled: integer('enabled', { mode: 'boolean' }).notNull(),
  updatedAt: integer('updated_at', { mode: 'timestamp_ms' }).notNull(),
  updatedBy: text('updated_by'),
});
