import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { signIn } from '../../../support/session';
import { registerAtTheCounter, type Counter } from '../../../support/register';

/** Issue #15: rules shipped on the stricter reading are said so on the compliance screen. */
let counter: Counter;
let database: Counter['database'];
let core: Counter['core'];
beforeEach(async () => {
  counter = await registerAtTheCounter({ role: 'compliance_officer' });
  ({ database, core } = counter);
});
afterEach(() => counter.dispose());

describe('rules to verify', () => {
  it('lists the store state’s limits and taxes marked verify, each with its citation and what to confirm', async () => {
    database.sqlite.prepare("UPDATE stores SET state = 'IL'").run();
    await signIn(core, 'compliance_officer');
    const result = await core.send('compliance-rules-to-verify', {});
    expect(result).toMatchObject({ ok: true, value: { state: 'IL', rulePack: 'IL-2026-12' } });
    const items = result.ok ? result.value.items : [];
    expect(items).toContainEqual({ kind: 'limit', id: 'IL-AU-FLOWER-NR', citation: '410 ILCS 705/10-10(b)(1)', note: expect.stringContaining('reproduction') });
    expect(items).toContainEqual(expect.objectContaining({ kind: 'tax', id: 'il-rot-medical', note: expect.stringContaining('secondary source') }));
    expect(items.every((i) => i.note.length > 10 && i.citation.length > 3)).toBe(true);
  });

  it('is for the compliance officer, not the counter', async () => {
    await signIn(core, 'budtender');
    expect(await core.send('compliance-rules-to-verify', {})).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });
});
