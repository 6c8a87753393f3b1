import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { registerAtTheCounter, type Counter } from '../../../support/register';
import { signIn } from '../../../support/session';
import { value } from '../../../support/result';
import { join } from 'node:path';
import { runCli } from '../../../../src/main/entries/cli/index';
import { captureIo } from '../../../support/cli';
import { purgeExpiredNotes } from '../../../../src/main/features/care/note-retention';
import { customerRecordRetention } from '../../../../src/shared/domain/customer-care/record-retention';

/**
 * Issue #22: how long a customer's notes are kept. A note is a record the
 * business made (California: at least seven years from its creation,
 * 4 CCR § 15037(a)); past that it is deleted with its tags, and the purge
 * is audited by count, never by content.
 */

let counter: Counter;
let customerId: string;
beforeEach(async () => {
  counter = await registerAtTheCounter({ role: 'manager' });
  value(await counter.core.send('note-tag-save', { tag: 'new_user_education', label: 'New user education' }));
  customerId = value(
    await counter.core.send('customer-create', { customerType: 'adult', firstName: 'Rosa', lastName: 'Parkes', dateOfBirth: '1980-02-03' }),
  ).customerId;
  await signIn(counter.core, 'budtender');
});
afterEach(() => counter.dispose());

const add = (body: string) => counter.core.send('customer-note-add', { customerId, channel: 'counter', body, tags: ['new_user_education'] });
const count = (table: string) => (counter.database.sqlite.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;

describe('how long notes are kept', () => {
  it('is the state’s record-keeping period, cited, with a stricter default marked to verify', () => {
    expect(customerRecordRetention('CA')).toMatchObject({ years: 7, verify: false, citation: expect.stringContaining('§ 15037(a)') });
    expect(customerRecordRetention('CO')).toMatchObject({ years: 7, verify: true });
  });

  it('deletes a note and its tags once the period has passed since it was written, keeps the rest, and audits the count', async () => {
    const written = counter.clock.now;
    value(await add('First visit, explained labels'));
    counter.clock.now = new Date(written.getTime() + 24 * 3_600_000);
    await signIn(counter.core, 'budtender');
    value(await add('Came back with questions'));

    // One day short of seven years after the first: both stay.
    const sevenYears = new Date(written);
    sevenYears.setUTCFullYear(sevenYears.getUTCFullYear() + 7);
    expect(purgeExpiredNotes(counter.database.db, new Date(sevenYears.getTime() - 24 * 3_600_000))).toEqual({ purged: 0 });
    expect(count('customer_notes')).toBe(2);

    // Seven years and an hour: the first goes, with its tag; the second stays.
    expect(purgeExpiredNotes(counter.database.db, new Date(sevenYears.getTime() + 3_600_000))).toEqual({ purged: 1 });
    expect(count('customer_notes')).toBe(1);
    expect(count('customer_note_tags')).toBe(1);
    counter.clock.now = new Date(sevenYears.getTime() + 3_600_000);
    await signIn(counter.core, 'budtender');
    const notes = value(await counter.core.send('customer-notes', { customerId }));
    expect(notes.items.map((n) => n.body)).toEqual(['Came back with questions']);
    const audit = counter.database.sqlite.prepare("SELECT after FROM audit_log WHERE action = 'customer_note.purge'").all() as Array<{ after: string }>;
    expect(audit.map((a) => JSON.parse(a.after) as unknown)).toEqual([{ purged: 1, keptYears: 7, citation: expect.stringContaining('15037') }]);

    // The same on demand from the command line (today: nothing more is due).
    const io = captureIo();
    expect(await runCli(['purge-customer-notes', '--db', join(counter.database.dir, 'register.sqlite')], io)).toBe(0);
    expect(JSON.parse(io.out())).toEqual({ purged: 0 });
  });
});
