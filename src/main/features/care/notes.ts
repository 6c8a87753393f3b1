import { randomUUID } from 'node:crypto';
import { and, desc, eq, gte, inArray, lt } from 'drizzle-orm';
import { AppError } from '../../../shared/errors';
import type { CustomerNoteView } from '../../../shared/contract/care';
import { distinctTags, editableUntil, noteEditProblem, weekStartOf } from '../../../shared/domain/customer-care/note-rules';
import { businessDay, dayWindow } from '../../../shared/domain/store-calendar';
import { appendAudit } from '../../platform/audit/log';
import { customerNotes, customerNoteTags, customers, noteTags, staff } from '../../platform/db/schema';
import type { RegisterDb } from '../../platform/db/open';
import type { RegisterTx } from '../../platform/db/transaction';

type Reader = RegisterDb | RegisterTx;
type Channel = (typeof customerNotes.$inferSelect)['channel'];

export interface NoteWrite {
  readonly storeId: string;
  readonly staffId: string;
  readonly terminalId: string;
  readonly now: Date;
}

/** Only tags from the store's managed list, and only active ones, go on a new or edited note. */
function requireManagedTags(tx: RegisterTx, storeId: string, tags: readonly string[]): string[] {
  const wanted = distinctTags(tags);
  if (wanted.length === 0) return wanted;
  const known = new Set(
    tx
      .select({ tag: noteTags.tag })
      .from(noteTags)
      .where(and(eq(noteTags.storeId, storeId), eq(noteTags.active, true), inArray(noteTags.tag, wanted)))
      .all()
      .map((r) => r.tag),
  );
  const unknown = wanted.filter((t) => !known.has(t));
  if (unknown.length > 0)
    throw new AppError('NOTE_TAG_UNKNOWN', `Not on the store's tag list: ${unknown.join(', ')}. Pick a listed tag or ask a manager to add it.`, {
      tags: unknown,
    });
  return wanted;
}

export function addNote(tx: RegisterTx, write: NoteWrite, input: { customerId: string; channel: Channel; body: string; tags: readonly string[] }): string {
  const customer = tx.select({ storeId: customers.storeId }).from(customers).where(eq(customers.id, input.customerId)).get();
  if (customer?.storeId !== write.storeId) throw new AppError('CUSTOMER_NOT_FOUND', 'No such customer in this store.');
  const tags = requireManagedTags(tx, write.storeId, input.tags);
  const id = randomUUID();
  tx.insert(customerNotes)
    .values({
      id,
      storeId: write.storeId,
      customerId: input.customerId,
      authorId: write.staffId,
      channel: input.channel,
      body: input.body,
      createdAt: write.now,
    })
    .run();
  for (const tag of tags) tx.insert(customerNoteTags).values({ noteId: id, tag, createdAt: write.now }).run();
  // The note's text is customer data: the audit names the customer, channel and tags, not the words.
  appendAudit(tx, {
    at: write.now,
    staffId: write.staffId,
    terminalId: write.terminalId,
    action: 'customer_note.add',
    entityType: 'customer_note',
    entityId: id,
    after: { customerId: input.customerId, channel: input.channel, tags, length: input.body.length },
  });
  return id;
}

export function editNote(tx: RegisterTx, write: NoteWrite, input: { noteId: string; body: string; tags?: readonly string[] | undefined }): void {
  const note = tx.select().from(customerNotes).where(eq(customerNotes.id, input.noteId)).get();
  if (note?.storeId !== write.storeId) throw new AppError('NOTE_NOT_FOUND', 'No such note in this store.');
  switch (noteEditProblem(note, write.staffId, write.now)) {
    case 'not_author':
      throw new AppError('NOTE_NOT_AUTHOR', 'Only the person who wrote a note can change it — add a new note instead.');
    case 'window_passed':
      throw new AppError('NOTE_EDIT_WINDOW_PASSED', 'This note can no longer be changed (the edit window has passed) — add a new note instead.');
    case null:
      break;
  }
  const beforeTags = tagsOf(tx, [note.id]).get(note.id) ?? [];
  const tags = input.tags === undefined ? beforeTags : requireManagedTags(tx, write.storeId, input.tags);
  tx.update(customerNotes).set({ body: input.body, editedAt: write.now }).where(eq(customerNotes.id, note.id)).run();
  if (input.tags !== undefined) {
    tx.delete(customerNoteTags).where(eq(customerNoteTags.noteId, note.id)).run();
    for (const tag of tags) tx.insert(customerNoteTags).values({ noteId: note.id, tag, createdAt: note.createdAt }).run();
  }
  appendAudit(tx, {
    at: write.now,
    staffId: write.staffId,
    terminalId: write.terminalId,
    action: 'customer_note.edit',
    entityType: 'customer_note',
    entityId: note.id,
    before: { tags: beforeTags, length: note.body.length },
    after: { tags, length: input.body.length },
  });
}

