import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { takeInbound } from '../../../../src/main/features/notifications/ledger';
import { DEMO_STAFF } from '../../../../src/main/features/demo/seed';
import { registerAtTheCounter, type Counter } from '../../../support/register';
import { value } from '../../../support/result';
import { signIn } from '../../../support/session';
import { testPiiKeys } from '../../../support/temp-db';

/** Issue #22: a customer's phone and email, sealed at rest, found by a keyed index, with SMS opt-ins in the consent ledger. */
let counter: Counter;
let customerId: string;
const rosa = { customerType: 'adult' as const, firstName: 'Rosa', lastName: 'Parkes', dateOfBirth: '1980-02-03' };
beforeEach(async () => {
  counter = await registerAtTheCounter({ role: 'manager' });
  customerId = value(await counter.core.send('customer-create', rosa)).customerId;
  await signIn(counter.core, 'budtender');
});
afterEach(() => counter.dispose());

const rawRow = () => counter.database.sqlite.prepare('SELECT * FROM customers WHERE id = ?').get(customerId) as Record<string, unknown>;
const auditCount = (action: string) => (counter.database.sqlite.prepare('SELECT count(*) AS n FROM audit_log WHERE action = ?').get(action) as { n: number }).n;

describe('contact details', () => {
  it('seals the phone and email, shows them masked, and finds the customer by either however it is written', async () => {
    const { core } = counter;
    const profile = value(await core.send('customer-contact-set', { customerId, phone: '(212) 555-0142', email: 'Rosa.Parkes@Example.com' }));
    expect(profile).toMatchObject({ firstName: 'Rosa', phone: '••• ••• 0142', email: 'R•••@example.com' });
    // Nothing readable at rest: not the number in any form, not the address.
    const stored = JSON.stringify(rawRow());
    for (const clear of ['2125550142', '555-0142', 'Parkes@', 'example.com']) expect(stored).not.toContain(clear);
    for (const contact of ['+1 212 555 0142', '212.555.0142', 'rosa.parkes@EXAMPLE.com'])
      expect(
        value(await core.send('customer-find-by-contact', { contact })).items.map((c) => c.customerId),
        contact,
      ).toEqual([customerId]);
    expect(value(await core.send('customer-find-by-contact', { contact: '212-555-0143' })).items).toEqual([]);
    // Audited as what changed, never the values.
    const audit = counter.database.sqlite.prepare("SELECT before, after FROM audit_log WHERE action = 'customer.contact'").get() as {
      before: string;
      after: string;
    };
    expect(JSON.parse(audit.after)).toEqual({ phone: 'set', email: 'set' });
    expect(audit.after + audit.before).not.toMatch(/0142|example/i);
  });

  it('refuses a malformed phone or email with a typed error and writes nothing', async () => {
    const { core } = counter;
    value(await core.send('customer-contact-set', { customerId, phone: '212-555-0142' }));
    const before = rawRow();
    expect(await core.send('customer-contact-set', { customerId, phone: '555-0142', email: 'rosa@example.com' })).toMatchObject({
      ok: false,
      error: { code: 'CUSTOMER_PHONE_INVALID', message: expect.stringContaining('10 digits') },
    });
    expect(await core.send('customer-contact-set', { customerId, phone: '212-555-0199', email: 'rosa@example' })).toMatchObject({
      ok: false,
      error: { code: 'CUSTOMER_EMAIL_INVALID' },
    });
    expect(await core.send('customer-find-by-contact', { contact: '12345' })).toMatchObject({ ok: false, error: { code: 'CUSTOMER_PHONE_INVALID' } });
    expect(rawRow()).toEqual(before);
    expect(auditCount('customer.contact')).toBe(1);
  });

  it('removes a field with null (and its index with it), leaving the other', async () => {
    const { core } = counter;
    value(await core.send('customer-contact-set', { customerId, phone: '212-555-0142', email: 'rosa@example.com' }));
    expect(value(await core.send('customer-contact-set', { customerId, phone: null }))).toMatchObject({ phone: null, email: 'r•••@example.com' });
    expect(rawRow()).toMatchObject({ phone: null, phone_lookup: null });
    expect(value(await core.send('customer-find-by-contact', { contact: '212-555-0142' })).items).toEqual([]);
  });

  it('moves to the record kept when a manager merges a duplicate that had them', async () => {
    const { core } = counter;
    await signIn(core, 'manager');
    const duplicate = value(await core.send('customer-create', rosa)).customerId;
    value(await core.send('customer-contact-set', { customerId: duplicate, phone: '212-555-0142' }));
    const merged = value(await core.send('customer-merge', { keepId: customerId, mergeId: duplicate, reason: 'Registered twice' }));
    expect(merged.moved).toMatchObject({ contact_details: 1 });
    expect(value(await core.send('customer-find-by-contact', { contact: '212-555-0142' })).items.map((c) => c.customerId)).toEqual([customerId]);
    expect(counter.database.sqlite.prepare('SELECT phone, phone_lookup FROM customers WHERE id = ?').get(duplicate)).toEqual({
      phone: null,
      phone_lookup: null,
    });
  });
});

