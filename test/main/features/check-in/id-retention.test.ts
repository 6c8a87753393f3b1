import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { purgeAdultUseIdData, recordIdVerification, type IdVerificationInput } from '../../../../src/main/features/check-in/id-verification';
import { createCore, type Core } from '../../../../src/main/core/create-core';
import { writeTransaction } from '../../../../src/main/platform/db/transaction';
import { DEMO_STORE_ID } from '../../../../src/main/features/demo/seed';
import { startRetentionSweeps } from '../../../../src/main/core/retention-sweeps';
import { signIn } from '../../../support/session';
import { openTempDatabase, testPiiKeys, type TempDatabase } from '../../../support/temp-db';

let database: TempDatabase;
let core: Core;
let clock = new Date('2026-11-24T18:00:00Z');
beforeEach(() => {
  clock = new Date('2026-11-24T18:00:00Z');
  database = openTempDatabase({ demo: true });
  core = createCore({ piiKeys: testPiiKeys, database, now: () => clock, idleLockMs: 365 * 86_400_000 });
});
afterEach(() => database.dispose());

const check = (saleType: 'adult_use' | 'medical', idNumber: string, extra: Partial<IdVerificationInput> = {}): string =>
  writeTransaction(database.db, (tx) =>
    recordIdVerification(tx, testPiiKeys, {
      storeId: DEMO_STORE_ID,
      customerId: null,
      saleType,
      method: 'scanned',
      verifiedBy: 'staff-demo-budtender',
      outcome: 'accepted',
      refusalCode: null,
      issuer: 'CA',
      idData: { idNumber, dateOfBirth: '1990-04-12', expiry: '2030-04-12' },
      now: clock,
      ...extra,
    }),
  );
const row = (id: string) =>
  database.sqlite.prepare('SELECT id_number_sealed AS sealed, date_of_birth AS dob, purged_at AS purgedAt FROM id_verifications WHERE id = ?').get(id) as {
    sealed: string | null;
    dob: string | null;
    purgedAt: number | null;
  };

describe('adult-use ID data retention', () => {
  it('keeps no adult-use ID data until the compliance officer chooses a window, but records that the check happened', () => {
    const id = check('adult_use', 'D1234567');
    expect(row(id)).toEqual({ sealed: null, dob: null, purgedAt: null });
    expect(database.sqlite.prepare('SELECT method, outcome, verified_by AS by FROM id_verifications WHERE id = ?').get(id)).toEqual({
      method: 'scanned',
      outcome: 'accepted',
      by: 'staff-demo-budtender',
    });
  });

  it('keeps it encrypted for the chosen window, then purges it (holds and medical records stay)', async () => {
    await signIn(core, 'compliance_officer');
    expect(await core.send('id-retention-set', { policy: { retain: 'days', days: 30 } })).toEqual({ ok: true, value: { purged: 0 } });
    const adult = check('adult_use', 'D7654321');
    const held = check('adult_use', 'D5555555');
    database.sqlite.prepare("UPDATE id_verifications SET hold = 'form_8300' WHERE id = ?").run(held); // kept for IRS Form 8300
    const medical = check('medical', 'D9999999');
    expect(row(adult).sealed).toMatch(/^v1:/);
    database.sqlite.pragma('wal_checkpoint(TRUNCATE)');
    expect(readFileSync(database.path).toString('latin1')).not.toContain('D7654321');

    clock = new Date('2026-12-23T18:00:00Z'); // 29 days later
    expect(purgeAdultUseIdData(database.db, clock)).toEqual({ purged: 0 });
    clock = new Date('2026-12-24T18:00:01Z'); // past 30 calendar days in Los Angeles
    expect(purgeAdultUseIdData(database.db, clock)).toEqual({ purged: 1 });
    expect(row(adult)).toMatchObject({ sealed: null, dob: null, purgedAt: clock.getTime() });
    expect(row(held).sealed).not.toBeNull();
    expect(row(medical).sealed).not.toBeNull();
    expect(database.sqlite.prepare("SELECT count(*) AS n FROM audit_log WHERE action = 'id_data.purge'").get()).toEqual({ n: 1 });
  });

  it('purges while the register runs, without waiting for a restart (the hourly sweep)', async () => {
    await signIn(core, 'compliance_officer');
    await core.send('id-retention-set', { policy: { retain: 'days', days: 30 } });
    const adult = check('adult_use', 'D2222222');
    clock = new Date('2026-12-30T18:00:00Z'); // five weeks on, the register never restarted
    const sweeps = startRetentionSweeps(database, { everyMs: 10, now: () => clock });
    try {
      for (let waited = 0; row(adult).sealed !== null && waited < 2_000; waited += 10) await new Promise((r) => setTimeout(r, 10));
    } finally {
      sweeps.stop();
    }
    expect(row(adult)).toMatchObject({ sealed: null, dob: null, purgedAt: clock.getTime() });
  });

  it('purges at once when the window is shortened to never', async () => {
    await signIn(core, 'compliance_officer');
    await core.send('id-retention-set', { policy: { retain: 'days', days: 90 } });
    const adult = check('adult_use', 'D1111111');
    expect(await core.send('id-retention-set', { policy: { retain: 'never' } })).toEqual({ ok: true, value: { purged: 1 } });
    expect(row(adult).sealed).toBeNull();
    expect(await core.send('id-retention-get', {})).toMatchObject({ ok: true, value: { policy: { retain: 'never' }, chosenBy: 'staff-demo-compliance' } });
  });

  it('lets only compliance roles choose', async () => {
    await signIn(core, 'manager');
    expect(await core.send('id-retention-set', { policy: { retain: 'never' } })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });
});
