/**
 * Notes on a customer: who may change one and for how long, and the store's
 * week for the tag report. Pure: the core applies them.
 */

/**
 * How long after writing it the author may still correct a note. After that a
 * note is part of the record: add another one. Data, so a store's policy can
 * change it in one place.
 */
export const NOTE_RULES = { editWindowMs: 15 * 60_000, weekStartsOn: 'monday' } as const;

export type NoteEditProblem = 'not_author' | 'window_passed';

export function noteEditProblem(note: { readonly authorId: string; readonly createdAt: Date }, staffId: string, now: Date): NoteEditProblem | null {
  if (note.authorId !== staffId) return 'not_author';
  if (now.getTime() - note.createdAt.getTime() > NOTE_RULES.editWindowMs) return 'window_passed';
  return null;
}

/** Until when the author may edit, or null once passed. */
export function editableUntil(createdAt: Date, now: Date): Date | null {
  const until = new Date(createdAt.getTime() + NOTE_RULES.editWindowMs);
  return now.getTime() <= until.getTime() ? until : null;
}

/** The Monday (YYYY-MM-DD) of the store-local week that contains a store-local day. */
export function weekStartOf(day: string): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const date = new Date(Date.UTC(y, m - 1, d));
  const sinceMonday = (date.getUTCDay() + 6) % 7;
  date.setUTCDate(date.getUTCDate() - sinceMonday);
  return date.toISOString().slice(0, 10);
}

/** Tags are unique on a note, in the order given. */
export function distinctTags(tags: readonly string[]): string[] {
  return [...new Set(tags)];
}