describe('SMS opt-ins taken at the counter', () => {
  const budtender = DEMO_STAFF.find((s) => s.role === 'budtender')?.id;

  it('go in the phone’s consent ledger with source counter, the proof and who took them; a STOP texted later outranks them', async () => {
    const { core, database } = counter;
    value(await core.send('customer-contact-set', { customerId, phone: '212-555-0142' }));
    const granted = value(
      await core.send('customer-sms-consent', { customerId, action: 'grant', kind: 'marketing', written: true, proof: 'Opt-in form 0042' }),
    );
    expect(granted.smsOptIns).toEqual({ transactional: false, marketing: true, stopped: false });
    const entry = database.sqlite.prepare('SELECT phone_lookup, source, kind, written, proof, recorded_by FROM sms_consent_entries').get() as Record<
      string,
      unknown
    >;
    expect(entry).toMatchObject({ source: 'counter', kind: 'marketing', written: 1, proof: 'Opt-in form 0042', recorded_by: budtender });
    expect(entry['phone_lookup']).toBe(rawRow()['phone_lookup']);
    expect(auditCount('customer.sms_consent')).toBe(1);

    takeInbound(database.db, testPiiKeys, { from: '+12125550142', text: 'STOP', messageId: 'in-1', at: new Date('2026-11-24T18:05:00Z') });
    expect(value(await core.send('customer-profile', { customerId })).smsOptIns).toEqual({ transactional: false, marketing: false, stopped: true });
  });

  it('refuses marketing consent not in writing, and any opt-in for a customer without a phone; writes nothing', async () => {
    const { core, database } = counter;
    expect(await core.send('customer-sms-consent', { customerId, action: 'grant', kind: 'transactional', proof: 'Asked at the counter' })).toMatchObject({
      ok: false,
      error: { code: 'CUSTOMER_PHONE_MISSING' },
    });
    value(await core.send('customer-contact-set', { customerId, phone: '212-555-0142' }));
    expect(await core.send('customer-sms-consent', { customerId, action: 'grant', kind: 'marketing', proof: 'Said yes' })).toMatchObject({
      ok: false,
      error: { code: 'CUSTOMER_MARKETING_CONSENT_UNWRITTEN' },
    });
    expect(database.sqlite.prepare('SELECT count(*) AS n FROM sms_consent_entries').get()).toEqual({ n: 0 });
    expect(auditCount('customer.sms_consent')).toBe(0);
    const transactional = value(await core.send('customer-sms-consent', { customerId, action: 'grant', kind: 'transactional', proof: 'Asked at the counter' }));
    expect(transactional.smsOptIns).toMatchObject({ transactional: true, marketing: false });
    const revoked = value(await core.send('customer-sms-consent', { customerId, action: 'revoke', kind: 'transactional', proof: 'Asked to stop' }));
    expect(revoked.smsOptIns.transactional).toBe(false);
  });
});

describe('email opt-ins taken at the counter', () => {
  it('go in the address’s email consent ledger (sealed, same keyed hash as the record), the latest entry deciding; they belong to the address', async () => {
    const { core, database } = counter;
    expect(await core.send('customer-email-consent', { customerId, action: 'grant', proof: 'Form 0043' })).toMatchObject({
      ok: false,
      error: { code: 'CUSTOMER_EMAIL_MISSING' },
    });
    expect(database.sqlite.prepare('SELECT count(*) AS n FROM email_consent_entries').get()).toEqual({ n: 0 });
    value(await core.send('customer-contact-set', { customerId, email: 'Rosa@Example.com' }));
    expect(value(await core.send('customer-profile', { customerId })).emailMarketing).toBe(false);
    expect(value(await core.send('customer-email-consent', { customerId, action: 'grant', proof: 'Form 0043' })).emailMarketing).toBe(true);
    const entry = database.sqlite.prepare('SELECT * FROM email_consent_entries').get() as Record<string, unknown>;
    expect(entry).toMatchObject({ action: 'grant', source: 'counter', proof: 'Form 0043', recorded_by: DEMO_STAFF.find((s) => s.role === 'budtender')?.id });
    expect(entry['email_lookup']).toBe(rawRow()['email_lookup']);
    expect(JSON.stringify(entry).toLowerCase()).not.toContain('example.com');
    expect(auditCount('customer.email_consent')).toBe(1);
    // Another address is another person's inbox: its consent starts over.
    expect(value(await core.send('customer-contact-set', { customerId, email: 'rosa.p@example.org' })).emailMarketing).toBe(false);
    value(await core.send('customer-contact-set', { customerId, email: 'rosa@example.com' }));
    expect(value(await core.send('customer-profile', { customerId })).emailMarketing).toBe(true);
    expect(value(await core.send('customer-email-consent', { customerId, action: 'revoke', proof: 'Asked at the counter' })).emailMarketing).toBe(false);
  });
});
