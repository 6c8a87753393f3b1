import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../../../src/main/core/create-core';
import { DEMO_STAFF } from '../../../../src/main/features/demo/seed';
import { openTempDatabase, testPiiKeys, type TempDatabase } from '../../../support/temp-db';

/**
 * Issue #16, finding 1: the lockout counted a failure after the hash
 * compare, from a count read before it, so parallel guesses all saw 0.
 */
let database: TempDatabase;
let core: Core;
let clock = new Date('2026-11-24T18:00:00Z');
beforeEach(() => {
  clock = new Date('2026-11-24T18:00:00Z');
  database = openTempDatabase({ demo: true });
  core = createCore({ piiKeys: testPiiKeys, database, now: () => clock });
});
afterEach(() => database.dispose());

const member = (role: string) => {
  const found = DEMO_STAFF.find((s) => s.role === role);
  if (found === undefined) throw new Error(role);
  return found;
};
const wrongPin = (right: string, i: number) => {
  const pin = String(1000 + i).padStart(4, '0');
  return pin === right ? '9999' : pin;
};
const audits = (action: string) => (database.sqlite.prepare('SELECT count(*) AS n FROM audit_log WHERE action = ?').get(action) as { n: number }).n;
const lockout = (staffId: string) => {
  const row = database.sqlite.prepare('SELECT state FROM staff_lockouts WHERE staff_id = ?').get(staffId) as { state: string } | undefined;
  return row === undefined ? undefined : (JSON.parse(row.state) as { failures: number; lockedUntil: number | null; lockouts: number });
};

describe('PIN guessing', () => {
  it('100 parallel admin sign-ins, 99 wrong: locked after exactly five, the right PIN refused, nobody signed in', async () => {
    const admin = member('admin');
    const attempts = Array.from({ length: 100 }, (_, i) => (i === 99 ? admin.pin : wrongPin(admin.pin, i)));
    const results = await Promise.all(attempts.map((pin) => core.send('session-sign-in', { staffId: admin.id, pin })));
    const codes = results.map((r) => (r.ok ? 'OK' : r.error.code));
    expect(codes.at(-1)).toBe('STAFF_LOCKED');
    expect(codes.filter((c) => c === 'OK')).toEqual([]);
    // Five hashes compared (four PIN_WRONG, the fifth locks); the other 95 refused before any compare.
    expect(codes.filter((c) => c === 'PIN_WRONG')).toHaveLength(4);
    expect(codes.filter((c) => c === 'STAFF_LOCKED')).toHaveLength(96);
    expect(audits('staff.sign_in.wrong_pin')).toBe(5);
    expect(lockout(admin.id)).toMatchObject({ failures: 0, lockouts: 1, lockedUntil: clock.getTime() + 60_000 });
    expect(await core.send('session-get', {})).toMatchObject({ ok: true, value: { staff: null } });
  });

  it('throttles the whole terminal after ten wrong PINs across staff, and a right PIN does not reset it', async () => {
    const [admin, manager, compliance, budtender] = (['admin', 'manager', 'compliance_officer', 'budtender'] as const).map(member);
    for (const [who, times] of [
      [admin, 4],
      [manager, 4],
    ] as const) {
      for (let i = 0; i < times; i += 1)
        expect(await core.send('session-sign-in', { staffId: who?.id ?? '', pin: wrongPin(who?.pin ?? '', i) })).toMatchObject({
          ok: false,
          error: { code: 'PIN_WRONG' },
        });
    }
    // A right PIN in between buys no extra guesses.
    expect((await core.send('session-sign-in', { staffId: budtender?.id ?? '', pin: budtender?.pin ?? '' })).ok).toBe(true);
    expect(await core.send('session-sign-in', { staffId: compliance?.id ?? '', pin: wrongPin(compliance?.pin ?? '', 1) })).toMatchObject({
      ok: false,
      error: { code: 'PIN_WRONG' },
    });
    expect(await core.send('session-sign-in', { staffId: compliance?.id ?? '', pin: wrongPin(compliance?.pin ?? '', 2) })).toMatchObject({
      ok: false,
      error: { code: 'PIN_THROTTLED', message: expect.stringContaining('at this register') },
    });
    expect(await core.send('session-sign-in', { staffId: budtender?.id ?? '', pin: budtender?.pin ?? '' })).toMatchObject({
      ok: false,
      error: { code: 'PIN_THROTTLED' },
    });
    clock = new Date(clock.getTime() + 61_000);
    expect((await core.send('session-sign-in', { staffId: budtender?.id ?? '', pin: budtender?.pin ?? '' })).ok).toBe(true);
  });
});
