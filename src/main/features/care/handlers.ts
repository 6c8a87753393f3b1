import { randomUUID } from 'node:crypto';
import { and, asc, eq } from 'drizzle-orm';
import { AppError } from '../../../shared/errors';
import { BUILT_IN_CLAIM_RULES, findMedicalClaims } from '../../../shared/domain/customer-care/medical-claims';
import { appendAudit } from '../../platform/audit/log';
import { claimRuleAdditions, noteTags, stores } from '../../platform/db/schema';
import type { RegisterDb } from '../../platform/db/open';
import { writeTransaction } from '../../platform/db/transaction';
import type { Handlers } from '../../core/handler';
import { signedIn } from '../../core/signed-in';
import { storeIdOfTerminal } from '../store/terminal';
import { claimRulesOfStore } from './claim-rules';
import { listTemplates, saveTemplate } from './templates';
import { addNote, editNote, noteView, notesOfCustomer, searchNotes, tagReport } from './notes';

type CareCommand =
  | 'claim-rules-list'
  | 'claim-rule-add'
  | 'claim-check'
  | 'message-template-save'
  | 'message-template-list'
  | 'note-tag-save'
  | 'note-tag-list'
  | 'customer-note-add'
  | 'customer-note-edit'
  | 'customer-notes'
  | 'note-search'
  | 'note-tag-report';

function storeOf(db: RegisterDb, terminalId: string): { id: string; timeZone: string } {
  const id = storeIdOfTerminal(db, terminalId);
  const row = db.select({ timeZone: stores.timeZone }).from(stores).where(eq(stores.id, id)).get();
  if (row === undefined) throw new AppError('TERMINAL_NOT_SET_UP', 'This terminal is not set up in the database. Call IT support.');
  return { id, timeZone: row.timeZone };
}

export const careHandlers: Handlers<CareCommand> = {
  'claim-rules-list': (_input, ctx) => {
    const storeId = storeIdOfTerminal(ctx.db, ctx.terminalId);
    return {
      items: claimRulesOfStore(ctx.db, storeId).map((r) => ({
        id: r.id,
        kind: r.kind,
        terms: [...r.terms],
        source: { ...r.source },
        builtIn: BUILT_IN_CLAIM_RULES.includes(r),
      })),
    };
  },

  'claim-rule-add': (input, ctx) =>
    writeTransaction(ctx.db, (tx) => {
      const staffId = signedIn(ctx);
      const storeId = storeIdOfTerminal(tx, ctx.terminalId);
      const term = input.term.toLowerCase();
      const existing = tx
        .select({ id: claimRuleAdditions.id })
        .from(claimRuleAdditions)
        .where(and(eq(claimRuleAdditions.storeId, storeId), eq(claimRuleAdditions.term, term)))
        .get();
      if (existing !== undefined) throw new AppError('CLAIM_RULE_EXISTS', `“${term}” is already on the store's list.`);
      const id = randomUUID();
      const at = ctx.now();
      tx.insert(claimRuleAdditions)
        .values({ id, storeId, term, kind: input.kind, citation: input.citation, summary: input.summary, verify: input.verify, addedBy: staffId, addedAt: at })
        .run();
      appendAudit(tx, {
        at,
        staffId,
        terminalId: ctx.terminalId,
        action: 'claim_rule.add',
        entityType: 'claim_rule',
        entityId: id,
        after: { term, kind: input.kind, citation: input.citation, verify: input.verify },
      });
      return { ruleId: `store:${id}` };
    }),

  'claim-check': (input, ctx) => ({
    findings: findMedicalClaims(input.text, claimRulesOfStore(ctx.db, storeIdOfTerminal(ctx.db, ctx.terminalId))).map((f) => ({
      ...f,
      source: { ...f.source },
    })),
  }),

  'message-template-save': (input, ctx) =>
    writeTransaction(ctx.db, (tx) =>
      saveTemplate(tx, {
        storeId: storeIdOfTerminal(tx, ctx.terminalId),
        kind: input.kind,
        name: input.name,
        body: input.body,
        staffId: signedIn(ctx),
        terminalId: ctx.terminalId,
        now: ctx.now(),
      }),
    ),

  'message-template-list': (input, ctx) => ({
    items: listTemplates(ctx.db, storeIdOfTerminal(ctx.db, ctx.terminalId), input.kind).map((t) => ({
      templateId: t.id,
      kind: t.kind,
      name: t.name,
      body: t.body,
      updatedAt: t.updatedAt.toISOString(),
    })),
  }),

  'note-tag-save': (input, ctx) =>
    writeTransaction(ctx.db, (tx) => {
      const staffId = signedIn(ctx);
      const storeId = storeIdOfTerminal(tx, ctx.terminalId);
      const at = ctx.now();
      const before = tx
        .select()
        .from(noteTags)
        .where(and(eq(noteTags.storeId, storeId), eq(noteTags.tag, input.tag)))
        .get();
      tx.insert(noteTags)
        .values({ storeId, tag: input.tag, label: input.label, active: input.active, createdAt: at })
        .onConflictDoUpdate({ target: [noteTags.storeId, noteTags.tag], set: { label: input.label, active: input.active } })
        .run();
      appendAudit(tx, {
        at,
        staffId,
        terminalId: ctx.terminalId,
        action: 'note_tag.save',
        entityType: 'note_tag',
        entityId: input.tag,
        ...(before === undefined ? {} : { before: { label: before.label, active: before.active } }),
        after: { label: input.label, active: input.active },
      });
      return { tag: input.tag };
    }),

  'note-tag-list': (input, ctx) => ({
    items: ctx.db
      .select({ tag: noteTags.tag, label: noteTags.label, active: noteTags.active })
      .from(noteTags)
      .where(and(eq(noteTags.storeId, storeIdOfTerminal(ctx.db, ctx.terminalId)), input.includeRetired ? undefined : eq(noteTags.active, true)))
      .orderBy(asc(noteTags.tag))
      .all(),
  }),

  'customer-note-add': (input, ctx) => {
    const now = ctx.now();
    const noteId = writeTransaction(ctx.db, (tx) =>
      addNote(tx, { storeId: storeIdOfTerminal(tx, ctx.terminalId), staffId: signedIn(ctx), terminalId: ctx.terminalId, now }, input),
    );
    return noteView(ctx.db, noteId, now);
  },

  'customer-note-edit': (input, ctx) => {
    const now = ctx.now();
    writeTransaction(ctx.db, (tx) =>
      editNote(tx, { storeId: storeIdOfTerminal(tx, ctx.terminalId), staffId: signedIn(ctx), terminalId: ctx.terminalId, now }, input),
    );
    return noteView(ctx.db, input.noteId, now);
  },

  'customer-notes': (input, ctx) => ({
    items: notesOfCustomer(ctx.db, storeIdOfTerminal(ctx.db, ctx.terminalId), input.customerId, input.limit, ctx.now()),
  }),

  'note-search': (input, ctx) => {
    const store = storeOf(ctx.db, ctx.terminalId);
    return { items: searchNotes(ctx.db, store.id, store.timeZone, input, ctx.now()) };
  },

  'note-tag-report': (input, ctx) => {
    const store = storeOf(ctx.db, ctx.terminalId);
    return { weeks: tagReport(ctx.db, store.id, store.timeZone, input.from, input.to) };
  },
};
