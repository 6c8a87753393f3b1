import { z } from 'zod';
import { command } from './command';
import { calendarDate, counterText } from './values';

/** Customer care (issue #22): medical-claim rules, customer-facing templates, notes with tags. */

export const claimRuleKind = z.enum(['claim_verb', 'disease', 'therapeutic_phrase']);
export const noteChannel = z.enum(['counter', 'phone', 'chat', 'sms', 'email']);
export const templateKind = z.enum(['receipt_message', 'sms']);
/** A managed tag: lower-case words joined by underscores, e.g. `dosage_question_tincture`. */
export const noteTag = z.string().regex(/^[a-z][a-z0-9_]{1,47}$/, 'A tag is lower-case letters, digits and underscores, e.g. new_user_education');

const claimSource = z.object({ citation: z.string(), summary: z.string(), verify: z.boolean() });
export const claimRuleView = z.object({
  id: z.string(),
  kind: claimRuleKind,
  terms: z.array(z.string()),
  source: claimSource,
  builtIn: z.boolean(),
});

export const customerNoteView = z.object({
  noteId: z.string(),
  customerId: z.string(),
  authorId: z.string(),
  authorName: z.string(),
  channel: noteChannel,
  body: z.string(),
  tags: z.array(z.string()),
  createdAt: z.string(),
  editedAt: z.string().nullable(),
  /** Until when its author may still edit it (ISO), or null once the window has passed. */
  editableUntil: z.string().nullable(),
});
export type CustomerNoteView = z.infer<typeof customerNoteView>;

export const careCommands = {
  'claim-rules-list': command({
    access: 'signed_in',
    summary: 'The medical-claim rules: the built-in list with its sources, and the ones added at this store.',
    writes: false,
    input: z.object({}).strict(),
    output: z.object({ items: z.array(claimRuleView) }),
  }),
  'claim-rule-add': command({
    access: 'compliance.configure',
    summary: 'Add a term to the medical-claim list, with the source it rests on (audited).',
    writes: true,
    input: z
      .object({
        term: counterText(80),
        kind: claimRuleKind,
        citation: counterText(200),
        summary: counterText(500),
        verify: z.boolean().default(true),
      })
      .strict(),
    output: z.object({ ruleId: z.string() }),
  }),
  'claim-check': command({
    access: 'signed_in',
    summary: 'The medical claims in a text, each with its rule and source.',
    writes: false,
    input: z.object({ text: z.string().max(2000) }).strict(),
    output: z.object({
      findings: z.array(z.object({ phrase: z.string(), index: z.number().int(), ruleId: z.string(), kind: claimRuleKind, source: claimSource })),
    }),
  }),
  'message-template-save': command({
    access: 'settings.edit',
    summary: 'Save a customer-facing template (receipt message, SMS); refused if it makes a medical claim.',
    writes: true,
    input: z.object({ kind: templateKind, name: counterText(60), body: counterText(1000) }).strict(),
    output: z.object({ templateId: z.string(), created: z.boolean() }),
  }),
  'message-template-list': command({
    access: 'signed_in',
    summary: 'The store’s customer-facing templates.',
    writes: false,
    input: z.object({ kind: templateKind.optional() }).strict(),
    output: z.object({ items: z.array(z.object({ templateId: z.string(), kind: templateKind, name: z.string(), body: z.string(), updatedAt: z.string() })) }),
  }),
  'note-tag-save': command({
    access: 'settings.edit',
    summary: 'Add a note tag to the managed list, or rename or retire one.',
    writes: true,
    input: z.object({ tag: noteTag, label: counterText(80), active: z.boolean().default(true) }).strict(),
    output: z.object({ tag: z.string() }),
  }),
  'note-tag-list': command({
    access: 'customer.notes',
    summary: 'The managed note tags (active ones unless asked).',
    writes: false,
    input: z.object({ includeRetired: z.boolean().default(false) }).strict(),
    output: z.object({ items: z.array(z.object({ tag: z.string(), label: z.string(), active: z.boolean() })) }),
  }),
  'customer-note-add': command({
    access: 'customer.notes',
    summary: 'Log a note on a customer: channel, free text, tags from the managed list (audited).',
    writes: true,
    input: z
      .object({
        customerId: z.string().min(1).max(64),
        channel: noteChannel,
        body: counterText(2000),
        tags: z.array(noteTag).max(10).default([]),
      })
      .strict(),
    output: customerNoteView,
  }),
  'customer-note-edit': command({
    access: 'customer.notes',
    summary: 'Edit one’s own note within the edit window (audited, before and after).',
    writes: true,
    input: z.object({ noteId: z.string().min(1).max(64), body: counterText(2000), tags: z.array(noteTag).max(10).optional() }).strict(),
    output: customerNoteView,
  }),
  'customer-notes': command({
    access: 'customer.notes',
    summary: 'A customer’s notes, newest first.',
    writes: false,
    input: z.object({ customerId: z.string().min(1).max(64), limit: z.number().int().min(1).max(100).default(10) }).strict(),
    output: z.object({ items: z.array(customerNoteView) }),
  }),
  'note-search': command({
    access: 'customer.notes',
    summary: 'Notes with a tag in a period of store days (inclusive), newest first.',
    writes: false,
    input: z.object({ tag: noteTag.optional(), from: calendarDate, to: calendarDate, limit: z.number().int().min(1).max(500).default(100) }).strict(),
    output: z.object({ items: z.array(customerNoteView) }),
  }),
  'note-tag-report': command({
    access: 'reports.view',
    summary: 'Notes per tag per store-local week (weeks start Monday), for a period of store days.',
    writes: false,
    input: z.object({ from: calendarDate, to: calendarDate }).strict(),
    output: z.object({ weeks: z.array(z.object({ weekStart: z.string(), counts: z.record(z.string(), z.number().int()) })) }),
  }),
};
