import { sqliteTable, text, integer, index, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { stores, staff } from './store';
import { customers } from './customers';

/**
 * Customer care (issue #22): the medical-claim rules a compliance officer
 * added at the store, the customer-facing message templates (checked against
 * them before they are saved), the managed list of note tags, and the notes
 * staff keep on a customer.
 */

export const claimRuleKinds = ['claim_verb', 'disease', 'therapeutic_phrase'] as const;

/** A term the store's compliance officer added to the built-in medical-claim list, with its source. Never deleted: retired. */
export const claimRuleAdditions = sqliteTable(
  'claim_rule_additions',
  {
    id: text('id').primaryKey(),
    storeId: text('store_id')
      .notNull()
      .references(() => stores.id, { onDelete: 'restrict' }),
    term: text('term').notNull(),
    kind: text('kind', { enum: claimRuleKinds }).notNull(),
    citation: text('citation').notNull(),
    summary: text('summary').notNull(),
    verify: integer('verify', { mode: 'boolean' }).notNull(),
    addedBy: text('added_by')
      .notNull()
      .references(() => staff.id, { onDelete: 'restrict' }),
    addedAt: integer('added_at', { mode: 'timestamp_ms' }).notNull(),
    retiredAt: integer('retired_at', { mode: 'timestamp_ms' }),
  },
  (t) => [uniqueIndex('claim_rule_additions_term_unique').on(t.storeId, t.term)],
);

export const messageTemplateKinds = ['receipt_message', 'sms'] as const;

/** Customer-facing text: the receipt message and the SMS templates the notification layer will send. */
export const messageTemplates = sqliteTable(
  'message_templates',
  {
    id: text('id').primaryKey(),
    storeId: text('store_id')
      .notNull()
      .references(() => stores.id, { onDelete: 'restrict' }),
    kind: text('kind', { enum: messageTemplateKinds }).notNull(),
    name: text('name').notNull(),
    body: text('body').notNull(),
    updatedBy: text('updated_by')
      .notNull()
      .references(() => staff.id, { onDelete: 'restrict' }),
    updatedAt: integer('updated_at', { mode: 'timestamp_ms' }).notNull(),
  },
  (t) => [uniqueIndex('message_templates_name_unique').on(t.storeId, t.kind, t.name)],
);

/** The managed list of note tags (`dosage_question_tincture`, `new_user_education`…). */
export const noteTags = sqliteTable(
  'note_tags',
  {
    storeId: text('store_id')
      .notNull()
      .references(() => stores.id, { onDelete: 'restrict' }),
    tag: text('tag').notNull(),
    label: text('label').notNull(),
    active: integer('active', { mode: 'boolean' }).notNull().default(true),
    createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
  },
  (t) => [uniqueIndex('note_tags_unique').on(t.storeId, t.tag)],
);

export const noteChannels = ['counter', 'phone', 'chat', 'sms', 'email'] as const;

/** A staff member's note on a customer interaction. Editable by its author for a short window (care/note-rules.ts), audited. */
export const customerNotes = sqliteTable(
  'customer_notes',
  {
    id: text('id').primaryKey(),
    storeId: text('store_id')
      .notNull()
      .references(() => stores.id, { onDelete: 'restrict' }),
    customerId: text('customer_id')
      .notNull()
      .references(() => customers.id, { onDelete: 'restrict' }),
    authorId: text('author_id')
      .notNull()
      .references(() => staff.id, { onDelete: 'restrict' }),
    channel: text('channel', { enum: noteChannels }).notNull(),
    body: text('body').notNull(),
    createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
    editedAt: integer('edited_at', { mode: 'timestamp_ms' }),
  },
  (t) => [index('customer_notes_customer_idx').on(t.customerId, t.createdAt), index('customer_notes_store_time_idx').on(t.storeId, t.createdAt)],
);

/** One row per tag on a note: what the search by tag and the weekly tag report read. */
export const customerNoteTags = sqliteTable(
  'customer_note_tags',
  {
    noteId: text('note_id')
      .notNull()
      .references(() => customerNotes.id, { onDelete: 'restrict' }),
    tag: text('tag').notNull(),
    /** The note's creation instant, copied so a tag-and-period search uses one index. */
    createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
  },
  (t) => [uniqueIndex('customer_note_tags_unique').on(t.noteId, t.tag), index('customer_note_tags_tag_time_idx').on(t.tag, t.createdAt)],
);
