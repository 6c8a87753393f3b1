import { afterEach, describe, expect, it } from 'vitest';
import { hasEmailConsent, recordEmailConsent } from '../../../../src/main/features/notifications/email-consent';
import { openTempDatabase, testPiiKeys, type TempDatabase } from '../../../support/temp-db';

let temp: TempDatabase | undefined;
afterEach(() => temp?.dispose());

describe('the email consent ledger', () => {
  it('refuses an entry without proof and writes nothing; the latest entry decides, found by the address in any case', () => {
    temp = openTempDatabase();
    const { db, sqlite } = temp;
    const at = new Date('2026-11-24T18:00:00Z');
    expect(() => recordEmailConsent(db, testPiiKeys, 'rosa@example.com', { action: 'grant', source: 'web_form', proof: '  ' }, at)).toThrow(
      expect.objectContaining({ code: 'EMAIL_CONSENT_PROOF' }),
    );
    expect(sqlite.prepare('SELECT count(*) AS n FROM email_consent_entries').get()).toEqual({ n: 0 });
    recordEmailConsent(db, testPiiKeys, 'rosa@example.com', { action: 'grant', source: 'web_form', proof: 'form 7' }, at);
    expect(hasEmailConsent(db, testPiiKeys, 'ROSA@Example.COM')).toBe(true);
    recordEmailConsent(db, testPiiKeys, 'Rosa@example.com', { action: 'revoke', source: 'counter', proof: 'asked', recordedBy: 'staff-1' }, at);
    expect(hasEmailConsent(db, testPiiKeys, 'rosa@example.com')).toBe(false);
  });
});
