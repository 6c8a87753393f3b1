import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { registerAtTheCounter, type Counter } from '../../../support/register';
import { signIn } from '../../../support/session';
import { value } from '../../../support/result';
import { join } from 'node:path';
import { runCli } from '../../../../src/main/entries/cli/index';
import { captureIo } from '../../../support/cli';

let counter: Counter;
let customerId: string;
beforeEach(async () => {
  counter = await registerAtTheCounter({ role: 'manager' });
  value(await counter.core.send('note-tag-save', { tag: 'dosage_question_tincture', label: 'Dosage question (tincture)' }));
  value(await counter.core.send('note-tag-save', { tag: 'new_user_education', label: 'New user education' }));
  customerId = value(
    await counter.core.send('customer-create', { customerType: 'adult', firstName: 'Rosa', lastName: 'Parkes', dateOfBirth: '1980-02-03' }),
  ).customerId;
  await signIn(counter.core, 'budtender');
});
afterEach(() => counter.dispose());

const minutes = (n: number) => (counter.clock.now = new Date(counter.clock.now.getTime() + n * 60_000));
const add = (body: string, tags: string[], channel: 'counter' | 'phone' = 'counter') =>
  counter.core.send('customer-note-add', { customerId, channel, body, tags });

describe('notes on a customer', () => {
  it('adds a tagged note, lists the last notes newest first, audited without the words', async () => {
    const note = value(await add('Asked how many drops to start with', ['dosage_question_tincture']));
    expect(note).toMatchObject({
      channel: 'counter',
      tags: ['dosage_question_tincture'],
      authorName: expect.any(String),
      editableUntil: '2026-11-24T18:15:00.000Z',
    });
    minutes(5);
    value(await add('First visit, explained labels', ['new_user_education', 'new_user_education'], 'phone'));
    const notes = value(await counter.core.send('customer-notes', { customerId }));
    expect(notes.items.map((n) => n.tags)).toEqual([['new_user_education'], ['dosage_question_tincture']]);
    const audit = counter.database.sqlite.prepare("SELECT after FROM audit_log WHERE action = 'customer_note.add'").all() as Array<{ after: string }>;
    expect(audit).toHaveLength(2);
    expect(audit.map((a) => a.after).join()).not.toContain('drops');
  });

  it('refuses a tag not on the managed list (or retired) and writes nothing', async () => {
    expect(await add('x', ['made_up'])).toMatchObject({ ok: false, error: { code: 'NOTE_TAG_UNKNOWN' } });
    await signIn(counter.core, 'manager');
    value(await counter.core.send('note-tag-save', { tag: 'new_user_education', label: 'New user education', active: false }));
    expect(await add('x', ['new_user_education'])).toMatchObject({ ok: false, error: { code: 'NOTE_TAG_UNKNOWN' } });
    expect(counter.database.sqlite.prepare('SELECT count(*) AS n FROM customer_notes').get()).toEqual({ n: 0 });
  });

  it('only the author edits, only within 15 minutes; the edit is audited with before and after', async () => {
    const note = value(await add('Asked about drops', ['dosage_question_tincture']));
    minutes(14);
    expect(
      await counter.core.send('customer-note-edit', { noteId: note.noteId, body: 'Asked about tincture drops', tags: ['new_user_education'] }),
    ).toMatchObject({
      ok: true,
      value: { body: 'Asked about tincture drops', tags: ['new_user_education'], editedAt: expect.any(String) },
    });
    await signIn(counter.core, 'manager');
    expect(await counter.core.send('customer-note-edit', { noteId: note.noteId, body: 'changed' })).toMatchObject({
      ok: false,
      error: { code: 'NOTE_NOT_AUTHOR' },
    });
    await signIn(counter.core, 'budtender');
    minutes(2);
    expect(await counter.core.send('customer-note-edit', { noteId: note.noteId, body: 'late' })).toMatchObject({
      ok: false,
      error: { code: 'NOTE_EDIT_WINDOW_PASSED' },
    });
    expect(counter.database.sqlite.prepare('SELECT body FROM customer_notes').get()).toEqual({ body: 'Asked about tincture drops' });
    const edit = counter.database.sqlite.prepare("SELECT before, after FROM audit_log WHERE action = 'customer_note.edit'").all();
    expect(edit).toHaveLength(1);
  });

  it('searches by tag and store-local period, and reports tags per store-local week', async () => {
    // Sunday 29 Nov 23:30 in Los Angeles is Monday 07:30 UTC: it belongs to the week of 23 Nov, not 30 Nov.
    counter.clock.now = new Date('2026-11-30T07:30:00Z');
    await signIn(counter.core, 'budtender');
    value(await add('late Sunday', ['dosage_question_tincture']));
    counter.clock.now = new Date('2026-11-30T18:00:00Z');
    await signIn(counter.core, 'budtender');
    value(await add('Monday', ['dosage_question_tincture', 'new_user_education']));
    await signIn(counter.core, 'manager');
    const sunday = value(await counter.core.send('note-search', { tag: 'dosage_question_tincture', from: '2026-11-29', to: '2026-11-29' }));
    expect(sunday.items.map((n) => n.body)).toEqual(['late Sunday']);
    const both = value(await counter.core.send('note-search', { tag: 'dosage_question_tincture', from: '2026-11-23', to: '2026-12-06' }));
    expect(both.items.map((n) => n.body)).toEqual(['Monday', 'late Sunday']);
    expect(value(await counter.core.send('note-search', { tag: 'new_user_education', from: '2026-11-23', to: '2026-12-06' })).items).toHaveLength(1);
    expect(value(await counter.core.send('note-tag-report', { from: '2026-11-23', to: '2026-12-06' })).weeks).toEqual([
      { weekStart: '2026-11-23', counts: { dosage_question_tincture: 1 } },
      { weekStart: '2026-11-30', counts: { dosage_question_tincture: 1, new_user_education: 1 } },
    ]);
    expect(await counter.core.send('note-search', { from: '2026-12-06', to: '2026-11-23' })).toMatchObject({ ok: false, error: { code: 'PERIOD_INVALID' } });
    // The same from the command line, as JSON.
    const db = join(counter.database.dir, 'register.sqlite');
    const report = captureIo();
    expect(await runCli(['customer-notes', '--db', db, '--from', '2026-11-23', '--to', '2026-12-06', '--report', 'weekly'], report)).toBe(0);
    expect(JSON.parse(report.out()).weeks).toHaveLength(2);
    const search = captureIo();
    expect(await runCli(['customer-notes', '--db', db, '--from', '2026-11-29', '--to', '2026-11-29', '--tag', 'dosage_question_tincture'], search)).toBe(0);
    expect(JSON.parse(search.out()).items.map((n: { body: string }) => n.body)).toEqual(['late Sunday']);
    const bad = captureIo();
    expect(await runCli(['customer-notes', '--db', db, '--from', '2026-12-06', '--to', '2026-11-23'], bad)).toBe(1);
    expect(JSON.parse(bad.out())).toMatchObject({ error: { code: 'PERIOD_INVALID' } });
  });
});