function tagsOf(db: Reader, noteIds: readonly string[]): Map<string, string[]> {
  const byNote = new Map<string, string[]>();
  if (noteIds.length === 0) return byNote;
  for (const row of db
    .select()
    .from(customerNoteTags)
    .where(inArray(customerNoteTags.noteId, [...noteIds]))
    .all()) {
    byNote.set(row.noteId, [...(byNote.get(row.noteId) ?? []), row.tag]);
  }
  return byNote;
}

const noteColumns = {
  id: customerNotes.id,
  customerId: customerNotes.customerId,
  authorId: customerNotes.authorId,
  authorName: staff.displayName,
  channel: customerNotes.channel,
  body: customerNotes.body,
  createdAt: customerNotes.createdAt,
  editedAt: customerNotes.editedAt,
};
interface NoteRow {
  readonly id: string;
  readonly customerId: string;
  readonly authorId: string;
  readonly authorName: string;
  readonly channel: Channel;
  readonly body: string;
  readonly createdAt: Date;
  readonly editedAt: Date | null;
}

function views(db: Reader, rows: readonly NoteRow[], now: Date): CustomerNoteView[] {
  const tags = tagsOf(
    db,
    rows.map((r) => r.id),
  );
  return rows.map((r) => ({
    noteId: r.id,
    customerId: r.customerId,
    authorId: r.authorId,
    authorName: r.authorName,
    channel: r.channel,
    body: r.body,
    tags: tags.get(r.id) ?? [],
    createdAt: r.createdAt.toISOString(),
    editedAt: r.editedAt?.toISOString() ?? null,
    editableUntil: editableUntil(r.createdAt, now)?.toISOString() ?? null,
  }));
}

export function noteView(db: Reader, noteId: string, now: Date): CustomerNoteView {
  const rows = db.select(noteColumns).from(customerNotes).innerJoin(staff, eq(staff.id, customerNotes.authorId)).where(eq(customerNotes.id, noteId)).all();
  const [view] = views(db, rows, now);
  if (view === undefined) throw new AppError('NOTE_NOT_FOUND', 'No such note in this store.');
  return view;
}

export function notesOfCustomer(db: Reader, storeId: string, customerId: string, limit: number, now: Date): CustomerNoteView[] {
  const rows = db
    .select(noteColumns)
    .from(customerNotes)
    .innerJoin(staff, eq(staff.id, customerNotes.authorId))
    .where(and(eq(customerNotes.storeId, storeId), eq(customerNotes.customerId, customerId)))
    .orderBy(desc(customerNotes.createdAt), desc(customerNotes.id))
    .limit(limit)
    .all();
  return views(db, rows, now);
}

/** The instants bounding store days `from`..`to` inclusive, in the store's zone. */
function period(from: string, to: string, timeZone: string): { start: Date; end: Date } {
  if (to < from) throw new AppError('PERIOD_INVALID', `The period ends (${to}) before it starts (${from}).`);
  return { start: dayWindow(from, timeZone).start, end: dayWindow(to, timeZone).end };
}

export function searchNotes(
  db: Reader,
  storeId: string,
  timeZone: string,
  query: { tag?: string | undefined; from: string; to: string; limit: number },
  now: Date,
): CustomerNoteView[] {
  const { start, end } = period(query.from, query.to, timeZone);
  const inPeriod = and(eq(customerNotes.storeId, storeId), gte(customerNotes.createdAt, start), lt(customerNotes.createdAt, end));
  const base = db.select(noteColumns).from(customerNotes).innerJoin(staff, eq(staff.id, customerNotes.authorId));
  const rows =
    query.tag === undefined
      ? base.where(inPeriod).orderBy(desc(customerNotes.createdAt)).limit(query.limit).all()
      : base
          .innerJoin(customerNoteTags, eq(customerNoteTags.noteId, customerNotes.id))
          .where(and(inPeriod, eq(customerNoteTags.tag, query.tag)))
          .orderBy(desc(customerNotes.createdAt))
          .limit(query.limit)
          .all();
  return views(db, rows, now);
}

/** Notes per tag per store-local week (Monday first): each tag on a note counts once, in the week of the note's store day. */
export function tagReport(
  db: Reader,
  storeId: string,
  timeZone: string,
  from: string,
  to: string,
): Array<{ weekStart: string; counts: Record<string, number> }> {
  const { start, end } = period(from, to, timeZone);
  const rows = db
    .select({ tag: customerNoteTags.tag, createdAt: customerNoteTags.createdAt })
    .from(customerNoteTags)
    .innerJoin(customerNotes, eq(customerNotes.id, customerNoteTags.noteId))
    .where(and(eq(customerNotes.storeId, storeId), gte(customerNoteTags.createdAt, start), lt(customerNoteTags.createdAt, end)))
    .all();
  const weeks = new Map<string, Record<string, number>>();
  for (const row of rows) {
    const week = weekStartOf(businessDay(row.createdAt, timeZone));
    const counts = weeks.get(week) ?? {};
    counts[row.tag] = (counts[row.tag] ?? 0) + 1;
    weeks.set(week, counts);
  }
  return [...weeks.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([weekStart, counts]) => ({ weekStart, counts }));
}
