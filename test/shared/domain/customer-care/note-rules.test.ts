import { describe, expect, it } from 'vitest';
import { NOTE_RULES, editableUntil, noteEditProblem, weekStartOf } from '../../../../src/shared/domain/customer-care/note-rules';

describe('note rules', () => {
  const note = { authorId: 'a', createdAt: new Date('2026-11-24T18:00:00Z') };
  it('lets only the author edit, within the window', () => {
    expect(NOTE_RULES.editWindowMs).toBe(15 * 60_000);
    expect(noteEditProblem(note, 'a', new Date('2026-11-24T18:15:00Z'))).toBeNull();
    expect(noteEditProblem(note, 'a', new Date('2026-11-24T18:15:00.001Z'))).toBe('window_passed');
    expect(noteEditProblem(note, 'b', new Date('2026-11-24T18:01:00Z'))).toBe('not_author');
    expect(editableUntil(note.createdAt, new Date('2026-11-24T18:20:00Z'))).toBeNull();
  });
  it('weeks start on Monday, across month and year ends', () => {
    expect(weekStartOf('2026-11-30')).toBe('2026-11-30');
    expect(weekStartOf('2026-11-29')).toBe('2026-11-23');
    expect(weekStartOf('2027-01-02')).toBe('2026-12-28');
  });
});
