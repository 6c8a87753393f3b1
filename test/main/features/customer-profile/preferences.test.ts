import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { registerAtTheCounter, type Counter } from '../../../support/register';
import { value } from '../../../support/result';
import { signIn } from '../../../support/session';

/** Issue #22: a customer's preferred categories and effects, from a managed list, sealed on their record. */
let counter: Counter;
let customerId: string;
const rosa = { customerType: 'adult' as const, firstName: 'Rosa', lastName: 'Parkes', dateOfBirth: '1980-02-03' };
beforeEach(async () => {
  counter = await registerAtTheCounter({ role: 'manager' });
  const { core } = counter;
  value(await core.send('preference-option-save', { key: 'edibles', kind: 'category', label: 'Edibles' }));
  value(await core.send('preference-option-save', { key: 'sleep', kind: 'effect', label: 'Sleep' }));
  value(await core.send('preference-option-save', { key: 'energy', kind: 'effect', label: 'Energy' }));
  customerId = value(await core.send('customer-create', rosa)).customerId;
  await signIn(core, 'budtender');
});
afterEach(() => counter.dispose());

const stored = () =>
  (counter.database.sqlite.prepare('SELECT preferences FROM customers WHERE id = ?').get(customerId) as { preferences: string | null }).preferences;

describe('customer preferences', () => {
  it('are picked from the managed list, shown on the card with their labels, sealed at rest and audited by count', async () => {
    const { core, database } = counter;
    const card = value(await core.send('customer-preferences-set', { customerId, keys: ['sleep', 'edibles', 'sleep'] }));
    expect(card.preferences).toEqual([
      { key: 'sleep', kind: 'effect', label: 'Sleep', active: true },
      { key: 'edibles', kind: 'category', label: 'Edibles', active: true },
    ]);
    expect(stored()).toMatch(/^v\d+:/);
    expect(stored()).not.toContain('sleep');
    const audit = database.sqlite.prepare("SELECT after FROM audit_log WHERE action = 'customer.preferences'").get() as { after: string };
    expect(JSON.parse(audit.after)).toEqual({ count: 2 });
    expect(value(await core.send('customer-preferences-set', { customerId, keys: [] })).preferences).toEqual([]);
    expect(stored()).toBeNull();
  });

  it('refuses a key not on the list or retired, and a budtender editing the list; writes nothing', async () => {
    const { core } = counter;
    value(await core.send('customer-preferences-set', { customerId, keys: ['energy'] }));
    const before = stored();
    expect(await core.send('customer-preferences-set', { customerId, keys: ['sleep', 'pain_relief'] })).toMatchObject({
      ok: false,
      error: { code: 'CUSTOMER_PREFERENCE_UNKNOWN', message: expect.stringContaining('pain_relief') },
    });
    expect(await core.send('preference-option-save', { key: 'pain_relief', kind: 'effect', label: 'Pain relief' })).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    await signIn(core, 'manager');
    value(await core.send('preference-option-save', { key: 'sleep', kind: 'effect', label: 'Sleep', active: false }));
    expect(await core.send('customer-preferences-set', { customerId, keys: ['sleep'] })).toMatchObject({
      ok: false,
      error: { code: 'CUSTOMER_PREFERENCE_UNKNOWN' },
    });
    expect(stored()).toBe(before);
    expect(value(await core.send('preference-option-list', {})).items.map((o) => o.key)).toEqual(['edibles', 'energy']);
  });

  it('keeps a short list: six refused', async () => {
    const { core } = counter;
    await signIn(core, 'manager');
    for (const key of ['flower', 'vapes', 'tinctures']) value(await core.send('preference-option-save', { key, kind: 'category', label: key }));
    expect(await core.send('customer-preferences-set', { customerId, keys: ['edibles', 'sleep', 'energy', 'flower', 'vapes', 'tinctures'] })).toMatchObject({
      ok: false,
      error: { code: 'CUSTOMER_PREFERENCES_TOO_MANY' },
    });
  });

  it('move to the record kept when a manager merges a duplicate, unless the kept record has its own', async () => {
    const { core } = counter;
    await signIn(core, 'manager');
    const duplicate = value(await core.send('customer-create', rosa)).customerId;
    value(await core.send('customer-preferences-set', { customerId: duplicate, keys: ['edibles'] }));
    value(await core.send('customer-merge', { keepId: customerId, mergeId: duplicate, reason: 'Registered twice' }));
    expect(value(await core.send('customer-profile', { customerId })).preferences.map((p) => p.key)).toEqual(['edibles']);
    expect(counter.database.sqlite.prepare('SELECT preferences FROM customers WHERE id = ?').get(duplicate)).toEqual({ preferences: null });
  });
});
