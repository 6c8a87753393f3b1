import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { signIn } from '../../../support/session';
import { registerAtTheCounter, type Counter } from '../../../support/register';

let counter: Counter;
let database: Counter['database'];
let core: Counter['core'];
beforeEach(async () => {
  counter = await registerAtTheCounter({ role: 'compliance_officer' });
  ({ database, core } = counter);
});
afterEach(() => counter.dispose());

describe('audit export through the register (issue #16, finding 14)', () => {
  it('pages the log for the compliance officer, with the chain’s verdict, and records the export; the counter cannot', async () => {
    await signIn(core, 'budtender');
    expect(await core.send('audit-export-page', {})).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    await signIn(core, 'compliance_officer');
    const first = await core.send('audit-export-page', { limit: 2 });
    expect(first).toMatchObject({
      ok: true,
      value: {
        verification: expect.objectContaining({ ok: true }),
        entries: [expect.objectContaining({ seq: 1 }), expect.objectContaining({ seq: 2 })],
        nextAfterSeq: 2,
      },
    });
    const next = await core.send('audit-export-page', { afterSeq: 2, limit: 1000 });
    expect(next).toMatchObject({ ok: true, value: { verification: null, nextAfterSeq: null } });
    expect(database.sqlite.prepare("SELECT count(*) AS n FROM audit_log WHERE action = 'audit.export'").get()).toEqual({ n: 1 });
  });
});
