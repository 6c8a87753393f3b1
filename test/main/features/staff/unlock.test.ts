import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { supportAuditKey } from '../../../../src/main/entries/cli/key-option';
import { createCore, type Core } from '../../../../src/main/core/create-core';
import { openDatabase, type RegisterDatabase } from '../../../../src/main/platform/db/open';
import { DEMO_STAFF } from '../../../../src/main/features/demo/seed';
import { runCli } from '../../../../src/main/entries/cli/index';
import { captureIo } from '../../../support/cli';
import { signIn } from '../../../support/session';
import { keyedDemoFile, migrationsFolder, tempDir, testPiiKeys } from '../../../support/temp-db';

/** Issue #16, finding 9: a lockout can be cleared — by a manager at the till, or on the machine for a locked-out sole admin. */
let dir: ReturnType<typeof tempDir>;
let path = '';
let database: RegisterDatabase;
let core: Core;
const clock = new Date('2026-11-24T18:00:00Z');
beforeEach(async () => {
  dir = tempDir();
  path = await keyedDemoFile(dir.path);
  await reopen();
});
afterEach(() => {
  database.close();
  dir.cleanup();
});

async function reopen(): Promise<void> {
  const auditKey = await supportAuditKey(path);
  database = openDatabase({ path, migrationsFolder, ...(auditKey === undefined ? {} : { auditKey }) });
  core = createCore({ piiKeys: testPiiKeys, database, now: () => clock });
}
const admin = DEMO_STAFF.find((s) => s.role === 'admin') ?? DEMO_STAFF[0];
const signInAdmin = (pin: string = admin?.pin ?? '') => core.send('session-sign-in', { staffId: admin?.id ?? '', pin });
const audits = () => (database.sqlite.prepare("SELECT count(*) AS n FROM audit_log WHERE action = 'staff.unlock'").get() as { n: number }).n;

describe('staff unlock', () => {
  it('a manager clears the only admin’s lockout at the till; a budtender cannot', async () => {
    for (let i = 0; i < 5; i += 1) await signInAdmin('0000');
    expect(await signInAdmin()).toMatchObject({ ok: false, error: { code: 'STAFF_LOCKED' } });
    await signIn(core, 'budtender');
    expect(await core.send('staff-unlock', { staffId: admin?.id ?? '' })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    await signIn(core, 'manager');
    expect(await core.send('staff-unlock', { staffId: admin?.id ?? '' })).toMatchObject({ ok: true });
    expect(audits()).toBe(1);
    expect(await signInAdmin()).toMatchObject({ ok: true });
  });

  it('on the machine, `unlock-staff` clears a till whose PIN throttle locks everybody out', async () => {
    for (let i = 0; i < 12; i += 1) await core.send('session-sign-in', { staffId: DEMO_STAFF[i % DEMO_STAFF.length]?.id ?? '', pin: '0000' });
    expect(await signInAdmin()).toMatchObject({ ok: false, error: { code: 'PIN_THROTTLED' } });
    database.close();
    const io = captureIo();
    expect(await runCli(['unlock-staff', '--staff', admin?.id ?? '', '--db', path], io)).toBe(0);
    expect(JSON.parse(io.out())).toMatchObject({ staffId: admin?.id, terminalsCleared: 1 });
    await reopen();
    expect(await signInAdmin()).toMatchObject({ ok: true });
    expect(audits()).toBe(1);
  });

  it('names an unknown staff member in words', async () => {
    database.close();
    const io = captureIo();
    expect(await runCli(['unlock-staff', '--staff', 'nobody', '--db', path], io)).toBe(1);
    expect(JSON.parse(io.out())).toMatchObject({ error: { code: 'STAFF_NOT_FOUND' } });
    await reopen();
  });
});
